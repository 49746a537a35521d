import CZstd
import Foundation
import Synchronization

/// Whether what a corpus reads lazily from its index cache file is still what was saved. A
/// checksum that fails when a block is first read marks the corpus damaged and stops the
/// running command (its answer is thrown away); the session then loads the corpus again.
package final class CacheHealth: Sendable {
    private let damaged = Atomic<Bool>(false)
    /// The cache file, deleted when damage is found so that the next load rebuilds it.
    private let path: String?
    /// Whether damage stops the running command (off in tests that run beside others: the stop
    /// flag is the process's).
    private let stopsCommands: Bool

    package init(path: String? = nil, stopsCommands: Bool = true) {
        self.path = path
        self.stopsCommands = stopsCommands
    }

    package var isDamaged: Bool { damaged.load(ordering: .relaxed) }

    func markDamaged() {
        guard !damaged.exchange(true, ordering: .relaxed) else { return }
        if let path { unlink(path) }
        if stopsCommands { Interruption.raiseCacheDamage() }
    }
}

/// Checksums of fixed-size blocks of a mapped section, each compared the first time the block
/// is read; a block that fails marks the cache damaged.
final class BlockChecks: @unchecked Sendable {
    /// 16 KiB: small enough that an answer touching a few hundred scattered turns (the preambles
    /// a count of speech leaves out) checks a few megabytes, not the whole section; the header
    /// then holds 8 bytes per 16 KiB of file (about 240 KB for a 500 MB cache).
    static let blockSize = 1 << 14

    /// The section's first byte (immutable, mapped read-only).
    let base: UnsafeRawPointer
    private let length: Int
    private let checksums: [UInt64]
    /// Which blocks passed, under the lock.
    private let lock = NSLock()
    private var verified: [Bool]
    private let all = Atomic<Bool>(false)
    let health: CacheHealth
    /// Keeps the mapping alive as long as the checks can run.
    private let mapping: MappedFile

    /// False only for fuzzing: the values are still validated, the checksums not compared.
    private let checksChecksums: Bool

    init(mapping: MappedFile, offset: Int, length: Int, checksums: [UInt64], health: CacheHealth, checksChecksums: Bool = true) {
        self.checksChecksums = checksChecksums
        self.mapping = mapping
        base = mapping.base + offset
        self.length = length
        self.checksums = checksums
        verified = [Bool](repeating: false, count: checksums.count)
        self.health = health
    }

