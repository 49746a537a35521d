import CSpawn
import Foundation
import Glibc

/// A child process started with `posix_spawn`, for the tests that run the built binary.
///
/// Foundation's `Process` is not used: on this toolchain (Swift 6.3.1) its `run()` now and then
/// crashed the whole test runner with a null pointer while other tests' children were starting
/// (an over-read in its search for the descriptors to close; swift-corelibs-foundation #5472).
/// Every descriptor made here is close-on-exec, so one test's pipe never leaks into another
/// test's child and holds its end open.
final class Child: @unchecked Sendable {
    /// How the child ended.
    enum Termination: Equatable {
        case exit(Int32)
        case signal(Int32)

        /// The exit status, or the signal's number when a signal ended it (as `Process` gave it).
        var code: Int32 {
            switch self {
            case .exit(let code), .signal(let code): code
            }
        }
    }

    let pid: pid_t
    private var ended: Termination?
    private static let ignoringBrokenPipes: Void = { _ = Glibc.signal(SIGPIPE, SIG_IGN) }()

    /// Starts `executable` with `arguments` in `folder`. `streams` become its descriptors 0, 1
    /// and 2; `environment` nil inherits this process's. With `terminal`, the child leads a new
    /// session and opens that terminal as its standard streams, so it is its controlling terminal.
    init(
        _ executable: String, _ arguments: [String], folder: String,
        environment: [String: String]?, streams: (Int32, Int32, Int32), terminal: String? = nil
    ) throws {
        Self.ignoringBrokenPipes
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        // The test runner may block signals on its threads; the child starts with none blocked
        // and every signal at its default, as a shell would start it.
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if let terminal {
            flags |= Int32(cspawn_setsid_flag())
            posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        } else {
            posix_spawn_file_actions_adddup2(&actions, streams.0, 0)
            posix_spawn_file_actions_adddup2(&actions, streams.1, 1)
            posix_spawn_file_actions_adddup2(&actions, streams.2, 2)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawn_file_actions_addchdir_np(&actions, folder)

        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environmentLines.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        pid = child
    }

    /// Sends `number` to the child (SIGINT is what Ctrl-C sends).
    func signal(_ number: Int32) { _ = kill(pid, number) }

    /// Waits for the child to end.
    @discardableResult
    func wait() -> Termination {
        while ended == nil {
            var status: Int32 = 0
            if waitpid(pid, &status, 0) == pid { ended = Self.termination(status) } else if errno != EINTR { break }
        }
        return ended ?? .signal(0)
    }

    /// How the child ended, or nil while it runs.
    var termination: Termination? {
        if ended == nil {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { ended = Self.termination(status) }
        }
        return ended
    }

    /// The exit status, or the signal's number when a signal ended it; waits for the end.
    var status: Int32 { wait().code }

    private static func termination(_ status: Int32) -> Termination {
        // WIFEXITED and friends are macros, which Swift does not import.
        status & 0x7f == 0 ? .exit((status >> 8) & 0xff) : .signal(status & 0x7f)
    }
}

/// A pipe whose two ends close on exec; the child gets its end through `dup2`.
struct ChildPipe {
    let read: Int32
    let write: Int32

    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe2(&ends, O_CLOEXEC) == 0 else { throw POSIXError(.EMFILE) }
        (read, write) = (ends[0], ends[1])
    }
}

extension Child {
    /// Runs `executable` to its end with `input` on standard input, reading standard output and
    /// error while it writes, so no pipe fills and stalls either side.
    static func run(
        _ executable: String, _ arguments: [String], input: Data?, folder: String, environment: [String: String]?
    ) throws -> (stdout: Data, stderr: Data, termination: Termination) {
        let stdin = try ChildPipe(), stdout = try ChildPipe(), stderr = try ChildPipe()
        let nullDevice = open("/dev/null", O_RDWR | O_CLOEXEC)
        let child: Child
        do {
            child = try Child(
                executable, arguments, folder: folder, environment: environment,
                streams: (input == nil ? nullDevice : stdin.read, stdout.write, stderr.write))
        } catch {
            [stdin.read, stdin.write, stdout.read, stdout.write, stderr.read, stderr.write, nullDevice].forEach { close($0) }
            throw error
        }
        [stdin.read, stdout.write, stderr.write, nullDevice].forEach { close($0) }
        let (out, err) = exchange(input: input ?? Data(), stdin: stdin.write, stdout: stdout.read, stderr: stderr.read)
        return (out, err, child.wait())
    }

    /// Writes `input` to `stdin` (then closes it) while reading `stdout` and `stderr` to their
    /// ends; closes all three.
    static func exchange(input: Data, stdin: Int32, stdout: Int32, stderr: Int32) -> (Data, Data) {
        var out = Data(), err = Data()
        var written = 0
        var writer: Int32 = stdin
        if input.isEmpty {
            close(writer)
            writer = -1
        }
        var readers: [Int32] = [stdout, stderr]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while writer >= 0 || readers.contains(where: { $0 >= 0 }) {
            var polled = [pollfd(fd: writer, events: Int16(POLLOUT), revents: 0)]
                + readers.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&polled, nfds_t(polled.count), -1) >= 0 else {
                if errno == EINTR { continue }
                break
            }
            if writer >= 0, polled[0].revents != 0 {
                let count = input.withUnsafeBytes { bytes in
                    Glibc.write(writer, bytes.baseAddress! + written, min(65_536, input.count - written))
                }
                if count > 0 { written += count }
                if count < 0 && errno != EINTR && errno != EAGAIN || written == input.count {
                    close(writer)
                    writer = -1
                }
            }
            for index in readers.indices where readers[index] >= 0 && polled[index + 1].revents != 0 {
                let count = read(readers[index], &buffer, buffer.count)
                if count > 0 {
                    if index == 0 { out.append(contentsOf: buffer[0..<count]) } else { err.append(contentsOf: buffer[0..<count]) }
                } else if count == 0 || errno != EINTR && errno != EAGAIN {
                    close(readers[index])
                    readers[index] = -1
                }
            }
        }
        return (out, err)
    }
}
