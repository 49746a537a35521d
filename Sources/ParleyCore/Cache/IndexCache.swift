import Dispatch
import Foundation

/// The on-disk index cache: a loaded corpus saved with the stamps of the files it came from, so
/// that loading the same files again reads its columns in bulk instead of tokenizing.
///
/// One file per set of loaded files and reader options, named by a hash of their paths, names
/// and options, or, for a `load` command, of its arguments and options (so that the file is
/// known, and read, before the folders are walked). The file holds the Parley version, each source's path, size and modification
/// time, and a checksum per section; a file whose stamps differ is rebuilt, and one that is
/// truncated, damaged or fails a structural check is deleted and rebuilt, never used.
package struct IndexCache: Sendable {
    /// Bump whenever the readers, the tokenizer or the index change what a load builds.
    static let formatVersion = 12
    static let magic = Array("PARLEYIX".utf8)
    /// magic, format version, header length, header checksum.
    static let prefixLength = 32
    package static let fileExtension = "parleyindex"
    /// How many cache files stay; the least recently used beyond these are deleted.
    package static let retainedFiles = 8

    package let folder: String
    /// Loads with fewer source bytes than this are not cached: tokenizing them is about as
    /// quick as reading a cache file.
    package let minimumBytes: Int
    /// Whether damage found in a cached corpus after it loaded stops the running command (see
    /// `CacheHealth`); tests that run beside others turn it off.
    package var stopsCommandsOnDamage = true

    package init(folder: String, minimumBytes: Int = 1 << 20) {
        self.folder = folder
        self.minimumBytes = minimumBytes
    }

    /// `$XDG_CACHE_HOME/parley`, by default `~/.cache/parley`; nil with neither set.
    package static func defaultFolder(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/parley" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/parley" }
        return nil
    }

    /// The cache in the default folder for this process's environment, if there is a folder.
    package static func standard() -> IndexCache? {
        defaultFolder(environment: ProcessInfo.processInfo.environment).map { IndexCache(folder: $0) }
    }

    /// What the cache is keyed by, for one source file.
    package struct Stamp: Sendable, Equatable {
        package var path: String
        package var name: String
        package var size: Int
        /// Modification time in nanoseconds since 1970.
        package var modified: Int

        /// Whether the file at `path` still has this size and modification time.
        var isCurrent: Bool {
            var status = stat()
            guard stat(path, &status) == 0 else { return false }
            let now = CorpusSource.Status(status)
            return now.size == size && now.modified == modified
        }
    }

    /// The stamps of the files to load, in load order.
    package static func stamps(of sources: [CorpusSource]) throws(LoadError) -> [Stamp] {
        var stamps: [Stamp] = []
        stamps.reserveCapacity(sources.count)
        for source in sources {
            let known: CorpusSource.Status
            if let status = source.status {
                known = status
            } else {
                var status = stat()
                guard stat(source.path, &status) == 0 else {
                    throw .unreadable(source.name, reason: SystemError.sentence(errno))
                }
                known = CorpusSource.Status(status)
            }
            let path = Path.normalised(source.path)
            stamps.append(Stamp(path: path, name: source.name, size: known.size, modified: known.modified))
        }
        return stamps
    }

    /// A file time in nanoseconds since 1970.
    private static func nanoseconds(_ time: timespec) -> Int { Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec) }

    /// The cache file for these files and options.
    package func path(for stamps: [Stamp], options: ReaderOptions) -> String {
        var key = BinaryWriter()
        key.write(Self.formatVersion)
        key.write(ParleyVersion.current)
        key.write(options.cacheKey)
        for stamp in stamps {
            key.write(stamp.path)
            key.write(stamp.name)
        }
        return file(named: key)
    }

    /// The cache file for a load of these arguments (absolute paths or patterns) with these
    /// options. It is known before the folders are walked, so a process can read it while they
    /// are (`prefetch`); the stamps inside it say whether it holds the files found.
    package func path(forArguments arguments: [String], options: ReaderOptions) -> String {
        var key = BinaryWriter()
        key.write(Self.formatVersion)
        key.write(ParleyVersion.current)
        key.write(options.cacheKey)
        key.write("load arguments")
        key.write(arguments.count)
        for argument in arguments { key.write(argument) }
        return file(named: key)
    }

    private func file(named key: BinaryWriter) -> String {
        let hash = key.bytes.withUnsafeBytes { Checksum.of($0) }
        let hex = String(hash, radix: 16)
        return folder + "/" + String(repeating: "0", count: 16 - hex.count) + hex + "." + Self.fileExtension
    }

    /// A cache file read on a thread of its own while the caller walks the folders of a load
    /// and reads the files' sizes and times: on a corpus of thousands of files each is a few
    /// system calls, as long as reading the cache itself.
    package final class Prefetch: @unchecked Sendable {
        package let path: String
        private let done = DispatchSemaphore(value: 0)
        // Written once on the reading thread before `done` is signalled, read after it.
        private var result: Found?

        init(path: String) { self.path = path }

        /// What the file held, waiting for the read to finish. The prefetch lets go of it, so
        /// that a stale corpus is freed before the files are read again.
        package func wait() -> Found {
            done.wait()
            defer {
                result = nil
                done.signal()
            }
            return result ?? .miss("absent")
        }

        fileprivate func finish(_ found: Found) {
            result = found
            done.signal()
        }
    }

    /// What a cache file held: a corpus and the stamps of the files it was built from, or why
    /// there is none (`absent`, `stale`, `corrupt: …`).
    package enum Found {
        case corpus(Corpus, LoadReport, [Stamp])
        case miss(String)
    }

    /// Starts reading the cache file for a load of `arguments` (see `path(forArguments:)`).
    package func prefetch(arguments: [String], options: ReaderOptions) -> Prefetch {
        let prefetch = Prefetch(path: path(forArguments: arguments, options: options))
        let cache = self
        DispatchQueue.global().async { prefetch.finish(cache.read(prefetch.path, options: options)) }
        return prefetch
    }

    /// Reads the cache file at `path` whatever files it was built from.
    private func read(_ path: String, options: ReaderOptions) -> Found {
        switch open(path, { file throws(CacheFile.Failure) in try file.readAny(options: options) }) {
        case .success(let (corpus, report, stamps)): .corpus(corpus, report, stamps)
        case .failure(let miss): .miss(miss.reason)
        }
    }

    /// Why a cache file was not used.
    private struct Miss: Error {
        var reason: String
    }

    /// Opens the cache file at `path` and reads it with `read` (nil: it holds other files, or
    /// other options made it); a damaged file is deleted.
    private func open<Value>(_ path: String, _ read: (CacheFile) throws(CacheFile.Failure) -> Value?) -> Result<Value, Miss> {
        var file: CacheFile
        do {
            file = try CacheFile(path: path)
            file.stopsCommandsOnDamage = stopsCommandsOnDamage
        } catch .absent {
            return .failure(Miss(reason: "absent"))
        } catch {
            unlink(path)
            return .failure(Miss(reason: "corrupt: \(error)"))
        }
        do {
            guard let value = try read(file) else { return .failure(Miss(reason: "stale")) }
            return .success(value)
        } catch {
            unlink(path)
            return .failure(Miss(reason: "corrupt: \(error)"))
        }
    }

    /// Marks the file at `path` the most recently used: its access time, which pruning goes by;
    /// the modification time stays the time it was written.
    private static func markUsed(_ path: String) {
        // UTIME_NOW and UTIME_OMIT of <sys/stat.h>, which Swift does not import.
        var times = [timespec(tv_sec: 0, tv_nsec: (1 << 30) - 1), timespec(tv_sec: 0, tv_nsec: (1 << 30) - 2)]
        utimensat(AT_FDCWD, path, &times, 0)
    }

    /// What a lookup found.
    package enum Lookup: Sendable {
        case hit(Corpus, LoadReport)
        /// No usable file; the reason is for tests and diagnostics (`absent`, `stale`, `corrupt: …`).
        case miss(String)
    }

    /// The cached corpus for these files, or why there is none. A damaged file is deleted.
    package func lookup(_ stamps: [Stamp], options: ReaderOptions) -> Lookup {
        let path = path(for: stamps, options: options)
        switch open(path, { file throws(CacheFile.Failure) in try file.read(expecting: stamps, options: options) }) {
        case .success(let (corpus, report)):
            Self.markUsed(path)
            return .hit(corpus, report)
        case .failure(let miss):
            return .miss(miss.reason)
        }
    }

    /// Saves a corpus built from `stamps`, replacing any older file for them (written under a
    /// temporary name, then renamed), and deletes the least recently used files beyond
    /// `retainedFiles`. Returns the file's size in bytes.
    @discardableResult
    package func store(
        _ corpus: Corpus, report: LoadReport, stamps: [Stamp], options: ReaderOptions, at path: String? = nil
    ) throws(CacheError) -> Int {
        var sizes: [String: Int] = [:]
        return try store(corpus, report: report, stamps: stamps, options: options, sizes: &sizes, at: path)
    }

    /// The same, saying in `sizes` how many bytes each section of the file takes.
    package func store(
        _ corpus: Corpus, report: LoadReport, stamps: [Stamp], options: ReaderOptions, sizes: inout [String: Int],
        at chosenPath: String? = nil
    ) throws(CacheError) -> Int {
        if let failure = Folders.create(folder) {
            throw CacheError("cannot create the folder \(folder): \(failure)")
        }
        let path = chosenPath ?? path(for: stamps, options: options)
        let size = try CacheFile.write(corpus, report: report, stamps: stamps, options: options, to: path, sizes: &sizes)
        prune()
        return size
    }

    private func prune() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        // A write cut off (the process killed) leaves its temporary file: gone after an hour.
        for name in names where name.contains(".tmp-") {
            var status = stat()
            let path = folder + "/" + name
            if stat(path, &status) == 0, Int(time(nil)) - Int(status.st_mtim.tv_sec) > 3600 { unlink(path) }
        }
        let files = names.filter { $0.hasSuffix("." + Self.fileExtension) }.map { name -> (String, Int) in
            var status = stat()
            let path = folder + "/" + name
            // Last used: the later of its write and its last read (which sets the access time).
            return (path, stat(path, &status) == 0 ? max(Self.nanoseconds(status.st_mtim), Self.nanoseconds(status.st_atim)) : 0)
        }
        for (path, _) in files.sorted(by: { $0.1 > $1.1 }).dropFirst(Self.retainedFiles) { unlink(path) }
    }
}

