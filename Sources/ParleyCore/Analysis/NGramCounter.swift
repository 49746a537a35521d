/// Counts n-grams with their ranges in an open-addressing table whose key is the position of
/// each n-gram's first occurrence: no key is stored twice and nothing is allocated per token,
/// so 77 million bigrams count in seconds.
struct NGramCounter {
    let n: Int
    private(set) var firstPositions: [UInt32]
    private var hashes: [UInt32]
    private(set) var counts: [UInt32]
    private(set) var ranges: [UInt32]
    private var lastTurns: [UInt32]
    private var mask: Int
    private(set) var used = 0

    private static let empty = UInt32.max

    init(n: Int, capacity: Int = 1 << 16) {
        self.n = n
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        (firstPositions, hashes, counts, ranges, lastTurns) = Self.slots(size)
        mask = size - 1
    }

    /// Empty slot arrays: first positions, hashes, counts, ranges, last turns.
    private static func slots(_ size: Int) -> ([UInt32], [UInt32], [UInt32], [UInt32], [UInt32]) {
        let zeros = [UInt32](repeating: 0, count: size)
        let empties = [UInt32](repeating: empty, count: size)
        return (empties, zeros, zeros, zeros, empties)
    }

    /// The hash of the n-gram starting at `position`.
    @inline(__always)
    static func hash(_ types: UnsafeBufferPointer<UInt32>, _ position: Int, _ n: Int) -> UInt32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for offset in 0..<n { hash = (hash ^ UInt64(types[position + offset])) &* 0x9E37_79B9_7F4A_7C15 }
        return UInt32(truncatingIfNeeded: hash >> 29)
    }

    /// Counts the n-gram starting at `position`, which lies in `turn`.
    @inline(__always)
    mutating func add(_ types: UnsafeBufferPointer<UInt32>, at position: Int, turn: Int) {
        let hash = Self.hash(types, position, n)
        var slot = Int(hash) & mask
        while true {
            let first = firstPositions[slot]
            if first == Self.empty {
                firstPositions[slot] = UInt32(position)
                hashes[slot] = hash
                counts[slot] = 1
                ranges[slot] = 1
                lastTurns[slot] = UInt32(turn)
                used += 1
                if used * 2 > firstPositions.count { grow() }
                return
            }
            if hashes[slot] == hash, Self.same(types, Int(first), position, n) {
                counts[slot] += 1
                if lastTurns[slot] != UInt32(turn) {
                    lastTurns[slot] = UInt32(turn)
                    ranges[slot] += 1
                }
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// The slot of the n-gram starting at `position`, if it was counted.
    func slot(of types: UnsafeBufferPointer<UInt32>, at position: Int) -> Int? {
        let hash = Self.hash(types, position, n)
        var slot = Int(hash) & mask
        while firstPositions[slot] != Self.empty {
            if hashes[slot] == hash, Self.same(types, Int(firstPositions[slot]), position, n) { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The occupied slots.
    var slots: [Int] {
        var slots: [Int] = []
        for index in firstPositions.indices where firstPositions[index] != Self.empty {
            if Interruption.stops(at: slots.count) { return [] }
            slots.append(index)
        }
        return slots
    }

    @inline(__always)
    private static func same(_ types: UnsafeBufferPointer<UInt32>, _ a: Int, _ b: Int, _ n: Int) -> Bool {
        for offset in 0..<n where types[a + offset] != types[b + offset] { return false }
        return true
    }

    /// Empty slot arrays made a megabyte at a time, or nil when Ctrl-C came first: filling
    /// gigabytes takes over a second, too long to leave Ctrl-C unheard.
    private static func interruptibleSlots(_ size: Int) -> ([UInt32], [UInt32], [UInt32], [UInt32], [UInt32])? {
        func filled(_ value: UInt32) -> [UInt32]? {
            var complete = true
            let array = [UInt32](unsafeUninitializedCapacity: size) { buffer, count in
                var start = 0
                while start < size {
                    if Interruption.isRequested {
                        complete = false
                        break
                    }
                    let end = min(size, start + 1 << 20)
                    buffer.baseAddress!.advanced(by: start).initialize(repeating: value, count: end - start)
                    start = end
                }
                count = start
            }
            return complete ? array : nil
        }
        guard let empties = filled(empty), let lasts = filled(empty), let zeros = filled(0),
            let moreZeros = filled(0), let lastZeros = filled(0)
        else { return nil }
        return (empties, zeros, moreZeros, lastZeros, lasts)
    }

    private mutating func grow() {
        // Stopped by Ctrl-C: keep the table as it is (it still has room) until the count stops.
        let size = firstPositions.count * 2
        guard !Interruption.isRequested, let fresh = Self.interruptibleSlots(size) else { return }
        let old = (firstPositions, hashes, counts, ranges, lastTurns)
        (firstPositions, hashes, counts, ranges, lastTurns) = fresh
        mask = size - 1
        for index in old.0.indices where old.0[index] != Self.empty {
            // Stopped by Ctrl-C: the counts are thrown away, so a part of them will do.
            if Interruption.stops(at: index) { return }
            var slot = Int(old.1[index]) & mask
            while firstPositions[slot] != Self.empty { slot = (slot + 1) & mask }
            firstPositions[slot] = old.0[index]
            hashes[slot] = old.1[index]
            counts[slot] = old.2[index]
            ranges[slot] = old.3[index]
            lastTurns[slot] = old.4[index]
        }
    }
}
