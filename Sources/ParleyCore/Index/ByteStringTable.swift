/// A hash set of byte strings that hands out dense ids in insertion order.
///
/// The lexicon is built from byte slices of the source text: one arena of bytes, one offset per
/// entry, and open addressing over the ids, so interning a token allocates nothing.
struct ByteStringTable: Sendable {
    private(set) var arena: [UInt8] = []
    private(set) var offsets: [Int] = [0]
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { offsets.count - 1 }

    /// The bytes of entry `id`.
    func bytes(of id: Int) -> ArraySlice<UInt8> { arena[offsets[id]..<offsets[id + 1]] }

    /// The string of entry `id`.
    func string(of id: Int) -> String { String(decoding: bytes(of: id), as: UTF8.self) }

    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    /// The id of `key`, inserting it if it is new.
    @inline(__always)
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var slot = Self.hash(key) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if equals(id, key) { return id }
            slot = (slot + 1) & mask
        }
        let id = count
        arena.append(contentsOf: key)
        offsets.append(arena.count)
        slots[slot] = Int32(id)
        if count * 2 > slots.count { grow() }
        return id
    }

    /// The id of `key`, or nil.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Self.hash(key) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { return nil }
            if equals(id, key) { return id }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[id]
        let length = offsets[id + 1] - start
        guard length == key.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            for offset in 0..<length where arena[start + offset] != key[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        arena.withUnsafeBufferPointer { arena in
            for id in 0..<count {
                let key = UnsafeBufferPointer(rebasing: arena[offsets[id]..<offsets[id + 1]])
                var slot = Self.hash(key) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(id)
            }
        }
    }
}

/// A direct-mapped cache in front of a `ByteStringTable` for short ASCII tokens (up to 7
/// bytes, most of any English text): the folded bytes and the length packed into one integer
/// find the id in a table that stays in the processor's cache, without hashing the bytes or
/// comparing them in the arena. The tokenizer packs the keys (`ASCIIWord.shortKey`).
struct ShortFormCache {
    private static let bits = 12
    /// Each slot's key and id side by side: a hit reads one cache line. In memory of its own,
    /// not an array, so that a lookup costs no check that the array is uniquely referenced.
    private var slots: Slots<(key: UInt64, id: Int32)>

    init() { slots = Slots(count: 1 << Self.bits, empty: (0, 0)) }

    /// A cache that holds nothing and takes no memory, for a worker done reading.
    init(empty: Void) { slots = Slots(count: 0, empty: (0, 0)) }

    /// The id of the form `key` packs, from the cache or, the first time, from `intern`.
    @inline(__always)
    mutating func id(_ key: UInt64, orIntern intern: () -> Int) -> Int {
        let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - Self.bits))
        let entry = slots.base[slot]
        if entry.key == key { return Int(entry.id) }
        let id = intern()
        slots.base[slot] = (key, Int32(id))
        return id
    }
}

/// The same for ASCII tokens of 8 to 15 bytes ("government", "president"), which otherwise
/// cost a hash over their bytes and three dependent reads in the worker's table (its slot, the
/// entry's offset, the bytes): the folded bytes in two integers (`ASCIIWord.longKey`) find the
/// id in one read of a table that stays in the processor's second-level cache.
struct LongFormCache {
    private static let bits = 12
    private struct Slot {
        var first: UInt64 = 0
        var rest: UInt64 = 0
        var id: Int32 = 0
    }

    private var slots: Slots<Slot>

    init() { slots = Slots(count: 1 << Self.bits, empty: Slot()) }

    /// A cache that holds nothing and takes no memory, for a worker done reading.
    init(empty: Void) { slots = Slots(count: 0, empty: Slot()) }

    /// The id of the form `key` packs, from the cache or, the first time, from `intern`. A
    /// key's second integer has the count in its top byte, never 0, so an empty slot matches none.
    @inline(__always)
    mutating func id(_ key: (first: UInt64, rest: UInt64), orIntern intern: () -> Int) -> Int {
        let slot = Int(truncatingIfNeeded: ((key.first ^ key.rest &* 0xFF51_AFD7_ED55_8CCD) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - Self.bits))
        let entry = slots.base[slot]
        if entry.first == key.first, entry.rest == key.rest { return Int(entry.id) }
        let id = intern()
        slots.base[slot] = Slot(first: key.first, rest: key.rest, id: Int32(id))
        return id
    }
}

/// A fixed number of values in memory of their own, freed with the last reference: one worker's
/// (never shared between threads while in use).
private final class Slots<Value>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Value>
    let count: Int

    init(count: Int, empty: Value) {
        self.count = count
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: empty, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