    /// The checksums of `bytes`, block by block, on every core.
    static func checksums(of bytes: UnsafeRawBufferPointer) -> [UInt64] {
        nonisolated(unsafe) let bytes = bytes
        return Parallel.map((bytes.count + blockSize - 1) / blockSize) { block in
            let start = block * blockSize
            return Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[start..<min(bytes.count, start + blockSize)]))
        }
    }

    /// The checksums of the bytes of `pieces` laid end to end, block by block, without laying
    /// them end to end in memory.
    static func checksums(ofPieces pieces: [[UInt8]]) -> [UInt64] {
        var checksums: [UInt64] = []
        var block = [UInt8]()
        block.reserveCapacity(blockSize)
        for piece in pieces {
            var offset = 0
            while offset < piece.count {
                let taken = min(blockSize - block.count, piece.count - offset)
                block += piece[offset..<(offset + taken)]
                offset += taken
                if block.count == blockSize {
                    checksums.append(Checksum.of(block))
                    block.removeAll(keepingCapacity: true)
                }
            }
        }
        if !block.isEmpty { checksums.append(Checksum.of(block)) }
        return checksums
    }

    /// True when every block holding a byte of `range` is as saved (checking those not yet
    /// checked); false, after marking the cache damaged, when one is not.
    @discardableResult
    func verify(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty, !all.load(ordering: .acquiring) else { return !health.isDamaged }
        guard range.upperBound <= length else {
            health.markDamaged()
            return false
        }
        lock.lock()
        defer { lock.unlock() }
        for block in (range.lowerBound / Self.blockSize)...((range.upperBound - 1) / Self.blockSize) where !verified[block] {
            let start = block * Self.blockSize
            let bytes = UnsafeRawBufferPointer(start: base + start, count: min(length, start + Self.blockSize) - start)
            guard block < checksums.count, !checksChecksums || Checksum.of(bytes) == checksums[block] else {
                health.markDamaged()
                return false
            }
            verified[block] = true
        }
        return true
    }

    /// Lets the kernel drop this process's pages of `range` (whole pages only): they are read
    /// from the file again if touched. A text's frame, once decompressed, is not needed, so an
    /// export of every turn holds the texts it is writing and not the whole section as well.
    func release(_ range: Range<Int>) {
        let page = Int(getpagesize())
        let address = Int(bitPattern: base) + range.lowerBound
        let start = (address + page - 1) / page * page
        let end = (Int(bitPattern: base) + min(range.upperBound, length)) / page * page
        guard start < end else { return }
        madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED)
    }

    /// Checks every block (in a session's background check, or before a column is scanned).
    @discardableResult
    func verifyAll() -> Bool {
        guard !all.load(ordering: .acquiring) else { return !health.isDamaged }
        guard length > 0 else {
            all.store(true, ordering: .releasing)
            return true
        }
        madvise(UnsafeMutableRawPointer(mutating: base), length, MADV_SEQUENTIAL)
        let ok = verify(0..<length)
        if ok { all.store(true, ordering: .releasing) }
        return ok
    }
}

