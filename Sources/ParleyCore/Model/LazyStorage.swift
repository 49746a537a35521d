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
    static let blockSize = 1 << 20

    /// The section's first byte (immutable, mapped read-only).
    let base: UnsafeRawPointer
    private let length: Int
    private let checksums: [UInt64]
    /// Which blocks passed, under the lock.
    private let lock = NSLock()
    private var verified: [Bool]
    private let all = Atomic<Bool>(false)
    /// What else each block's bytes must satisfy (every type id in range, say), checked with it.
    private let validate: @Sendable (UnsafeRawBufferPointer) -> Bool
    let health: CacheHealth
    /// Keeps the mapping alive as long as the checks can run.
    private let mapping: MappedFile

    /// False only for fuzzing: the values are still validated, the checksums not compared.
    private let checksChecksums: Bool

    init(
        mapping: MappedFile, offset: Int, length: Int, checksums: [UInt64], health: CacheHealth, checksChecksums: Bool = true,
        validate: @escaping @Sendable (UnsafeRawBufferPointer) -> Bool = { _ in true }
    ) {
        self.checksChecksums = checksChecksums
        self.mapping = mapping
        base = mapping.base + offset
        self.length = length
        self.checksums = checksums
        verified = [Bool](repeating: false, count: checksums.count)
        self.validate = validate
        self.health = health
    }

    /// The checksums of `bytes`, block by block.
    static func checksums(of bytes: UnsafeRawBufferPointer) -> [UInt64] {
        stride(from: 0, to: bytes.count, by: blockSize).map { start in
            Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[start..<min(bytes.count, start + blockSize)]))
        }
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
            guard block < checksums.count, !checksChecksums || Checksum.of(bytes) == checksums[block], validate(bytes) else {
                health.markDamaged()
                return false
            }
            verified[block] = true
        }
        return true
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

/// A document's text: in memory, or a Zstandard frame in a mapped cache file that is checked and
/// decompressed the first time the text is read (a concordance of a few lines reads a few
/// documents), then kept.
package final class TextStorage: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8]?
    private let frame: (checks: BlockChecks, range: Range<Int>, checksum: UInt64)?
    /// The length of the text, known without decompressing it.
    package let count: Int

    init(bytes: [UInt8]) {
        self.bytes = bytes
        count = bytes.count
        frame = nil
    }

    /// The text compressed at `range` of the `texts` section (`checks`), `count` bytes long
    /// once decompressed, with `checksum` the checksum of the decompressed text.
    init(checks: BlockChecks, range: Range<Int>, count: Int, checksum: UInt64) {
        frame = (checks, range, checksum)
        self.count = count
    }

    /// The text; empty (with the cache marked damaged) when its frame fails its checks.
    package var text: [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        if let bytes { return bytes }
        guard let frame else { return [] }
        var text = [UInt8](repeating: 0, count: count)
        let decompressed = text.withUnsafeMutableBytes { output in
            frame.checks.verify(frame.range)
                ? ZSTD_decompress(output.baseAddress, count, frame.checks.base + frame.range.lowerBound, frame.range.count) : 0
        }
        guard ZSTD_isError(decompressed) == 0, decompressed == count, Checksum.of(text) == frame.checksum else {
            frame.checks.health.markDamaged()
            return []
        }
        bytes = text
        return text
    }

    /// `text` compressed as one Zstandard frame (level 3: about a quarter of English text).
    static func compressed(_ text: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(text.count))
        let written = output.withUnsafeMutableBytes { buffer in
            text.withUnsafeBytes { input in ZSTD_compress(buffer.baseAddress, buffer.count, input.baseAddress, input.count, 3) }
        }
        guard ZSTD_isError(written) == 0 else { return [] }
        output.removeLast(output.count - written)
        return output
    }
}

/// The postings of every type (DESIGN.md §2): the positions of type `t` are entries
/// `postingStart[t]..<postingStart[t + 1]`, in corpus order. In memory after a load from text;
/// from the cache, each type's list is stored as gaps in a variable-length code (a byte per
/// gap under 128), checked and decoded when a query asks for it.
package struct Postings: Sendable {
    private enum Storage: Sendable {
        case raw(Column<UInt32>)
        case compressed(checks: BlockChecks, offsets: [UInt64])
    }

    private let storage: Storage
    /// How many positions there are in all.
    package let count: Int

    package init(_ column: Column<UInt32>) {
        storage = .raw(column)
        count = column.count
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
        if case .raw(let column) = storage { column } else { nil }
    }

    /// Appends the list `positions` to `output` as gaps (the first from 0) in LEB128.
    static func encode(_ positions: some Collection<UInt32>, into output: inout [UInt8]) {
        var previous: UInt32 = 0
        var first = true
        for position in positions {
            var gap = first ? position : position - previous
            first = false
            previous = position
            while gap >= 0x80 {
                output.append(UInt8(gap & 0x7F) | 0x80)
                gap >>= 7
            }
            output.append(UInt8(gap))
        }
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
