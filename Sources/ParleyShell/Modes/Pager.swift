import Foundation

/// Long output at the prompt goes through a pager (DESIGN.md §7): `$PAGER` when set, else
/// `less -FRX` when installed; output that fits the screen, and every other mode, write directly.
enum Pager {
    /// Shows `text` on standard output, paged when it is taller than the terminal.
    static func show(_ text: String) {
        guard let rows = terminalRows(), text.utf8.lazy.filter({ $0 == 0x0A }).count >= rows - 1,
            let command = pagerCommand()
        else {
            Terminal.write(text)
            return
        }
        // posix_spawn rather than Process: Process starts the child in a process group of its
        // own, and a pager outside the terminal's foreground group cannot read the keyboard.
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            Terminal.write(text)
            return
        }
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
            Terminal.write(text)
            return
        }
        // The pager may quit before reading everything (q in less): ignore the broken pipe.
        let previous = signal(SIGPIPE, SIG_IGN)
        text.utf8CString.withUnsafeBufferPointer { buffer in
            var offset = 0
            let count = buffer.count - 1
            while offset < count {
                let written = write(fds[1], buffer.baseAddress! + offset, count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        close(fds[1])
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        signal(SIGPIPE, previous)
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