/// A cache file that could not be written; the load itself still succeeded.
package struct CacheError: Error, Equatable, CustomStringConvertible {
    package var description: String
    init(_ description: String) { self.description = description }
}

extension ReaderOptions {
    /// The options as part of the cache key: every option that changes what a load builds.
    var cacheKey: String {
        "title=\(title.rawValue) label=\(labelPattern ?? "-") dash=\(dashTurns) alternation=\(alternation) "
            + "merge=\(mergeLabelSuffixes) cues=\(dashCues) lists=\(dashLists) check=\(checkLabels) notes=\(keepNotes) questions=\(questions) lenient=\(lenient) format=\(format?.rawValue ?? "auto") "
            + "speaker-col=\(speakerColumn ?? "-") text-col=\(textColumn ?? "-") doc-col=\(documentColumns.joined(separator: ",")) lemmas=\(lemmas.cacheKey)"
    }
}

/// What a load did with the cache.
package enum CacheUse: Sendable, Equatable {
    /// No cache, or a load too small to cache.
    case notUsed
    /// The corpus came from the cache.
    case hit
    /// The corpus was built and saved (the file's size in bytes); `reason` says why the cache
    /// was not used (`absent`, `stale`, `corrupt: …`).
    case stored(bytes: Int, reason: String)
    /// The corpus was built, but could not be saved.
    case storeFailed(CacheError)
    /// The corpus was built and is being saved on a thread of its own (`BackgroundWrites`).
    case storing(reason: String)
}

