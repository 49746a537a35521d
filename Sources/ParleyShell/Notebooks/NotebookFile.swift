import Foundation
import ParleyCore

/// The notebook a session records into, open for appending under an advisory lock (`flock`):
/// one writer per notebook, so two processes recording into one file get a clear error instead
/// of each other's cells lost. Each cell is one write at the end of the file, so a command costs
/// the same in a long notebook as in a short one and a crash loses at most the running command.
/// The lock goes with the process: closing the file, exiting or being killed releases it.
package final class NotebookFile: @unchecked Sendable {
    package struct Failure: Error, Equatable {
        package var reason: String
    }

    package let path: String
    private let descriptor: Int32

    /// Opens `path` for appending and takes its lock; with `creating`, a missing file is made.
    /// A symbolic link, a FIFO or a device is refused, as is a file another process records into.
    package init(path: String, creating: Bool) throws(Failure) {
        if let refusal = AtomicFile.refusal(path) { throw Failure(reason: refusal) }
        let flags = O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | (creating ? O_CREAT : 0)
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { throw Failure(reason: SystemError.sentence(errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw Failure(reason: "it is not a regular file")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw Failure(reason: Self.lockedReason(path))
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Adds `text` at the end of the file, in one write where the system allows.
    package func append(_ text: String) throws(Failure) {
        guard !text.isEmpty else { return }
        guard Descriptors.writeAll(descriptor, Array(text.utf8)) else { throw Failure(reason: SystemError.sentence(errno)) }
    }

    /// Why `path` cannot be rewritten now (another process records into it), or nil.
    package static func busyReason(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) != 0 else {
            flock(descriptor, LOCK_UN)
            return nil
        }
        return lockedReason(path)
    }

    /// "another Parley (process 4242) is recording into it": the holder from /proc/locks.
    private static func lockedReason(_ path: String) -> String {
        guard let holder = holder(of: path) else { return "another process is recording into it (one writer per notebook)" }
        return "another Parley (process \(holder)) is recording into it (one writer per notebook)"
    }

    /// The process that holds the lock on `path`, from the kernel's list of locks.
    static func holder(of path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0,
            let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8)
        else { return nil }
        let device = UInt64(status.st_dev)
        let major = (device >> 8) & 0xfff | (device >> 32) & ~0xfff
        let minor = device & 0xff | (device >> 12) & ~0xff
        let wanted = String(format: "%02x:%02x:%llu", major, minor, UInt64(status.st_ino))
        for line in locks.split(separator: "\n") {
            // "1: FLOCK  ADVISORY  WRITE 4242 fd:01:1311356 0 EOF"
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "FLOCK", fields[5] == wanted, let pid = Int(fields[4]) else { continue }
            return pid
        }
        return nil
    }
}