/// A document's text: in memory; or a Zstandard frame in a mapped cache file, or the bytes of
/// the transcript file it was loaded from, read, checked and (a frame) decompressed the first
/// time the text is read (a concordance of a few lines reads a few documents), then kept among
/// the recently read texts (`RecentTexts`) so that reading every turn of a large corpus from
/// its cache never holds all of its text.
package final class TextStorage: @unchecked Sendable {
    /// Where a text not held in memory is read from.
    private enum Source {
        case frame(BlockChecks, Range<Int>)
        /// `count` bytes at `offset` of the file at `path`; `health` is the cache's that names it.
        case file(path: String, offset: Int, health: CacheHealth)
    }

    private let lock = NSLock()
    private var bytes: [UInt8]?
    /// How many times the text was read: `RecentTexts` drops only the copy it holds.
    private var generation = 0
    private let source: (Source, checksum: UInt64)?
    /// The length of the text, known without reading it.
    package let count: Int

    init(bytes: [UInt8]) {
        self.bytes = bytes
        count = bytes.count
        source = nil
    }

    /// The text compressed at `range` of the `texts` section (`checks`), `count` bytes long
    /// once decompressed, with `checksum` the checksum of the decompressed text.
    init(checks: BlockChecks, range: Range<Int>, count: Int, checksum: UInt64) {
        source = (.frame(checks, range), checksum)
        self.count = count
    }

    /// The `count` bytes at `offset` of the file at `path`, whose checksum is `checksum`: a text
    /// the cache file refers to instead of storing it. A file changed since is damage to `health`.
    init(file path: String, offset: Int, count: Int, checksum: UInt64, health: CacheHealth) {
        source = (.file(path: path, offset: offset, health: health), checksum)
        self.count = count
    }

    /// The text; blank (spaces, as long as the text, so that every turn's range still lies
    /// in it), with the cache marked damaged, when its frame fails its checks or its file no
    /// longer holds it. The damage stops the running command, whose answer is thrown away.
    package var text: [UInt8] {
        lock.lock()
        if let bytes {
            lock.unlock()
            return bytes
        }
        guard let (source, checksum) = self.source else {
            lock.unlock()
            return [UInt8](repeating: 0x20, count: count)
        }
        let read: [UInt8]?
        let health: CacheHealth
        switch source {
        case .frame(let checks, let range):
            health = checks.health
            read = Self.decompress(range, of: checks, count: count)
            if read != nil { checks.release(range) }
        case .file(let path, let offset, let fileHealth):
            health = fileHealth
            read = Self.read(path, at: offset, count: count)
        }
        guard let text = read, Checksum.of(text) == checksum else {
            lock.unlock()
            health.markDamaged()
            return [UInt8](repeating: 0x20, count: count)
        }
        bytes = text
        let again = generation > 0
        generation += 1
        let held = generation
        lock.unlock()
        // Outside the lock: making room drops other texts, each under its own lock.
        RecentTexts.shared.hold(self, generation: held, bytes: count, again: again)
        return text
    }

    /// The text decompressed from the frame at `range`, or nil when the frame fails its check or
    /// does not hold exactly `count` bytes. Memory is asked for only once the frame has said it
    /// holds `count` bytes, and it is touched only as the text is written, so a damaged file
    /// that claims gigabytes costs none.
    private static func decompress(_ range: Range<Int>, of checks: BlockChecks, count: Int) -> [UInt8]? {
        guard checks.verify(range) else { return nil }
        let frame = checks.base + range.lowerBound
        guard ZSTD_getFrameContentSize(frame, range.count) == UInt64(count) else { return nil }
        return filled(count) { output in
            let written = ZSTD_decompress(output.baseAddress, count, frame, range.count)
            return ZSTD_isError(written) == 0 && written == count
        }
    }

    /// The `count` bytes from `offset` of the regular file at `path`, which must end there; nil
    /// when it cannot (gone, unreadable, another size, or no longer a regular file: a FIFO put
    /// in its place is not waited on). The file's size is checked before memory is asked for.
    private static func read(_ path: String, at offset: Int, count: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) - offset == count else {
            return nil
        }
        return filled(count) { buffer in (try? CacheFile.readFully(descriptor, into: buffer, at: offset)) != nil }
    }

    /// `count` bytes written by `fill` (false: it could not), or nil.
    private static func filled(_ count: Int, by fill: (UnsafeMutableRawBufferPointer) -> Bool) -> [UInt8]? {
        var whole = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            whole = fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = whole ? count : 0
        }
        return whole ? bytes : nil
    }

    /// Forgets the text read as `generation` (read again from its frame or file when next asked for).
    fileprivate func drop(generation: Int) {
        lock.lock()
        defer { lock.unlock() }
        if source != nil, generation == self.generation { bytes = nil }
    }

    /// `texts` compressed, each as one Zstandard frame, on every core. Level 1 (about a third
    /// of English text) compresses the Supreme Court corpus's 474 MB in 1.1 s where level 3
    /// took 1.5 s, for 8 MB more cache. Each worker keeps one compression context and one output buffer
    /// for all its texts, so a text costs its compression and one copy of the frame, not a
    /// context's set-up and a zeroed buffer of the text's size. An empty array stands for a
    /// text that could not be compressed.
    static func compressed(_ texts: [[UInt8]]) -> [[UInt8]] {
        let chunkCount = Swift.min(texts.count, 64)
        let chunks = (0..<chunkCount).map { (texts.count * $0 / chunkCount)..<(texts.count * ($0 + 1) / chunkCount) }
        return Parallel.map(chunkCount) { chunk -> [[UInt8]] in
            guard let context = ZSTD_createCCtx() else { return chunks[chunk].map { _ in [] } }
            defer { ZSTD_freeCCtx(context) }
            var output: [UInt8] = []
            return chunks[chunk].map { index in
                let text = texts[index]
                let bound = ZSTD_compressBound(text.count)
                if output.count < bound { output = [UInt8](repeating: 0, count: Swift.max(bound, 2 * output.count)) }
                return output.withUnsafeMutableBytes { buffer -> [UInt8] in
                    let written = text.withUnsafeBytes { input in
                        ZSTD_compressCCtx(context, buffer.baseAddress, buffer.count, input.baseAddress, input.count, 1)
                    }
                    guard ZSTD_isError(written) == 0 else { return [] }
                    return Array(UnsafeRawBufferPointer(rebasing: buffer[0..<written]))
                }
            }
        }.flatMap { $0 }
    }
}