/// Cache files being written off the critical path: the prompt comes back as soon as the index
/// is built, and a script's exit waits for the file (`waitForAll`), so no file is left half
/// written.
package enum BackgroundWrites {
    private static let group = DispatchGroup()
    nonisolated(unsafe) private static var failures: [CacheError] = []
    private static let lock = NSLock()

    /// Runs `write` on a thread of its own; a failure is kept for `waitForAll`.
    static func start(_ write: @escaping @Sendable () throws(CacheError) -> Void) {
        group.enter()
        Thread.detachNewThread {
            do throws(CacheError) {
                try write()
            } catch {
                lock.lock()
                failures.append(error)
                lock.unlock()
            }
            group.leave()
        }
    }

    /// Waits until every write started has finished; returns the failures since the last call.
    package static func waitForAll() -> [CacheError] {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        let found = failures
        failures = []
        return found
    }
}

extension IndexCache {
    /// Loads files from the cache when it holds them unchanged, else builds the corpus and
    /// saves it. Loads smaller than `minimumBytes` are built and not saved. With `prefetched`,
    /// the file that read is the cache for these files (and is where they are saved).
    package func load(
        _ sources: [CorpusSource], options: ReaderOptions, progress: LoadProgress? = nil,
        isCancelled: @escaping @Sendable () -> Bool = { false }, inBackground: Bool = false,
        prefetched: Prefetch? = nil
    ) throws(LoadError) -> (Corpus, LoadReport, CacheUse) {
        let stamps = try Self.stamps(of: sources)
        guard stamps.reduce(0, { $0 + $1.size }) >= minimumBytes else {
            let (corpus, report) = try CorpusBuilder.load(sources, options: options, progress: progress, isCancelled: isCancelled)
            return (corpus, report, .notUsed)
        }
        let reason: String
        if let prefetched {
            switch prefetched.wait() {
            case .corpus(let corpus, let report, let cached) where cached == stamps:
                Self.markUsed(prefetched.path)
                return (corpus, report, .hit)
            case .corpus: reason = "stale"
            case .miss(let why): reason = why
            }
        } else {
            switch lookup(stamps, options: options) {
            case .hit(let corpus, let report): return (corpus, report, .hit)
            case .miss(let why): reason = why
            }
        }
        let path = prefetched?.path
        let (corpus, report) = try CorpusBuilder.load(sources, options: options, progress: progress, isCancelled: isCancelled)
        if inBackground {
            let cache = self
            BackgroundWrites.start { () throws(CacheError) in
                _ = try cache.store(corpus, report: report, stamps: stamps, options: options, at: path)
            }
            return (corpus, report, .storing(reason: reason))
        }
        do {
            let bytes = try store(corpus, report: report, stamps: stamps, options: options, at: path)
            return (corpus, report, .stored(bytes: bytes, reason: reason))
        } catch {
            return (corpus, report, .storeFailed(error))
        }
    }
}
