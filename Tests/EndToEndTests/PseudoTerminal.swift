import Foundation
import Glibc

/// The built binary on a pseudo-terminal, so it runs in interactive mode: type into it and read
/// what the screen shows.
final class PseudoTerminal {
    private let master: Int32
    private var process: Child?
    private(set) var screen = ""

    init(environment: [String: String], arguments: [String] = [], folder: URL? = nil) throws {
        // posix_openpt and friends are not in Swift's Glibc module; these are the Linux calls
        // behind them (TIOCSPTLCK unlocks the slave, TIOCGPTN names it).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw POSIXError(.EIO)
        }
        let slave = "/dev/pts/\(number)"
        let descriptor = open(slave, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        defer { close(descriptor) }
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(descriptor, UInt(TIOCSWINSZ), &size)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        // The child opens the terminal itself in a session of its own, so the terminal is its
        // controlling one, as a login shell's would be.
        process = try Child(
            ParleyProcess.executable.path, arguments, folder: (folder ?? ParleyProcess.repositoryRoot).path,
            environment: environment, streams: (-1, -1, -1), terminal: slave)
    }

    deinit {
        if let process, process.termination == nil {
            process.signal(SIGKILL)
            process.wait()
        }
        close(master)
    }

    func type(_ text: String) {
        _ = text.withCString { write(master, $0, strlen($0)) }
    }

    /// Sends SIGINT, as Ctrl-C does on a controlling terminal.
    func interrupt() { process?.signal(SIGINT) }

    /// Reads until the screen contains `text` (true) or `seconds` pass (false).
    func wait(for text: String, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            if screen.contains(text) { return true }
            let count = read(master, &buffer, buffer.count)
            if count > 0 {
                screen += String(decoding: buffer[0..<count], as: UTF8.self)
            } else {
                usleep(10_000)
            }
        }
        return screen.contains(text)
    }

    /// Reads until `text` has appeared `count` times (a prompt after the n-th command).
    func wait(for text: String, count: Int, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if screen.components(separatedBy: text).count - 1 >= count { return true }
            _ = wait(for: "\u{0}", seconds: 0.05)
        }
        return false
    }

    /// The exit status, waiting at most `seconds`.
    func exitStatus(seconds: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process?.termination == nil, Date() < deadline {
            _ = wait(for: "\u{0}", seconds: 0.05)
        }
        return process?.termination?.code
    }
}
