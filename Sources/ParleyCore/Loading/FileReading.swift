import Glibc

/// Reads whole files with POSIX calls, straight into a byte array. Only regular files are read:
/// a FIFO, a device or a socket never blocks a load or feeds it forever, and a file's size is
/// checked before the first byte is read.
package enum FileReading {
    /// The largest transcript read: token offsets are 32-bit, and a bigger file is not a
    /// transcript anyone typed.
    package static let maximumSize = 1 << 31

    /// How much is read at a time; each piece is checked for NUL as it arrives, so a binary file
    /// fails at its first NUL, not after gigabytes.
    static let pieceSize = 1 << 22

    static func bytes(of path: String, name: String) throws(LoadError) -> [UInt8] {
        let descriptor = try openRegularFile(path, name: name)
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(name, reason: SystemError.sentence(errno)) }
        let size = Int(status.st_size)
        guard size <= maximumSize else { throw .tooLarge(name, bytes: size, limit: maximumSize) }
        // Read straight into the array, a piece at a time: one copy of each byte, each piece
        // checked for NUL as it arrives.
        var failure: LoadError?
        var data = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while initialized < size {
                let count = read(descriptor, buffer.baseAddress! + initialized, min(pieceSize, size - initialized))
                if count < 0, errno == EINTR { continue }
                if count < 0 { failure = .unreadable(name, reason: SystemError.sentence(errno)) }
                if count <= 0 { break }
                if let nul = memchr(buffer.baseAddress! + initialized, 0, count) {
                    failure = .binaryFile(name, offset: initialized + (UnsafeRawPointer(nul) - UnsafeRawPointer(buffer.baseAddress! + initialized)))
                    break
                }
                initialized += count
            }
        }
        if let failure { throw failure }
        // A file that grew since fstat (or reports size 0, as /proc does) is read to its end,
        // up to the limit.
        // (Left unfilled: `read` writes what is looked at, and clearing 64 KiB per file was
        // a tenth of a second of a large load.)
        var piece = [UInt8](unsafeUninitializedCapacity: 1 << 16) { _, initialized in initialized = 1 << 16 }
        while true {
            let count = piece.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw .unreadable(name, reason: SystemError.sentence(errno)) }
            if count == 0 { break }
            guard data.count + count <= maximumSize else { throw .tooLarge(name, bytes: data.count + count, limit: maximumSize) }
            if let nul = piece[0..<count].firstIndex(of: 0) { throw .binaryFile(name, offset: data.count + nul) }
            data.append(contentsOf: piece[0..<count])
        }
        return data
    }

    /// Opens `path` for reading if it is a regular file. The open does not wait for a writer
    /// (O_NONBLOCK), so a FIFO is refused rather than blocking; the check is made on the open
    /// file, so nothing can swap the file between the check and the read.
    package static func openRegularFile(_ path: String, name: String) throws(LoadError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else {
            throw errno == ENOENT ? .pathNotFound(name) : .unreadable(name, reason: SystemError.sentence(errno))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = SystemError.sentence(errno)
            close(descriptor)
            throw .unreadable(name, reason: reason)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notRegular(name, kind: FileKind(mode: status.st_mode))
        }
        // Reads of a regular file never block; clear the flag anyway so they never return EAGAIN.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return descriptor
    }
}

/// What kind of file a path is, for messages about files that are not read.
package enum FileKind: String, Sendable, Equatable {
    case regular = "a file"
    case folder = "a folder"
    case fifo = "a FIFO (named pipe)"
    case socket = "a socket"
    case characterDevice = "a character device"
    case blockDevice = "a block device"
    case symbolicLink = "a symbolic link"
    case other = "a special file"

    package init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }
}

/// System errors as sentences: `strerror` in lower case ("permission denied", "no space left on
/// device"), never an error domain and a number.
package enum SystemError {
    package static func sentence(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "system error \(code)" }
        let message = String(cString: text)
        guard let first = message.first else { return "system error \(code)" }
        return first.lowercased() + message.dropFirst()
    }
}

/// Folders made with their parents, as `mkdir -p` does.
package enum Folders {
    /// Makes `path` and any missing folders above it; returns why it failed, as a sentence, or nil.
    package static func create(_ path: String) -> String? {
        var status = stat()
        if stat(path, &status) == 0 {
            return status.st_mode & S_IFMT == S_IFDIR ? nil : "\(path) is \(FileKind(mode: status.st_mode).rawValue), not a folder"
        }
        let parent = path.split(separator: "/").dropLast().joined(separator: "/")
        if !parent.isEmpty, let failure = create((path.hasPrefix("/") ? "/" : "") + parent) { return failure }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { return SystemError.sentence(errno) }
        return nil
    }
}