/// The texts decompressed from cache frames, most recent last, holding at most `budget` bytes:
/// the oldest is dropped when a new one would pass it. A session that reads a few documents
/// keeps them; an export of every turn reads each document once and holds only the last few.
/// Reading that jumps between documents (a concordance sorted by its context) asks again for
/// texts it dropped: when those repeats outnumber the texts held, the budget doubles, so such a
/// pattern soon keeps every text it reads instead of decompressing one per line.
final class RecentTexts: @unchecked Sendable {
    static let shared = RecentTexts(budget: 128 << 20)
    /// The most the budget grows to.
    static let largestBudget = 512 << 20

    private let lock = NSLock()
    private var budget: Int
    private var repeats = 0
    private struct Held {
        /// Weak: the texts of a corpus that is gone are not kept alive.
        weak var storage: TextStorage?
        var generation: Int
        var bytes: Int
    }

    private var held: [Held] = []
    private var first = 0
    private var total = 0

    init(budget: Int) { self.budget = budget }

    /// Notes that `storage` now holds `bytes` decompressed bytes and drops the oldest texts
    /// beyond the budget (never the one just read, whatever its size).
    func hold(_ storage: TextStorage, generation: Int, bytes: Int, again: Bool = false) {
        var dropped: [Held] = []
        lock.lock()
        if again {
            repeats += 1
            if repeats > held.count - first {
                budget = min(budget * 2, Self.largestBudget)
                repeats = 0
            }
        }
        held.append(Held(storage: storage, generation: generation, bytes: bytes))
        total += bytes
        while total > budget, held.count - first > 1 {
            let oldest = held[first]
            first += 1
            total -= oldest.bytes
            dropped.append(oldest)
        }
        if first > 1024, first * 2 > held.count {
            held.removeFirst(first)
            first = 0
        }
        lock.unlock()
        // Outside the lock: a storage takes its own lock to drop, and holds it while it reads.
        for oldest in dropped { oldest.storage?.drop(generation: oldest.generation) }
    }
}

