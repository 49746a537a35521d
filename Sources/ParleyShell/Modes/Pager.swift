import Foundation
import ParleyCore

/// Long output at the prompt goes through a pager (DESIGN.md §7): `$PAGER` when set, else
/// `less -FRX` when installed. The output streams: it is held back until it is taller than the
/// terminal, then the pager starts and takes the rest as it comes; output that fits the screen
/// is written directly. Control characters are made visible before either sees them.
struct PagerSink: TextSink {
    /// The terminal's height; nil when standard output is not a terminal (never paged).
    private let rows: Int?
    private var held = ""
    private var heldLines = 0
    private var pager: (process: pid_t, input: Int32)?
    private var previousSIGPIPE: (@convention(c) (Int32) -> Void)?
    private var stopped = false
    /// No pager could start: the output goes straight to the terminal.
    private var direct = false

    init() {
        rows = Self.terminalRows()
    }

    mutating func write(_ text: String) -> Bool { writeStyled(Visible.terminal(text)) }

    mutating func writeStyled(_ text: String) -> Bool {
        guard !stopped else { return false }
        let visible = text
        if let pager {
            // The pager may quit before reading everything (q in less): stop writing.
            if !Descriptors.writeAll(pager.input, Array(visible.utf8)) { stopped = true }
            return !stopped
        }
        if direct {
            if !Descriptors.writeAll(STDOUT_FILENO, Array(visible.utf8)) { stopped = true }
            return !stopped
        }
        held += visible
        heldLines += visible.utf8.lazy.filter { $0 == 0x0A }.count
        if let rows, heldLines >= rows - 1 { startPager() }
        return true
    }

    /// Writes what is held (output shorter than the screen), or waits for the pager to quit.
    mutating func finish() {
        if let pager {
            close(pager.input)
            var status: Int32 = 0
            while waitpid(pager.process, &status, 0) == -1 && errno == EINTR {}
            signal(SIGPIPE, previousSIGPIPE)
            self.pager = nil
        } else if !held.isEmpty {
            _ = Descriptors.writeAll(STDOUT_FILENO, Array(held.utf8))
        }
        held = ""
        heldLines = 0
    }

    private mutating func startPager() {
        guard let command = Self.pagerCommand() else { return flushHeld() }
        // posix_spawn rather than Process: Process starts the child in a process group of its
        // own, and a pager outside the terminal's foreground group cannot read the keyboard.
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return flushHeld() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var environment = ProcessInfo.processInfo.environment
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        let words: [String] = ["/bin/sh", "-c", command]
        let arguments = words.map { strdup($0) } + [nil]
        let pairs: [String] = environment.map { "\($0.key)=\($0.value)" }
        let variables = pairs.map { strdup($0) } + [nil]
        defer { (arguments + variables).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, "/bin/sh", &actions, nil, arguments, variables)
        close(fds[0])
        guard spawned == 0 else {
            close(fds[1])
            return flushHeld()
        }
        previousSIGPIPE = signal(SIGPIPE, SIG_IGN)
        pager = (child, fds[1])
        let text = held
        held = ""
        if !Descriptors.writeAll(fds[1], Array(text.utf8)) { stopped = true }
    }

    /// No pager to start: what is held goes straight out, and so does the rest.
    private mutating func flushHeld() {
        _ = Descriptors.writeAll(STDOUT_FILENO, Array(held.utf8))
        held = ""
        direct = true
    }

    private static func terminalRows() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }

    private static func pagerCommand() -> String? {
        if let pager = ProcessInfo.processInfo.environment["PAGER"] {
            return pager.trimmingCharacters(in: .whitespaces).isEmpty ? nil : pager
        }
        return FileManager.default.isExecutableFile(atPath: "/usr/bin/less") ? "less" : nil
    }
}
