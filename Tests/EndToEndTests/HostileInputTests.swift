import Foundation
import Testing

/// A started `parley` with pipes on all three streams, for tests that talk to it over time.
struct Running {
    let process: Child
    private let stdin: Int32, stdout: Int32, stderr: Int32

    init(_ arguments: [String], folder: URL, environment: [String: String]) throws {
        let input = try ChildPipe(), output = try ChildPipe(), errors = try ChildPipe()
        process = try Child(
            ParleyProcess.executable.path, arguments, folder: folder.path, environment: environment,
            streams: (input.read, output.write, errors.write))
        [input.read, output.write, errors.write].forEach { close($0) }
        (stdin, stdout, stderr) = (input.write, output.read, errors.read)
    }

    func send(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { write(stdin, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            bytes = bytes.dropFirst(count)
        }
    }

    /// Closes standard input and waits: (stdout, stderr).
    func finish() -> (String, String) {
        let (out, err) = Child.exchange(input: Data(), stdin: stdin, stdout: stdout, stderr: stderr)
        process.wait()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

/// What issue 14 found through the binary: each case in the shape that broke it.
@Suite("Hostile input through the built binary", .serialized)
struct HostileBinaryTests {
    private func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    /// One turn of `talks/a.txt`: 10 words, two of them "the".
    private static let turn = "Ann Lee: the court heard the case of a state and its law today.\n\n"

    /// A fresh folder with `talks/a.txt`, 20,000 turns (1.2 MB, over the cache's threshold, plain
    /// UTF-8, so the cache reads its text from it), and an environment with the cache inside.
    private func withTalks(_ body: (_ folder: URL, _ talks: URL, _ environment: [String: String]) throws -> Void) throws {
        try withFolder { folder in
            let talks = folder.appendingPathComponent("talks")
            try FileManager.default.createDirectory(at: talks, withIntermediateDirectories: true)
            try String(repeating: Self.turn, count: 20_000).write(to: talks.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
            try body(folder, talks, ["XDG_CACHE_HOME": folder.path + "/cache", "HOME": folder.path])
        }
    }

    @Test("a cache file truncated under a running session: one error, the corpus loaded again, right answers after, no crash")
    func truncatedCache() throws {
        try withTalks { folder, _, environment in
            let first = try ParleyProcess.run(["talks"], input: "info\n", folder: folder, environment: environment)
            #expect(first.status == 0)
            let caches = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/cache/parley").filter { $0.hasSuffix(".parleyindex") }
            #expect(caches.count == 1)
            let cache = folder.path + "/cache/parley/" + (caches.first ?? "")
            // The second session maps the cache; another program then cuts the file in half.
            let running = try Running(["--keep-going", "talks"], folder: folder, environment: environment)
            running.send("info\n")
            usleep(1_500_000)
            var status = stat()
            #expect(stat(cache, &status) == 0)
            #expect(truncate(cache, off_t(status.st_size / 2)) == 0)
            running.send("count the\ncount the\n")
            let (out, err) = running.finish()
            // One command failed, saying why; the next had the whole corpus back.
            #expect(err.components(separatedBy: "changed under the session").count == 2, "\(err)")
            #expect(out.contains("the    40000  240000"), "\(out)")
            #expect(running.process.termination == .exit(1))
        }
    }

    @Test("a transcript rewritten under a running session, size and time kept: the kwic that reads it says so once, and the next shows the new text")
    func rewrittenTranscript() throws {
        try withTalks { folder, talks, environment in
            let file = talks.appendingPathComponent("a.txt")
            #expect(try ParleyProcess.run(["talks"], input: "info\n", folder: folder, environment: environment).status == 0)
            let running = try Running(["--keep-going", "talks"], folder: folder, environment: environment)
            running.send("info\n")
            usleep(1_500_000)
            var before = stat()
            #expect(stat(file.path, &before) == 0)
            try String(repeating: Self.turn.replacingOccurrences(of: "law", with: "LAW"), count: 20_000)
                .write(to: file, atomically: false, encoding: .utf8)
            var times = [before.st_atim, before.st_mtim]
            #expect(utimensat(AT_FDCWD, file.path, &times, 0) == 0)
            running.send("kwic law --limit 1\nkwic law --limit 1\n")
            let (out, err) = running.finish()
            #expect(err.components(separatedBy: "changed under the session").count == 2, "\(err)")
            // The old text is never shown; the new one is.
            #expect(!out.contains(" law "), "\(out)")
            #expect(out.contains("a state and its  LAW   today."), "\(out)")
            #expect(running.process.termination == .exit(1))
        }
    }

    @Test("loaded with --no-cache, a transcript read again from its file and rewritten under the session is noticed once; a CRLF one, held in memory, is not read again")
    func rewrittenTranscriptWithoutCache() throws {
        try withTalks { folder, talks, environment in
            let file = talks.appendingPathComponent("a.txt")
            let held = talks.appendingPathComponent("b.txt")
            try "Bob Ray: an old rule.\r\n".write(to: held, atomically: true, encoding: .utf8)
            let running = try Running(["--keep-going"], folder: folder, environment: environment)
            running.send("load talks --no-cache\n")
            usleep(1_500_000)
            // Both files rewritten, a.txt to the same size: "law" becomes "LAW", "old" becomes "new".
            try String(repeating: Self.turn.replacingOccurrences(of: "law", with: "LAW"), count: 20_000)
                .write(to: file, atomically: false, encoding: .utf8)
            try "Bob Ray: an new rule.\r\n".write(to: held, atomically: false, encoding: .utf8)
            running.send("kwic rule\nkwic law --limit 1\nkwic law --limit 1\nkwic rule\n")
            let (out, err) = running.finish()
            #expect(err.components(separatedBy: "changed under the session").count == 2, "\(err)")
            let lines = out.split(separator: "\n").filter { $0.contains("rule") }.map { $0.split(separator: " ").joined(separator: " ") }
            // b.txt's text was held: the first kwic shows it as loaded; after the load that
            // a.txt's change caused, the new one.
            #expect(lines.count == 2 && lines[0].hasSuffix(" Bob Ray 2 an old rule .") && lines[1].hasSuffix(" Bob Ray 2 an new rule ."), "\(out)")
            #expect(!out.contains(" law "), "\(out)")
            #expect(out.contains("a state and its  LAW   today."), "\(out)")
            #expect(running.process.termination == .exit(1))
        }
    }

    @Test("a transcript loaded by name and moved away under a running session: each command says so, and load and quit still run")
    func removedTranscript() throws {
        try withTalks { folder, talks, environment in
            try "Bob Ray: another law was passed.\n".write(to: talks.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
            let arguments = ["talks/a.txt", "talks/b.txt"]
            #expect(try ParleyProcess.run(arguments, input: "info\n", folder: folder, environment: environment).status == 0)
            let running = try Running(["--keep-going"] + arguments, folder: folder, environment: environment)
            running.send("info\n")
            usleep(1_500_000)
            #expect(rename(talks.path + "/a.txt", folder.path + "/a.moved") == 0)
            running.send("kwic law --limit 1\ncount law\nload talks/b.txt\ncount law\nquit\ncount law\n")
            let (out, err) = running.finish()
            // The two commands on the old corpus fail, saying what to do; the load and quit run.
            // The path as the user gave it, from the session's folder.
            #expect(err.components(separatedBy: "loading it again failed: no such file or folder: talks/a.txt;").count == 3, "\(err)")
            #expect(err.contains("load the corpus again when its files are back, or load others"))
            #expect(err.contains("loaded 1 document, 1 turn"), "\(err)")
            // One count, on the corpus loaded after (b.txt: 4 tokens, 1 hit); none after quit.
            let counts = out.split(separator: "\n").filter { $0.hasPrefix("law ") }.map { $0.split(separator: " ") }
            #expect(counts == [["law", "1", "4", "2500.00", "1"]], "\(out)")
            #expect(running.process.termination == .exit(1))
        }
    }

    @Test("a script that starts with a byte order mark runs its first line")
    func byteOrderMark() throws {
        let result = try ParleyProcess.run([], input: "\u{FEFF}info\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("corpus                 seeds (built in)\n"))
    }

    @Test("an error echoes at most 80 characters of a 10 MB line, with NUL and ESC escaped, on one line")
    func hugeAndControlLines() throws {
        let huge = try ParleyProcess.run([], input: "frobnicate" + String(repeating: "x", count: 10_000_000) + "\n")
        #expect(huge.status == 1)
        let line = huge.stderr.split(separator: "\n")
        #expect(line.count == 1)
        #expect(huge.stderr.count < 300, "\(huge.stderr.prefix(400))")
        #expect(huge.stderr.hasPrefix("parley: line 1: unknown command \"frobnicatexxx"))
        for (input, shown) in [("kwic \"a\u{0}b\"", "\\0"), ("kwic \u{1B}[31mred", "\\u{1B}"), ("count a\u{2028}b", "\\u{2028}")] {
            let control = try ParleyProcess.run([], input: input + "\n")
            #expect(control.status == 1)
            #expect(control.stderr.split(separator: "\n").count == 1)
            #expect(!control.stderr.contains("\u{1B}") && !control.stderr.contains("\u{0}"))
            #expect(control.stderr.contains("parley: line 1: the line holds the control character \(shown) at column "), "\(control.stderr)")
        }
    }

    @Test("a regular expression that backtracks for ever stops at set timeout, and at SIGINT", .timeLimit(.minutes(2)))
    func runawayRegex() throws {
        try withFolder { folder in
            // Words of 50 letters: /(a|aa)*c/ tries more ways to split each than there is time
            // (Fibonacci's 50th number), and no word holds a c to end it early.
            let words = (0..<50).map { String(repeating: "a", count: 50) + String(UnicodeScalar(UInt8(100 + $0 % 20))) }
            try ("Ann Lee: " + words.joined(separator: " ") + "\n").write(to: folder.appendingPathComponent("w.txt"), atomically: true, encoding: .utf8)
            let timed = try ParleyProcess.run(
                ["--keep-going", "w.txt"], input: "set timeout 0.5\ncount /(a|aa)*c/\ncount aaaa*\n", folder: folder)
            #expect(timed.status == 1)
            #expect(timed.stderr.contains("parley: line 2: stopped after the time limit of 0.5 s (set timeout)"), "\(timed.stderr)")
            // The command after it ran as usual: all 50 words.
            #expect(timed.stdout.split(separator: "\n").last?.split(separator: " ").prefix(2) == ["aaaa*", "50"], "\(timed.stdout)")
            let running = try Running(["w.txt"], folder: folder, environment: [:])
            running.send("count /(a|aa)*c/\n")
            usleep(700_000)
            running.process.signal(SIGINT)
            let (_, err) = running.finish()
            #expect(running.process.termination == .exit(130), "\(err)")
        }
    }
}

/// Recording under pressure: two writers, a full disk, a long notebook.
@Suite("Recording that never loses a cell", .serialized)
struct RecordingSafetyTests {
    private func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: ParleyProcess.repositoryRoot.appendingPathComponent("seeds"), to: folder.appendingPathComponent("seeds"))
        try body(folder)
    }

    @Test("a second process recording into the same notebook is refused, naming the first; the first's cells all stay")
    func oneWriter() throws {
        try withFolder { folder in
            let first = try Running(["--notebook", "x.md"], folder: folder, environment: ProcessInfo.processInfo.environment)
            first.send("load seeds\ncount we\n")
            usleep(500_000)
            let second = try ParleyProcess.run(["--notebook", "x.md"], input: "count you\n", folder: folder)
            #expect(second.status == 2)
            #expect(second.stderr == "parley: x.md: cannot record into it: another Parley (process \(first.process.pid)) is recording into it (one writer per notebook)\n")
            first.send("count terror*\n")
            _ = first.finish()
            let notebook = try String(contentsOf: folder.appendingPathComponent("x.md"), encoding: .utf8)
            for command in ["load seeds", "count we", "count terror*"] { #expect(notebook.contains("```parley\n\(command)\n```")) }
            #expect(!notebook.contains("count you"))
            #expect(try ParleyProcess.run(["replay", "x.md"], input: "", folder: folder).status == 0)
        }
    }

    @Test("recording appends: the file keeps its inode and every byte it had, one cell added per command")
    func appends() throws {
        try withFolder { folder in
            let running = try Running(["--notebook", "x.md"], folder: folder, environment: ProcessInfo.processInfo.environment)
            var snapshots: [(inode: UInt64, text: String)] = []
            for command in ["load seeds", "info", "kwic terrorism", "info"] {
                running.send(command + "\n")
                // Wait for the cell to land (a busy machine takes longer), up to 20 s: the file
                // grows by a cell per command, so a fixed pause would make this a timing test.
                let before = snapshots.last?.text.count ?? -1
                for _ in 0..<200 {
                    let current = (try? String(contentsOf: folder.appendingPathComponent("x.md"), encoding: .utf8))?.count ?? -1
                    if current > before, current > 0 { break }
                    usleep(100_000)
                }
                usleep(100_000)
                var status = stat()
                #expect(stat(folder.appendingPathComponent("x.md").path, &status) == 0)
                snapshots.append((UInt64(status.st_ino), try String(contentsOf: folder.appendingPathComponent("x.md"), encoding: .utf8)))
            }
            _ = running.finish()
            #expect(Set(snapshots.map(\.inode)).count == 1)
            for (earlier, later) in zip(snapshots, snapshots.dropFirst()) {
                #expect(later.text.hasPrefix(earlier.text) && later.text.count > earlier.text.count)
            }
        }
    }

    @Test("a notebook that cannot be written (the file size limit) makes the run exit 1, and says why")
    func failedWrite() throws {
        try withFolder { folder in
            // 2 blocks of 512 bytes: the header and a cell or two fit, a concordance does not.
            let script = "ulimit -f 2; exec \"\(ParleyProcess.executable.path)\" --notebook x.md"
            let (output, errors, termination) = try Child.run(
                "/bin/sh", ["-c", script], input: Data("load seeds\nkwic the\ninfo\n".utf8), folder: folder.path,
                environment: nil)
            let out = String(decoding: output, as: UTF8.self)
            let err = String(decoding: errors, as: UTF8.self)
            #expect(termination == .exit(1), "\(err)")
            #expect(err.contains("parley: cannot write the notebook \(folder.path)/x.md: file too large\n"), "\(err)")
            // The results themselves went out.
            #expect(out.contains("selected_tokens        927"))
        }
    }

    @Test("a session typed as a script with a fence line, a fenced note and a control character replays clean")
    func awkwardLinesReplay() throws {
        try withFolder { folder in
            let script = "load seeds\n```\nnote ```parley\nnote ~~~ and more\ncount a\u{85}b\ncount terror*\n"
            let run = try ParleyProcess.run(["--keep-going", "--notebook", "x.md"], input: script, folder: folder)
            #expect(run.status == 1)
            let replay = try ParleyProcess.run(["replay", "x.md"], input: "", folder: folder)
            #expect(replay.status == 0, "\(replay.stdout)")
            #expect(replay.stdout == "x.md: 3 cells, all match\n")
        }
    }

    @Test("a cache folder that cannot be made is a warning in words, and the load still succeeds")
    func cacheFolderWarning() throws {
        try withFolder { folder in
            let talks = folder.appendingPathComponent("talks")
            try FileManager.default.createDirectory(at: talks, withIntermediateDirectories: true)
            try String(repeating: "Ann Lee: the court heard the case.\n\n", count: 40_000)
                .write(to: talks.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
            // XDG_CACHE_HOME names a file, so its parley folder cannot be made.
            try "x".write(to: folder.appendingPathComponent("file"), atomically: true, encoding: .utf8)
            let result = try ParleyProcess.run(["talks"], input: "info\n", folder: folder, environment: ["XDG_CACHE_HOME": folder.path + "/file"])
            #expect(result.status == 0)
            #expect(result.stderr.contains(
                "parley: warning: the index cache was not saved: cannot create the folder \(folder.path)/file/parley: \(folder.path)/file is a file, not a folder\n"),
                "\(result.stderr)")
            #expect(!result.stderr.contains("NSCocoaErrorDomain"))
        }
    }
}

/// A notebook from a stranger's branch, replayed (issue 14, must show).
@Suite("A hostile notebook in replay")
struct HostileNotebookTests {
    @Test("absolute and ../ paths, links out of the repository, --out at the notebook or .git: nothing outside is read or written, the notebook stays")
    func sandbox() throws {
        let top = FileManager.default.temporaryDirectory.appendingPathComponent("parley-evil-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: top) }
        let outside = top.appendingPathComponent("outside")
        let repository = top.appendingPathComponent("repo")
        let notebooks = repository.appendingPathComponent("notebooks")
        for folder in [outside, notebooks, repository.appendingPathComponent(".git")] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(
            at: ParleyProcess.repositoryRoot.appendingPathComponent("seeds"), to: repository.appendingPathComponent("seeds"))
        try "Eve Spy: the password is swordfish.\n".write(to: outside.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try "[core]\n".write(to: repository.appendingPathComponent(".git/config"), atomically: true, encoding: .utf8)
        // A link to the folder outside, and one where --out would write through to it.
        try FileManager.default.createSymbolicLink(atPath: repository.appendingPathComponent("link").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: notebooks.appendingPathComponent("out-link.csv").path, withDestinationPath: outside.appendingPathComponent("written.csv").path)
        let commands = [
            "load \(outside.path)/secret.txt", "load ../../outside/secret.txt", "load ../link", "load ../link/secret.txt",
            "load ../link/*.txt", "load ../seeds", "freq --stopwords ../../outside/secret.txt",
            "kwic the --out \(outside.path)/stolen.csv", "kwic the --out ../../outside/stolen.csv", "kwic the --out evil.md",
            "kwic the --out out-link.csv", "kwic the --out ../.git/config", "note echo pwned",
            "save \(outside.path)/bashrc", "save ../../outside/saved.md", "record ../../outside/r.md", "record evil.md",
        ]
        let notebook = "# Evil\n\n" + commands.map { "```parley\n\($0)\n```\n\n```output\n```\n\n" }.joined()
        let url = notebooks.appendingPathComponent("evil.md")
        try notebook.write(to: url, atomically: true, encoding: .utf8)
        let original = try Data(contentsOf: url)
        let replay = try ParleyProcess.run(["replay", "notebooks/evil.md"], input: "", folder: repository)
        #expect(replay.status == 1)
        // Nothing outside the repository was written, nothing of it read, and the notebook and
        // .git are as they were.
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == ["secret.txt"])
        #expect(!replay.stdout.contains("swordfish") && !replay.stdout.contains("Eve Spy"))
        #expect(try Data(contentsOf: url) == original)
        #expect(try String(contentsOf: repository.appendingPathComponent(".git/config"), encoding: .utf8) == "[core]\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: notebooks.appendingPathComponent("out-link.csv").path)
            == outside.appendingPathComponent("written.csv").path)
        // Each refusal is one line saying why.
        let lines = replay.stdout.split(separator: "\n").filter { $0.hasPrefix("+parley: line ") }
        let refusals = lines.filter { $0.contains("leads outside the repository holding the notebook") }
        #expect(refusals.count == 8, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("through a symbolic link") })
        #expect(lines.contains { $0.hasSuffix("evil.md is the notebook being run, which its own cells never write") })
        #expect(lines.contains { $0.hasSuffix("../.git/config lies inside a .git folder, which a notebook never writes") })
        #expect(lines.contains { $0.contains("out-link.csv\": it is a symbolic link, which Parley never replaces") })
        #expect(replay.stdout.components(separatedBy: "does nothing while a notebook's cells run").count == 5)
        // --allow-any-path lifts the confinement for a notebook one trusts, but never writes the notebook.
        let trusted = try ParleyProcess.run(["replay", "--allow-any-path", "notebooks/evil.md"], input: "", folder: repository)
        #expect(trusted.stdout.contains("+parley: loaded 1 document, 1 turn, 1 speaker, 4 tokens, 4 types"))
        #expect(trusted.stdout.contains("evil.md is the notebook being run"))
        #expect(try Data(contentsOf: url) == original)
        try? FileManager.default.removeItem(at: outside.appendingPathComponent("stolen.csv"))
    }
}
