import Foundation
import Testing

/// Ctrl-C through the built binary on a generated corpus of 3 million tokens: at the prompt it
/// cancels a long command and leaves the session and the notebook as they were; in a script it
/// ends the run with status 130.
@Suite("Ctrl-C through the built binary", .serialized)
struct InterruptTests {
    /// A folder with `big/talk.txt`: 3 million tokens in 30,000 turns of two speakers, a third
    /// of them "the", so that kwic the --sort 1R has a million lines to sort and render.
    private func withBigCorpus(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-int-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("big"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let words = ["court", "case", "law", "state", "question", "answer", "record", "argument", "brief", "rule"]
        var text = ""
        text.reserveCapacity(20_000_000)
        for turn in 0..<30_000 {
            text += turn % 2 == 0 ? "Ann Bell: " : "Bob Hale: "
            for index in 0..<100 {
                // 99 words a turn after the label's 2; every third is "the".
                if index == 99 { break }
                text += index % 3 == 0 ? "the " : words[(turn + index) % words.count] + " "
            }
            text += "\n\n"
        }
        try text.write(to: folder.appendingPathComponent("big/talk.txt"), atomically: true, encoding: .utf8)
        try body(folder)
    }

    @Test("at the prompt Ctrl-C cancels kwic the --sort 1R; the next command runs and the notebook has no trace of it")
    func promptCancels() throws {
        try withBigCorpus { folder in
            let environment = ["XDG_STATE_HOME": folder.path + "/state", "XDG_CACHE_HOME": folder.path + "/cache",
                "HOME": folder.path, "TERM": "xterm", "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PAGER": "cat"]
            let terminal = try PseudoTerminal(environment: environment, arguments: ["--notebook", "x.md", "big"], folder: folder)
            #expect(terminal.wait(for: "parley> ", seconds: 120))
            terminal.type("kwic the --sort 1R\r")
            usleep(1_500_000)
            terminal.interrupt()
            #expect(terminal.wait(for: "error: cancelled; the session is as it was before the command", seconds: 30))
            #expect(terminal.wait(for: "parley> ", count: 2, seconds: 30))
            terminal.type("count the\r")
            #expect(terminal.wait(for: "parley> ", count: 3, seconds: 60))
            // 33 of the 99 words of each of 30,000 turns are "the".
            #expect(terminal.screen.contains("the    990000"))
            terminal.type("\u{4}")
            #expect(terminal.exitStatus(seconds: 30) == 0)
            let notebook = try String(contentsOf: folder.appendingPathComponent("x.md"), encoding: .utf8)
            #expect(notebook.contains("```parley\ncount the\n```"))
            #expect(!notebook.contains("kwic"))
        }
    }

    @Test("in a script SIGINT ends the run with 130, while a command runs or while waiting for input")
    func scriptExits() throws {
        try withBigCorpus { folder in
            for input in ["load big --no-cache\nkwic the --sort 1R\ninfo\n", nil] {
                let process = Process()
                process.executableURL = ParleyProcess.executable
                process.currentDirectoryURL = folder
                process.environment = ["XDG_CACHE_HOME": folder.path + "/cache", "HOME": folder.path]
                let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
                process.standardInput = stdin
                process.standardOutput = stdout
                process.standardError = stderr
                try process.run()
                if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
                usleep(1_500_000)
                process.interrupt()
                let output = stdout.fileHandleForReading.readDataToEndOfFile()
                let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                try? stdin.fileHandleForWriting.close()
                #expect(process.terminationStatus == 130, "\(errors)")
                #expect(process.terminationReason == .exit)
                if input != nil {
                    // Stopped during the load or the kwic: no table reached standard output.
                    #expect(output.isEmpty)
                    #expect(errors.contains(": interrupted\n"))
                }
            }
        }
    }
}