/// The postings of every type (DESIGN.md §2): the positions of type `t` are entries
/// `postingStart[t]..<postingStart[t + 1]`, in corpus order. In memory after a load from text
/// (with `--no-cache`, built when first needed: see `DeferredPostings`); from the cache, each
/// type's list is stored as gaps in a variable-length code (a byte per gap under 128), checked
/// and decoded when a query asks for it.
package struct Postings: Sendable {
    private enum Storage: Sendable {
        case raw(Column<UInt32>)
        case deferred(DeferredPostings)
        case compressed(checks: BlockChecks, offsets: [UInt64])
    }

    private let storage: Storage
    /// How many positions there are in all.
    package let count: Int

    package init(_ column: Column<UInt32>) {
        storage = .raw(column)
        count = column.count
    }

    /// The postings of `tokenType`'s `typeCount` types, built when first needed.
    init(deferredFrom tokenType: Column<UInt32>, typeCount: Int) {
        storage = .deferred(DeferredPostings(tokenType: tokenType, typeCount: typeCount))
        count = tokenType.count
    }

    /// Lists stored as gaps: bytes `offsets[t]..<offsets[t + 1]` of the section `checks` guards
    /// hold type `t`'s list.
    init(checks: BlockChecks, offsets: [UInt64], count: Int) {
        storage = .compressed(checks: checks, offsets: offsets)
        self.count = count
    }

    /// The positions of the postings `range` (those of one type), in order; empty, with the
    /// cache marked damaged, when their bytes fail a check or do not decode to what the index
    /// says.
    package func positions(ofType type: Int, _ range: Range<Int>) -> [UInt32] {
        switch storage {
        case .raw(let column):
            return Array(column[range])
        case .deferred(let deferred):
            return deferred.positions(ofType: type, range)
        case .compressed(let checks, let offsets):
            let bytes = Int(offsets[type])..<Int(offsets[type + 1])
            guard checks.verify(bytes), let positions = Self.decode(checks.base, bytes, count: range.count, below: count) else {
                checks.health.markDamaged()
                return []
            }
            return positions
        }
    }

    /// The column, for writing a cache from a corpus built from text; nil for a cached one.
    var column: Column<UInt32>? {
        switch storage {
        case .raw(let column): column
        case .deferred(let deferred): deferred.column
        case .compressed: nil
        }
    }

    /// Builds deferred postings on another thread, so that the next question finds them ready.
    func warmUp() {
        guard case .deferred(let deferred) = storage else { return }
        deferred.buildInBackground()
    }

    /// Appends the list `positions` to `output` as gaps (the first from 0) in LEB128.
    static func encode(_ positions: UnsafeBufferPointer<UInt32>, into output: inout [UInt8]) {
        // At most five bytes a gap: room is made once for the list, and the bytes are written
        // through a pointer rather than appended one at a time.
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: 5 * positions.count))
        let written = output.withUnsafeMutableBufferPointer { buffer -> Int in
            var cursor = buffer.baseAddress! + start
            var previous: UInt32 = 0
            for position in positions {
                var gap = position &- previous
                previous = position
                while gap >= 0x80 {
                    cursor.pointee = UInt8(truncatingIfNeeded: gap) | 0x80
                    cursor += 1
                    gap >>= 7
                }
                cursor.pointee = UInt8(gap)
                cursor += 1
            }
            return cursor - (buffer.baseAddress! + start)
        }
        output.removeLast(5 * positions.count - written)
    }

    /// `count` positions from the gaps in `bytes`, or nil when they do not make exactly that
    /// many strictly increasing positions below `limit`.
    static func decode(_ base: UnsafeRawPointer, _ bytes: Range<Int>, count: Int, below limit: Int) -> [UInt32]? {
        var positions = [UInt32]()
        positions.reserveCapacity(count)
        var index = bytes.lowerBound
        var previous: UInt64 = 0
        while index < bytes.upperBound {
            var gap: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard index < bytes.upperBound, shift < 35 else { return nil }
                let byte = base.load(fromByteOffset: index, as: UInt8.self)
                index += 1
                gap |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            let position = positions.isEmpty ? gap : previous + gap
            guard position < UInt64(limit), positions.isEmpty || gap > 0, positions.count < count else { return nil }
            positions.append(UInt32(position))
            previous = position
        }
        return positions.count == count ? positions : nil
    }
}

/// The postings of a corpus read from text for this process only (`load --no-cache`). Sorting
/// 77 M positions by type is a pass of random writes over 300 MB, and a one-off question about
/// a word or two needs none of it: the first lists asked for are found by scanning the type
/// column (on every core, tens of milliseconds each), and after a few, or when the session
/// warms up, every list is built at once.
final class DeferredPostings: @unchecked Sendable {
    private let tokenType: Column<UInt32>
    private let typeCount: Int
    private let lock = NSCondition()
    private var built: Column<UInt32>?
    /// Whether a thread of its own is building every list (`buildInBackground`).
    private var building = false
    /// Lists still to be found by a scan before every list is built.
    private var scansLeft = 4

    init(tokenType: Column<UInt32>, typeCount: Int) {
        self.tokenType = tokenType
        self.typeCount = typeCount
    }

    /// Every list, built the first time it is asked for (or when the thread building them ends).
    var column: Column<UInt32> {
        lock.withLock {
            while building { lock.wait() }
            if let built { return built }
            let column = CorpusBuilder.postings(of: tokenType, typeCount: typeCount).1
            built = column
            return column
        }
    }

