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
                let stdin = try ChildPipe(), stdout = try ChildPipe(), stderr = try ChildPipe()
                let process = try Child(
                    ParleyProcess.executable.path, [], folder: folder.path,
                    environment: ["XDG_CACHE_HOME": folder.path + "/cache", "HOME": folder.path],
                    streams: (stdin.read, stdout.write, stderr.write))
                [stdin.read, stdout.write, stderr.write].forEach { close($0) }
                if let input { _ = input.withCString { write(stdin.write, $0, strlen($0)) } }
                usleep(1_500_000)
                process.signal(SIGINT)
                // Standard input stays open until the end: a closed one would end the run by itself.
                let (output, errorBytes) = Child.exchange(input: Data(), stdin: -1, stdout: stdout.read, stderr: stderr.read)
                let errors = String(decoding: errorBytes, as: UTF8.self)
                close(stdin.write)
                #expect(process.wait() == .exit(130), "\(errors)")
                if input != nil {
                    // Stopped during the load or the kwic: no table reached standard output.
                    #expect(output.isEmpty)
                    #expect(errors.contains(": interrupted\n"))
                }
            }
        }
    }
}
