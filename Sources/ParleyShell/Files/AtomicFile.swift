import Foundation
import ParleyCore

/// Writes files so that a reader sees the old or the new content, never a part: the text goes
/// to a new temporary file beside the target, which is then renamed over it. Only a regular file
/// (or nothing) is ever replaced: a symbolic link, a FIFO or a device at the target is refused,
/// so a write can never go through a link to somewhere else or block on a pipe.
package enum AtomicFile {
    package struct Failure: Error {
        package var reason: String
    }

    package static func write(_ text: String, to path: String) throws(Failure) {
        var sink = try Sink(path: path)
        _ = sink.write(text)
        try sink.commit()
    }

    /// Why `path` cannot be replaced by a regular file, or nil when it can.
    package static func refusal(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        let kind = FileKind(mode: status.st_mode)
        switch kind {
        case .regular: return nil
        case .folder: return "it is a folder"
        default: return "it is \(kind.rawValue), which Parley never replaces"
        }
    }

    /// A file being written: buffered, then renamed into place by `commit`, or removed by
    /// `abandon` (a failed or cancelled command leaves the old file as it was).
    package struct Sink: TextSink {
        private let path: String
        private let temporary: String
        private var descriptor: Int32
        private var buffer: [UInt8] = []
        private var failure: String?

        package init(path: String) throws(Failure) {
            let folder = Path.folder(of: path)
            var status = stat()
            guard stat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                throw Failure(reason: "the folder \(folder) does not exist")
            }
            if let refusal = AtomicFile.refusal(path) { throw Failure(reason: refusal) }
            let name = path.split(separator: "/").last.map(String.init) ?? "out"
            temporary = folder + "/." + name + ".parley-\(getpid()).tmp"
            unlink(temporary)
            // A new file of our own, never through a link left at the temporary name.
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw Failure(reason: SystemError.sentence(errno)) }
            self.path = path
            buffer.reserveCapacity(1 << 16)
        }

        package mutating func write(_ text: String) -> Bool {
            guard failure == nil else { return false }
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 16 { flush() }
            return failure == nil
        }

        package mutating func flush() {
            guard failure == nil, !buffer.isEmpty else { return }
            if !Descriptors.writeAll(descriptor, buffer) { failure = SystemError.sentence(errno) }
            buffer.removeAll(keepingCapacity: true)
        }

        /// Puts the file in place of the target.
        package mutating func commit() throws(Failure) {
            flush()
            let closed = close(descriptor) == 0
            descriptor = -1
            if failure == nil, !closed { failure = SystemError.sentence(errno) }
            // Checked again just before the rename: the target may have become a link meanwhile.
            if failure == nil, let refusal = AtomicFile.refusal(path) { failure = refusal }
            if failure == nil, rename(temporary, path) != 0 { failure = SystemError.sentence(errno) }
            if let failure {
                unlink(temporary)
                throw Failure(reason: failure)
            }
        }

        /// Removes the temporary file; the target stays as it was.
        package mutating func abandon() {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            unlink(temporary)
        }
    }
}