    /// Starts building every list on a thread of its own. The thread holds the postings weakly
    /// and gives up as soon as they are let go of: a load at the prompt that replaces the corpus
    /// does not share the cores with lists for the corpus it replaced.
    func buildInBackground() {
        let start = lock.withLock { () -> Bool in
            guard built == nil, !building else { return false }
            building = true
            return true
        }
        guard start else { return }
        let (tokenType, typeCount) = (self.tokenType, self.typeCount)
        DispatchQueue.global(qos: .utility).async { [weak self] in
            let lists = CorpusBuilder.postings(of: tokenType, typeCount: typeCount) { [weak self] in self == nil }
            guard let self else { return }
            lock.withLock {
                // Not abandoned while the postings were held, so built.
                if let lists { built = lists.1 }
                building = false
                lock.broadcast()
            }
        }
    }

    func positions(ofType type: Int, _ range: Range<Int>) -> [UInt32] {
        let scan = lock.withLock { () -> Bool in
            guard built == nil, scansLeft > 0 else { return false }
            scansLeft -= 1
            return true
        }
        guard scan else { return Array(column[range]) }
        return Self.positions(of: UInt32(type), in: tokenType, count: range.count)
    }

    /// The `count` positions of `type` in `tokenType`, in order: each core scans a share.
    static func positions(of type: UInt32, in tokenType: Column<UInt32>, count: Int) -> [UInt32] {
        let chunkCount = max(1, min(Parallel.coreCount, tokenType.count / 65_536))
        let found = Parallel.map(chunkCount) { chunk -> [UInt32] in
            let range = (tokenType.count * chunk / chunkCount)..<(tokenType.count * (chunk + 1) / chunkCount)
            var positions: [UInt32] = []
            tokenType.withUnsafeBufferPointer { types in
                for position in range where types[position] == type { positions.append(UInt32(position)) }
            }
            return positions
        }
        var positions: [UInt32] = []
        positions.reserveCapacity(count)
        for part in found { positions += part }
        return positions
    }
}

/// The type ids of a corpus read from a cache file, packed into `bits` bits each: unpacked into
/// memory, on every core, the first time an analysis needs them (n-grams, collocates, sorts,
/// phrases), after their blocks are checked and every id is found in the lexicon. Most one-off
/// questions (a word's count or concordance, a frequency list) never need them.
final class PackedTokenTypes: @unchecked Sendable {
    let count: Int
    private let bits: Int
    private let typeCount: Int
    private let checks: BlockChecks
    private let lock = NSLock()
    private var unpacked: Column<UInt32>?

    init(checks: BlockChecks, count: Int, bits: Int, typeCount: Int) {
        self.checks = checks
        self.count = count
        self.bits = bits
        self.typeCount = typeCount
    }

    /// The bits per id for a lexicon of `typeCount` types.
    static func bits(forTypes typeCount: Int) -> Int {
        var bits = 1
        while 1 << bits < typeCount { bits += 1 }
        return bits
    }

    /// Whether the ids are in memory already.
    var isUnpacked: Bool {
        lock.lock()
        defer { lock.unlock() }
        return unpacked != nil
    }

