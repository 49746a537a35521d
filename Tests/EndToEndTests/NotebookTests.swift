import Foundation
import ParleyNotebook
import Testing

/// Notebooks through the built binary: replay, --update, recording from a script and from a
/// session typed on a pseudo-terminal, and bad notebooks.
@Suite("Notebooks through the built binary")
struct NotebookTests {
    /// A fresh repository (a folder with `.git`, the replay root) holding a copy of the seed in
    /// `seeds/`, removed after `body`.
    private func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: ParleyProcess.repositoryRoot.appendingPathComponent("seeds"), to: folder.appendingPathComponent("seeds"))
        try body(folder)
    }

    private func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test("every notebook in notebooks/ replays clean")
    func repositoryNotebooks() throws {
        let folder = ParleyProcess.repositoryRoot.appendingPathComponent("notebooks")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".md") && !$0.hasSuffix(".saved.md") }.sorted()
        #expect(names.count >= 3)
        let result = try ParleyProcess.run(["replay"] + names.map { "notebooks/" + $0 }, input: "")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix("all match") })
    }

    @Test("one changed character: exit 1 and a diff with that line; --update restores every byte")
    func changeAndUpdate() throws {
        try withFolder { folder in
            let original = try text(ParleyProcess.repositoryRoot.appendingPathComponent("notebooks/putin-and-petrenko.md"))
            let notebook = folder.appendingPathComponent("notes/compare.md")
            try FileManager.default.createDirectory(at: notebook.deletingLastPathComponent(), withIntermediateDirectories: true)
            // The notebook loads ../seeds: the copy in this folder.
            let changed = original.replacing("A     we    24  1", with: "A     we    25  1")
            #expect(changed != original)
            try changed.write(to: notebook, atomically: true, encoding: .utf8)
            let replay = try ParleyProcess.run(["replay", "notes/compare.md"], input: "", folder: folder)
            #expect(replay.status == 1)
            #expect(replay.stdout.contains("-A     we    25  1"))
            #expect(replay.stdout.contains("+A     we    24  1"))
            #expect(replay.stdout.contains("notes/compare.md: 5 cells, 1 differ"))
            let update = try ParleyProcess.run(["replay", "--update", "notes/compare.md"], input: "", folder: folder)
            #expect(update.status == 0)
            #expect(try text(notebook) == original)
            let again = try ParleyProcess.run(["replay", "notes/compare.md"], input: "", folder: folder)
            #expect(again.status == 0)
        }
    }

    @Test("a script recorded with --notebook replays clean, and a second run continues it")
    func scriptRecording() throws {
        try withFolder { folder in
            let first = try ParleyProcess.run(["--notebook", "x.md"], input: "info\nkwic terrorism\n", folder: folder)
            #expect(first.status == 0)
            let notebook = try text(folder.appendingPathComponent("x.md"))
            #expect(notebook.contains("```parley\nkwic terrorism\n```\n\n```output\nnumber  document"))
            #expect(try ParleyProcess.run(["replay", "x.md"], input: "", folder: folder).status == 0)
            // The second run replays x.md first (the filter it sets is still on), then adds to it.
            _ = try ParleyProcess.run(["--notebook", "x.md"], input: "filter speaker:Putin\n", folder: folder)
            let second = try ParleyProcess.run(["--notebook", "x.md", "--keep-going"], input: "count terror*\nfrobnicate\n", folder: folder)
            #expect(second.stdout.contains("terror*     5     760"))
            let continued = try text(folder.appendingPathComponent("x.md"))
            #expect(continued.hasPrefix(notebook))
            #expect(continued.contains("parley: line "))
            #expect(try ParleyProcess.run(["replay", "x.md"], input: "", folder: folder).status == 0)
        }
    }

    @Test("record starts with the commands that set the session up, then records from now on; replay checks the corpus")
    func recordFromNow() throws {
        try withFolder { folder in
            let script = "load seeds\nfilter speaker:Putin\nkwic terror*\nrecord x.md\ncount we\n"
            let result = try ParleyProcess.run(input: script, folder: folder)
            #expect(result.status == 0)
            #expect(result.stderr.contains("parley: recording every later command into x.md; its first 2 cells set the session up as it is\n"))
            let notebook = try text(folder.appendingPathComponent("x.md"))
            #expect(notebook.contains("```parley\nload seeds\n```") && notebook.contains("```parley\nfilter speaker:Putin\n```"))
            #expect(notebook.contains("```parley\ncount we\n```"))
            #expect(!notebook.contains("kwic"))
            // The load's cell is followed by what it loaded.
            #expect(notebook.contains("```\n\n<!-- parley corpus: seeds (1 document, "))
            #expect(try ParleyProcess.run(["replay", "x.md"], input: "", folder: folder).status == 0)
            // The same number of bytes, one letter changed: replay names the corpus as the cause.
            let seed = folder.appendingPathComponent("seeds").appendingPathComponent(
                try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("seeds").path)[0])
            try text(seed).replacing("Putin", with: "Putim", maxReplacements: 1).write(to: seed, atomically: true, encoding: .utf8)
            let changed = try ParleyProcess.run(["replay", "x.md"], input: "", folder: folder)
            #expect(changed.stdout.hasPrefix("x.md: the corpus differs from the one this notebook was recorded on\n"))
        }
    }

    @Test("paths typed in one folder are recorded relative to the notebook")
    func relativePaths() throws {
        try withFolder { folder in
            let notes = folder.appendingPathComponent("notes/deep")
            try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
            let result = try ParleyProcess.run(
                ["--notebook", "notes/deep/x.md"], input: "load seeds\ncount we --out counts.csv\n", folder: folder)
            #expect(result.status == 0)
            // Status lines go to standard error, with the paths as typed; standard output has no result.
            #expect(result.stdout == "")
            #expect(result.stderr == "parley: recording every later command into x.md\nparley: loaded 1 document, 5 turns, 2 speakers, 927 tokens, 391 types\nparley: wrote 1 row to counts.csv (csv)\n")
            // The file went where the user typed it; the notebook names it from its own folder.
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("counts.csv").path))
            let notebook = try text(notes.appendingPathComponent("x.md"))
            #expect(notebook.contains("```parley\nload ../../seeds\n```"))
            #expect(notebook.contains("```parley\ncount we --out ../../counts.csv\n```"))
            let replay = try ParleyProcess.run(["replay", "x.md"], input: "", folder: notes)
            #expect(replay.status == 0, "\(replay.stdout)")
        }
    }

    @Test("a session typed on a pseudo-terminal is recorded and replays clean")
    func typedSession() throws {
        try withFolder { folder in
            let state = folder.appendingPathComponent("state")
            let environment = ["XDG_STATE_HOME": state.path, "HOME": state.path, "TERM": "xterm", "PATH": "/usr/bin:/bin",
                "NO_COLOR": "1", "PAGER": ""]
            let terminal = try PseudoTerminal(environment: environment)
            #expect(terminal.wait(for: "parley> "))
            let lines = ["load seeds", "count terror* --by speaker", "note Only Putin says terrorism.", "kwic /terror(/", "filter speaker:Putin"]
            for (index, line) in lines.enumerated() {
                terminal.type(line + "\r")
                #expect(terminal.wait(for: "parley> ", count: index + 2))
            }
            terminal.type("\u{4}")
            #expect(terminal.exitStatus() == 0)
            let sessions = state.appendingPathComponent("parley/sessions")
            let files = try FileManager.default.contentsOfDirectory(atPath: sessions.path)
            #expect(files.count == 1)
            let notebook = try text(sessions.appendingPathComponent(files[0]))
            #expect(notebook.contains("\nOnly Putin says terrorism.\n"))
            #expect(notebook.contains("invalid regular expression /terror(/"))
            // A session file in Parley's own state folder is the user's record, so it replays
            // with the corpus where it is (here, outside the folder the file is in).
            let replay = try ParleyProcess.run(
                ["replay", sessions.appendingPathComponent(files[0]).path], input: "", folder: folder, environment: ["XDG_STATE_HOME": state.path])
            #expect(replay.status == 0, "\(replay.stdout)")
        }
    }

    @Test("a session typed with errors, a glob, absolute and outside paths, a long kwic and a heading saves a notebook that replays")
    func typedSessionSaves() throws {
        try withFolder { folder in
            let talks = folder.appendingPathComponent("data/talks")
            let work = folder.appendingPathComponent("work")
            try FileManager.default.createDirectory(at: talks, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: work.appendingPathComponent("notes"), withIntermediateDirectories: true)
            // 600 "the" in each of two files: a kwic of 1,200 lines.
            for name in ["a", "b"] {
                let text = "Ann Bell: " + String(repeating: "the case of the court ", count: 300) + "\n"
                try text.write(to: talks.appendingPathComponent("\(name).txt"), atomically: true, encoding: .utf8)
            }
            let environment = ["XDG_STATE_HOME": folder.path + "/state", "HOME": folder.path, "TERM": "xterm",
                "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PAGER": "cat"]
            let terminal = try PseudoTerminal(environment: environment, folder: work)
            #expect(terminal.wait(for: "parley> "))
            let lines = ["frobnicate", "load nowhere", "load ../data/talks/*.txt", "load \(talks.path)", "kwic the",
                "note # What the talks say", "save notes/s.md"]
            for (index, line) in lines.enumerated() {
                terminal.type(line + "\r")
                #expect(terminal.wait(for: "parley> ", count: index + 2, seconds: 30), "\(line)")
            }
            terminal.type("\u{4}")
            #expect(terminal.exitStatus() == 0)
            // Messages name paths as they were typed.
            #expect(terminal.screen.contains("error: no such file or folder: nowhere"))
            #expect(terminal.screen.contains("saved the session so far (5 cells) to notes/s.md"))
            let saved = try text(work.appendingPathComponent("notes/s.md"))
            #expect(saved.hasPrefix("# What the talks say\n\n<!-- parley "))
            #expect(saved.contains("```parley\nload ../../data/talks/*.txt\n```"))
            #expect(saved.contains("parley: line ") && saved.contains(": no such file or folder: ../nowhere\n"))
            let notebook = try Notebook(parsing: saved)
            let kwic = notebook.blocks.compactMap { block -> Notebook.Cell? in
                if case .cell(let cell) = block, cell.commands == ["kwic the"] { cell } else { nil }
            }
            let body = kwic.first?.output?.body.split(separator: "\n") ?? []
            // 200 lines (the header, the rule and 198 concordance lines), then the digest line.
            #expect(body.count == 201)
            #expect(body.last?.hasPrefix("parley: 1002 more lines not stored; the whole output has 1202 lines, SHA-256 ") == true)
            let replay = try ParleyProcess.run(["replay", work.appendingPathComponent("notes/s.md").path], input: "", folder: folder)
            #expect(replay.status == 0, "\(replay.stdout)")
        }
    }

    @Test("bad notebooks: one line with the line number, exit 2, the file untouched")
    func badNotebooks() throws {
        try withFolder { folder in
            let cases: [(String, [UInt8], String)] = [
                ("open.md", Array("# x\n\n```parley\ninfo\n".utf8), "parley: open.md: line 3: this code fence is never closed\n"),
                ("orphan.md", Array("# x\n\n```output\nx\n```\n".utf8), "parley: orphan.md: line 3: an output block must follow a parley block\n"),
                ("latin1.md", Array("# x\n\ncaf".utf8) + [0xE9] + Array("\n".utf8), "parley: latin1.md: line 3: not UTF-8 (byte 8)\n"),
            ]
            for (name, bytes, message) in cases {
                let url = folder.appendingPathComponent(name)
                try Data(bytes).write(to: url)
                let result = try ParleyProcess.run(["replay", "--update", name], input: "", folder: folder)
                #expect(result.status == 2, "\(name)")
                #expect(result.stderr == message)
                #expect(try Data(contentsOf: url) == Data(bytes))
            }
        }
    }

    @Test("a missing corpus is recorded as the cell's error; a read-only notebook is not updated")
    func missingCorpusAndReadOnly() throws {
        try withFolder { folder in
            let url = folder.appendingPathComponent("missing.md")
            let source = "# Missing\n\n```parley\nload nowhere\ninfo --format csv\n```\n"
            try source.write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: url.path)
            let readOnly = try ParleyProcess.run(["replay", "--update", "missing.md"], input: "", folder: folder)
            #expect(readOnly.status == 2)
            #expect(readOnly.stderr == "parley: missing.md:3: cannot update: the file is read-only\n")
            #expect(try text(url) == source)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
            #expect(try ParleyProcess.run(["replay", "--update", "missing.md"], input: "", folder: folder).status == 0)
            let updated = try text(url)
            // A cell of two commands marks where each command's output starts.
            #expect(updated.contains("```output\nparley> load nowhere\nparley: line 4: no such file or folder: nowhere\nparley> info --format csv\ncorpus,"))
            #expect(try ParleyProcess.run(["replay", "missing.md"], input: "", folder: folder).status == 0)
        }
    }

    @Test("replay prints the same bytes whatever the terminal width, locale, time zone or folder")
    func determinism() throws {
        let notebook = ParleyProcess.repositoryRoot.appendingPathComponent("notebooks/tour-of-the-seed.md").path
        let first = try ParleyProcess.run(["replay", notebook], input: "")
        let elsewhere = try ParleyProcess.run(
            ["replay", notebook], input: "", folder: FileManager.default.temporaryDirectory,
            environment: ["COLUMNS": "20", "LINES": "5", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8", "TZ": "Asia/Tokyo"])
        #expect(first.status == 0 && elsewhere.status == 0)
        #expect(first.stdout == elsewhere.stdout)
        // The output of a script, too, is the same bytes under another locale and width.
        let script = "freq --top 3\ncompare Putin rest --format json\n"
        let plain = try ParleyProcess.run(input: script)
        let german = try ParleyProcess.run(input: script, environment: ["COLUMNS": "20", "LC_ALL": "de_DE.UTF-8", "TZ": "Asia/Tokyo"])
        #expect(plain.stdout == german.stdout && !plain.stdout.isEmpty)
    }
}
