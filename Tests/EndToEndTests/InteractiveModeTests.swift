import Foundation
import Testing

@Suite("Interactive mode on a pseudo-terminal")
struct InteractiveModeTests {
    /// Runs `body` with Parley on a pseudo-terminal whose state folder is fresh and removed after.
    private func withTerminal(_ body: (PseudoTerminal, URL) throws -> Void) throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("parley-pty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let environment = ["XDG_STATE_HOME": state.path, "HOME": state.path, "TERM": "xterm", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"]
        let terminal = try PseudoTerminal(environment: environment)
        #expect(terminal.wait(for: "parley> "))
        try body(terminal, state)
    }

    @Test("Tab completes a verb, the command runs, Ctrl-D exits 0 and the history has it")
    func completionHistoryAndEOF() throws {
        try withTerminal { terminal, state in
            terminal.type("spea\t")
            #expect(terminal.wait(for: "speakers"))
            terminal.type("\r")
            #expect(terminal.wait(for: "Vladimir Putin      3     760    332     82.0"))
            // Ctrl-D only once readline holds the terminal again: typed while a command runs,
            // the terminal is in canonical mode, and the kernel turns an end-of-file there into
            // a NUL byte, which readline reads as Ctrl-@ (bash does the same). Typed before the
            // second prompt, it was lost now and then on a loaded machine, and the test waited
            // for an exit that never came.
            #expect(terminal.wait(for: "parley> ", count: 2))
            terminal.type("\u{4}")
            #expect(terminal.exitStatus() == 0)
            let history = try String(contentsOf: state.appendingPathComponent("parley/history"), encoding: .utf8)
            #expect(history.split(separator: "\n").contains("speakers"))
        }
    }

    @Test("Ctrl-C clears the line and the session goes on; errors point at the word")
    func interruptAndErrors() throws {
        try withTerminal { terminal, _ in
            terminal.type("frobnicate")
            #expect(terminal.wait(for: "frobnicate"))
            terminal.interrupt()
            #expect(terminal.wait(for: "^C"))
            terminal.type("info\r")
            #expect(terminal.wait(for: "tokens                 927"))
            #expect(!terminal.screen.contains("unknown command"))
            terminal.type("turns --limit abc\r")
            #expect(terminal.wait(for: "error: --limit expects a number, got \"abc\""))
            // The caret line starts at the left edge (after readline's \r): 8 for "parley> ", 14 to "abc".
            #expect(terminal.screen.contains("\r" + String(repeating: " ", count: 8 + 14) + "^^^\r\n"))
            terminal.type("quit\r")
            #expect(terminal.exitStatus() == 0)
        }
    }

    @Test("escape sequences in a transcript reach the terminal as visible characters, not as commands")
    func escapesInTranscripts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-esc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Retitle the window, clear the screen, turn the text red.
        let text = "Ann Lee: hello \u{1B}]0;PWNED\u{7} there \u{1B}[2J world \u{1B}[31mred\n"
        try text.write(to: folder.appendingPathComponent("t.txt"), atomically: true, encoding: .utf8)
        let environment = ["XDG_STATE_HOME": folder.path, "HOME": folder.path, "TERM": "xterm", "PATH": "/usr/bin:/bin",
            "NO_COLOR": "1", "PAGER": "cat"]
        let terminal = try PseudoTerminal(environment: environment, arguments: ["t.txt"], folder: folder)
        #expect(terminal.wait(for: "parley> "))
        terminal.type("turns --format csv\r")
        #expect(terminal.wait(for: "parley> ", count: 2))
        terminal.type("kwic there\r")
        #expect(terminal.wait(for: "parley> ", count: 3))
        #expect(!terminal.screen.contains("\u{1B}]0;PWNED") && !terminal.screen.contains("\u{1B}[2J") && !terminal.screen.contains("\u{1B}[31m"))
        // Each control character is one visible stand-in: ␛ for ESC, ␇ for BEL.
        #expect(terminal.screen.contains("hello \u{241B}]0;PWNED\u{2407} there \u{241B}[2J world \u{241B}[31mred"))
        terminal.type("\u{4}")
        #expect(terminal.exitStatus() == 0)
    }
}
