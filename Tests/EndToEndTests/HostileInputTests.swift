import Foundation
import Testing

/// What issue 14 found through the binary: each case in the shape that broke it.
@Suite("Hostile input through the built binary", .serialized)
struct HostileBinaryTests {
    private func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    /// A started `parley` with pipes on all three streams.
    private struct Running {
        let process = Process()
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()

        init(_ arguments: [String], folder: URL, environment: [String: String]) throws {
            process.executableURL = ParleyProcess.executable
            process.arguments = arguments
            process.currentDirectoryURL = folder
            process.environment = environment
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
        }

        func send(_ text: String) { stdin.fileHandleForWriting.write(Data(text.utf8)) }

        /// Closes standard input and waits: (stdout, stderr).
        func finish() -> (String, String) {
            try? stdin.fileHandleForWriting.close()
            let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (out, err)
        }
    }

    @Test("a cache file truncated under a running session: one error, the corpus loaded again, right answers after, no crash")
    func truncatedCache() throws {
        try withFolder { folder in
            let talks = folder.appendingPathComponent("talks")
            try FileManager.default.createDirectory(at: talks, withIntermediateDirectories: true)
            // 1.2 MB, over the cache's threshold: 20,000 turns of 10 words, two of them "the".
            let turn = "Ann Lee: the court heard the case of a state and its law today.\n\n"
            try String(repeating: turn, count: 20_000).write(to: talks.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
            let environment = ["XDG_CACHE_HOME": folder.path + "/cache", "HOME": folder.path]
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
            #expect(running.process.terminationReason == .exit)
            // One command failed, saying why; the next had the whole corpus back.
            #expect(err.components(separatedBy: "changed under the session").count == 2, "\(err)")
            #expect(out.contains("the    40000  240000"), "\(out)")
            #expect(running.process.terminationStatus == 1)
        }
    }

    @Test("a script that starts with a byte order mark runs its first line")
    func byteOrderMark() throws {
        let result = try ParleyProcess.run([], input: "\u{FEFF}info\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("corpus           seeds (built in)\n"))
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
            running.process.interrupt()
            let (_, err) = running.finish()
            #expect(running.process.terminationStatus == 130, "\(err)")
        }
    }
}
