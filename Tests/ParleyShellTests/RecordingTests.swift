import Foundation
import ParleyNotebook
import ParleyShell
import Testing

@Suite("Recording and path rewriting")
struct RecordingTests {
    @Test("paths of load, --out and --stopwords are rewritten relative to the notebook")
    func rewriting() {
        #expect(PathRewriter.rewrite("load seeds", from: "/work/main", to: "/work/main/notebooks").line == "load ../seeds")
        #expect(PathRewriter.rewrite("load /data/x.txt seeds/a.txt", from: "/w", to: "/w/n").line == "load /data/x.txt ../seeds/a.txt")
        #expect(PathRewriter.rewrite("kwic we --out out/x.csv --width 30", from: "/w", to: "/w/n").line
            == "kwic we --out ../out/x.csv --width 30")
        #expect(PathRewriter.rewrite("freq --stopwords en", from: "/w", to: "/w/n").line == "freq --stopwords en")
        #expect(PathRewriter.rewrite("freq --stopwords stop.txt", from: "/w/n", to: "/w").line == "freq --stopwords n/stop.txt")
        #expect(PathRewriter.rewrite("load \"my corpus\"", from: "/w", to: "/w/n").line == "load \"../my corpus\"")
        #expect(PathRewriter.rewrite("kwic seeds", from: "/w", to: "/w/n").line == "kwic seeds")
    }

    @Test("a recorded notebook numbers its error lines and parses back into the same cells")
    func recorder() throws {
        var recorder = SessionRecorder(path: nil, folder: "/w")
        recorder.entries = [
            .cell(command: "info", output: .text("a\nb\n")),
            .note("A note."),
            .cell(command: "frobnicate", output: .error("unknown command \"frobnicate\"")),
        ]
        let text = recorder.text
        // No title given or noted: lines 1 header comment, 2 blank, 3 fence, 4 info, 5 fence,
        // 6 blank, 7 output, 8–9 body, 10 fence, 11 blank, 12 note, 13 blank, 14 fence, 15 frobnicate.
        #expect(text.hasPrefix("<!-- parley "))
        #expect(!text.contains("# "))
        #expect(text.contains("```output\nparley: line 15: unknown command \"frobnicate\"\n```\n"))
        let notebook = try Notebook(parsing: text)
        let cells = notebook.blocks.compactMap { block -> Notebook.Cell? in
            if case .cell(let cell) = block { cell } else { nil }
        }
        #expect(cells.map(\.commands) == [["info"], ["frobnicate"]])
        #expect(cells.map(\.line) == [3, 14])
        #expect(cells[0].output?.body == "a\nb\n")
    }

    @Test("an output holding a fence gets a longer one")
    func fences() {
        #expect(SessionRecorder.fence(for: "plain\n") == "```")
        #expect(SessionRecorder.fence(for: "```parley\n") == "````")
    }

    @Test("SHA-256 gives the FIPS 180-2 test vectors")
    func sha256() {
        #expect(SHA256.hex("".utf8) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("an output longer than the limit is stored as its first lines and a digest line")
    func cappedOutput() {
        let output = (1...1_012).map { "line \($0)\n" }.joined()
        let stored = OutputCap.stored(output, lines: 200)
        let lines = stored.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 201)
        #expect(lines[199] == "line 200")
        #expect(lines[200] == "parley: 812 more lines not stored; the whole output has 1012 lines, SHA-256 " + SHA256.hex(output.utf8))
        #expect(OutputCap.stored(output, lines: 1_012) == output)
        #expect(OutputCap.stored("a\nb", lines: 1) == "a\n" + OutputCap.digestLine(omitted: 1, total: 2, digest: SHA256.hex("a\nb".utf8)))
    }

    @Test("note keeps its line verbatim; the first heading noted is the title unless --title gives one")
    func notesAndTitles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var session = Session.withSeed(baseDirectory: folder.path)
        _ = session.perform("note # Findings")
        _ = session.perform("count we")
        _ = session.perform("note  > He said \"terror\" twice; #not a comment  ")
        #expect(session.recorder.entries.first == .note("# Findings"))
        #expect(session.recorder.entries.last == .note("> He said \"terror\" twice; #not a comment"))
        #expect(session.perform("note").error?.message.hasPrefix("note expects some text") == true)
        #expect(session.perform("save a.md").error == nil)
        let saved = try String(contentsOf: folder.appendingPathComponent("a.md"), encoding: .utf8)
        // The heading is the title, once; the header comment follows it.
        #expect(saved.hasPrefix("# Findings\n\n<!-- parley "))
        #expect(saved.components(separatedBy: "# Findings").count == 2)
        // No load ran: the notebook names no corpus.
        #expect(!saved.contains("corpus:"))
        #expect(saved.contains("\n> He said \"terror\" twice; #not a comment\n"))
        #expect(session.perform("save b.md --title \"Who says we\"").error == nil)
        let titled = try String(contentsOf: folder.appendingPathComponent("b.md"), encoding: .utf8)
        #expect(titled.hasPrefix("# Who says we\n\n<!-- parley "))
        #expect(titled.contains("\n# Findings\n"))
    }

    @Test("messages show paths as typed; the notebook stores them relative to itself, output included")
    func pathsAsTyped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("n"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var session = Session.withSeed(baseDirectory: folder.path)
        session.recorder = SessionRecorder(path: folder.path + "/n/x.md", folder: folder.path + "/n")
        let performed = session.perform("load nowhere")
        #expect(performed.error?.message == "no such file or folder: nowhere")
        #expect(session.recorder.entries == [.cell(command: "load ../nowhere", output: .error("no such file or folder: ../nowhere"))])
        // Saved one folder up, command and message both name the path from there.
        let moved = session.recorder.moved(to: folder.path + "/y.md")
        #expect(moved.entries == [.cell(command: "load nowhere", output: .error("no such file or folder: nowhere"))])
    }

    @Test("only session notebooks are pruned, the oldest first")
    func pruning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = (0..<105).map { String(format: "2026-01-01-%06d-42.md", $0) } + ["mine.md"]
        for name in names { #expect(FileManager.default.createFile(atPath: folder.path + "/" + name, contents: Data())) }
        Launcher.pruneSessions(in: folder.path, keeping: 99)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left.count == 100)
        #expect(left.first == "2026-01-01-000006-42.md")
        #expect(left.contains("mine.md"))
    }
}