    /// The ids; all zero (a valid id), with the cache marked damaged, when they fail a check.
    var column: Column<UInt32> {
        lock.lock()
        defer { lock.unlock() }
        if let unpacked { return unpacked }
        let valid = checks.verifyAll()
        nonisolated(unsafe) let words = checks.base.assumingMemoryBound(to: UInt64.self)
        let (bits, count, typeCount) = (self.bits, self.count, self.typeCount)
        nonisolated(unsafe) var bad = false
        let column = Column<UInt32>(count: count) { output in
            guard valid else {
                output.initialize(repeating: 0)
                return
            }
            nonisolated(unsafe) let output = output
            let chunks = max(1, min(Parallel.coreCount * 4, count / 65_536))
            let found = Parallel.map(chunks) { chunk -> Bool in
                // Chunks start at multiples of 64 ids, which start on a word.
                let start = count * chunk / chunks / 64 * 64
                let end = chunk == chunks - 1 ? count : count * (chunk + 1) / chunks / 64 * 64
                return PackedTokenTypes.unpack(words, bits: bits, range: start..<end, into: output, below: UInt32(typeCount))
            }
            bad = found.contains(false)
        }
        if !valid || bad {
            checks.health.markDamaged()
        }
        unpacked = column
        return column
    }

    /// The ids of tokens `range`: from the column when it is unpacked already, else unpacked
    /// from the blocks that hold them, which are checked first. What a few turns need (the
    /// preambles a count of speech leaves out) costs those turns, not the whole column's 77 M ids.
    func ids(_ range: Range<Int>) -> [UInt32] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "token range out of bounds")
        guard !range.isEmpty else { return [] }
        lock.lock()
        let unpacked = self.unpacked
        lock.unlock()
        if let unpacked { return Array(unpacked[range]) }
        let firstWord = range.lowerBound * bits / 64
        let endWord = ((range.upperBound * bits) + 63) / 64
        guard checks.verify((8 * firstWord)..<(8 * endWord)) else { return [UInt32](repeating: 0, count: range.count) }
        let words = checks.base.assumingMemoryBound(to: UInt64.self)
        var ok = true
        let ids = [UInt32](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            ok = Self.unpack(words, bits: bits, range: range, into: buffer, from: range.lowerBound, below: UInt32(typeCount))
            initialized = range.count
        }
        if !ok { checks.health.markDamaged() }
        return ids
    }

    /// Unpacks ids `range` into `output`, id `index` at `output[index - first]`; false when one
    /// is not below `limit` (it is left 0).
    private static func unpack(
        _ words: UnsafePointer<UInt64>, bits: Int, range: Range<Int>, into output: UnsafeMutableBufferPointer<UInt32>,
        from first: Int = 0, below limit: UInt32
    ) -> Bool {
        let mask = (UInt64(1) << UInt64(bits)) - 1
        var ok = true
        for index in range {
            let bit = index * bits
            let word = bit >> 6
            let shift = UInt64(bit & 63)
            var value = words[word] >> shift
            if shift + UInt64(bits) > 64 { value |= words[word + 1] << (64 - shift) }
            let id = UInt32(truncatingIfNeeded: value & mask)
            if id < limit {
                output[index - first] = id
            } else {
                output[index - first] = 0
                ok = false
            }
        }
        return ok
    }

    /// `ids` packed `bits` bits each into little-endian words, on every core.
    static func pack(_ ids: Column<UInt32>, bits: Int) -> [UInt64] {
        let wordCount = (ids.count * bits + 63) / 64
        return [UInt64](unsafeUninitializedCapacity: wordCount) { words, initialized in
            words.initialize(repeating: 0)
            nonisolated(unsafe) let words = words
            // 64 ids fill exactly `bits` words: chunks of multiples of 64 ids never share a word.
            let chunks = max(1, min(Parallel.coreCount * 4, ids.count / 65_536))
            _ = Parallel.map(chunks) { chunk -> Bool in
                let start = ids.count * chunk / chunks / 64 * 64
                let end = chunk == chunks - 1 ? ids.count : ids.count * (chunk + 1) / chunks / 64 * 64
                for index in start..<end {
                    let bit = index * bits
                    let word = bit >> 6
                    let shift = UInt64(bit & 63)
                    let value = UInt64(ids[index])
                    words[word] |= value << shift
                    if shift + UInt64(bits) > 64 { words[word + 1] |= value >> (64 - shift) }
                }
                return true
            }
            initialized = wordCount
        }
    }
}
