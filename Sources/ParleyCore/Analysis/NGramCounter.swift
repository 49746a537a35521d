/// Counts n-grams (n ≥ 2) exactly, on every core, in memory that does not grow with the number
/// of distinct n-grams.
///
/// Each occurrence becomes one 64-bit key: the n-gram's type ids packed together when they fit
/// (n × bits per id ≤ 62: bigrams and trigrams of any real corpus), else its position; plus one
/// bit saying whether it is the n-gram's first occurrence in its turn, so a range is a sum like
/// a frequency. The keys are split by a hash into partitions small enough that each one's table
/// fits in the processor's cache, and each partition is counted on its own. Only the rows asked
/// for are kept (a bounded heap for `--top N`).
extension Corpus {
    /// Keys per partition, at most this many on average. Far fewer of them are distinct (for the
    /// bigrams of the Supreme Court corpus, about 9,000 of 150,000), and the table is sized for
    /// those: 32,768 slots of 16 bytes, which stay in the processor's cache.
    static let nGramPartitionSize = 1 << 18

    func nGramRows(
        n: Int, in selection: TurnSet?, minimum: Int, excluded: Set<Int>, top: Int, range unit: RangeUnit = .turns, minimumRange: Int = 1
    ) -> FrequencyRows {
        let stop = (0..<lexicon.count).map { excluded.contains($0) }
        let turns = selectedTurns(selection)
        let candidates = turns.reduce(0) { $0 + max(0, tokens(ofTurn: $1).count - n + 1) }
        var bits = 0
        while (1 << bits) * Self.nGramPartitionSize < candidates, bits < 14 { bits += 1 }
        let encoding = NGramKey(n: n, typeCount: lexicon.count)
        guard let shares = nGramPartitions(encoding, turns: turns, stop: stop, bits: bits, unit: unit) else { return FrequencyRows(n: n) }
        let corpus = self
        let partitions = 1 << bits
        // A partition per task; each worker keeps only what it may return.
        let counted = Parallel.map(Parallel.coreCount) { worker -> FrequencyRows? in
            var kept = FrequencyRows(n: n, packedBits: encoding.packedBits)
            let table = NGramTable(encoding)
            for partition in stride(from: worker, to: partitions, by: Parallel.coreCount) {
                if Interruption.isRequested { return nil }
                guard corpus.count(partition, of: shares, into: table, encoding) else { return nil }
                table.appendRows(minimum: minimum, minimumRange: minimumRange, to: &kept)
                // For --top N, keep each worker's best N: whatever else it holds can never rank.
                if top < kept.count / 2, let best = corpus.ranked(kept, top: top) { kept = kept.reordered(best) }
            }
            return kept
        }
        var rows = FrequencyRows(n: n, packedBits: encoding.packedBits)
        for part in counted {
            guard let part else { return FrequencyRows(n: n) }
            rows.append(contentsOf: part)
        }
        return rows
    }

    /// The keys of the n-grams in `turns` that hold no stop word, split by the top `bits` of
    /// their hash. Each worker takes a share of the turns and writes its keys in one pass into
    /// an array per partition (the order of keys within a partition does not matter).
    private func nGramPartitions(_ encoding: NGramKey, turns: [Int], stop: [Bool], bits: Int, unit: RangeUnit) -> [KeyShare]? {
        let workers = Parallel.coreCount
        let corpus = self
        // Each worker's turns; for a range in documents, a document's turns stay with one worker.
        var bounds = (0...workers).map { turns.count * $0 / workers }
        if unit == .documents {
            for index in 1..<workers {
                while bounds[index] > 0, bounds[index] < turns.count,
                    turnDocument[turns[bounds[index]]] == turnDocument[turns[bounds[index] - 1]] { bounds[index] -= 1 }
                bounds[index] = max(bounds[index], bounds[index - 1])
            }
        }
        let shareBounds = bounds
        let shares = Parallel.map(workers) { worker -> KeyShare? in
            let share = turns[shareBounds[worker]..<shareBounds[worker + 1]]
            // One pass: each partition's keys go to an array of its own, reserved for its share
            // of the most there can be (the hash spreads keys evenly), so it seldom grows.
            let most = share.reduce(0) { $0 + max(0, corpus.tokens(ofTurn: $1).count - encoding.n + 1) }
            let reserve = most / (1 << bits) + most / (1 << bits) / 16 + 64
            var buffers = (0..<(1 << bits)).map { _ in
                var buffer: [UInt64] = []
                buffer.reserveCapacity(reserve)
                return buffer
            }
            let seen = KeySet()
            // Keys are gathered a few per partition and copied out together: storing each one
            // straight into its partition, hundreds of places far apart, misses the cache at
            // almost every key.
            let gathered = 16
            var pending = [UInt64](repeating: 0, count: (1 << bits) * gathered)
            var pendingCount = [Int](repeating: 0, count: 1 << bits)
            let complete = corpus.tokenType.withUnsafeBufferPointer { types in
                pendingCount.withUnsafeMutableBufferPointer { pendingCount in
                    pending.withUnsafeMutableBufferPointer { pending in
                        var document = -1
                        let complete = corpus.forEachNGram(in: share, encoding, stop: stop, turnStarts: { turn, length in
                            guard unit == .documents else { return seen.reset(capacity: length) }
                            let next = Int(corpus.turnDocument[turn])
                            guard next != document else { return }
                            document = next
                            let turns = corpus.documents[next].turns
                            seen.reset(capacity: Int(corpus.turnFirstToken[turns.upperBound] - corpus.turnFirstToken[turns.lowerBound]))
                        }) { position, hash, packed in
                            // The first time in this turn (or document): the occurrence adds to the range too.
                            let first = seen.insert(packed ?? hash, exact: packed != nil, types: types, position: position, n: encoding.n)
                            let partition = bits == 0 ? 0 : Int(hash >> UInt64(64 - bits))
                            let held = pendingCount[partition]
                            pending[partition * gathered + held] = (packed ?? UInt64(position)) << 1 | (first ? 1 : 0)
                            if held + 1 < gathered {
                                pendingCount[partition] = held + 1
                                return
                            }
                            buffers[partition].append(contentsOf: UnsafeBufferPointer(rebasing: pending[(partition * gathered)..<((partition + 1) * gathered)]))
                            pendingCount[partition] = 0
                        }
                        for partition in 0..<(1 << bits) where pendingCount[partition] > 0 {
                            let start = partition * gathered
                            buffers[partition].append(contentsOf: UnsafeBufferPointer(rebasing: pending[start..<(start + pendingCount[partition])]))
                        }
                        return complete
                    }
                }
            }
            return complete ? KeyShare(partitions: buffers) : nil
        }
        var result: [KeyShare] = []
        for share in shares {
            guard let share else { return nil }
            result.append(share)
        }
        return result
    }

    /// Calls `body` with the position, hash and packed key of every n-gram in `turns` that holds
    /// no stop word, and `turnStarts` with each turn's length first. False when Ctrl-C stopped it.
    private func forEachNGram(
        in turns: ArraySlice<Int>, _ encoding: NGramKey, stop: [Bool], turnStarts: (Int, Int) -> Void = { _, _ in },
        _ body: (Int, UInt64, UInt64?) -> Void
    ) -> Bool {
        let n = encoding.n
        return tokenType.withUnsafeBufferPointer { types -> Bool in
            for turn in turns {
                if Interruption.stops(at: turn) { return false }
                let range = tokens(ofTurn: turn)
                guard range.count >= n else { continue }
                turnStarts(turn, range.count)
                // The last stop word seen, so an n-gram holding one is passed over.
                var lastStop = Int.min
                for offset in 0..<(n - 1) where stop[Int(types[range.lowerBound + offset])] { lastStop = range.lowerBound + offset }
                for position in range.lowerBound...(range.upperBound - n) {
                    if stop[Int(types[position + n - 1])] { lastStop = position + n - 1 }
                    guard lastStop < position else { continue }
                    body(position, NGramKey.hash(types, position, n), encoding.packed(types, position))
                }
            }
            return true
        }
    }

    /// Counts one partition's keys, from every worker's share, into `table` (emptied first).
    private func count(_ partition: Int, of shares: [KeyShare], into table: NGramTable, _ encoding: NGramKey) -> Bool {
        // Partitions are alike (keys are spread by a hash): the last one's size is a good guess.
        table.reset(expected: max(table.count, 1 << 12))
        return tokenType.withUnsafeBufferPointer { types -> Bool in
            for share in shares {
                let keys = share.partitions[partition]
                for index in keys.indices {
                    if Interruption.stops(at: index) { return false }
                    let key = keys[index]
                    table.add(key >> 1, firstInTurn: key & 1 == 1, types)
                }
            }
            return true
        }
    }
}

/// One worker's keys, an array per partition.
private struct KeyShare: Sendable {
    let partitions: [[UInt64]]
}

/// How an n-gram occurrence is written as a key: its type ids packed into one integer when they
/// fit, the first in the highest bits (so comparing keys compares the forms), else its position.
struct NGramKey: Sendable {
    let n: Int
    /// Bits per type id when packed, or nil when n ids do not fit in 62 bits.
    let packedBits: Int?

    init(n: Int, typeCount: Int) {
        self.n = n
        var bits = 1
        while 1 << bits < typeCount { bits += 1 }
        packedBits = n * bits <= 62 ? bits : nil
    }

    init(n: Int, packedBits: Int?) {
        self.n = n
        self.packedBits = packedBits
    }

    @inline(__always)
    func packed(_ types: UnsafeBufferPointer<UInt32>, _ position: Int) -> UInt64? {
        guard let packedBits else { return nil }
        var key: UInt64 = 0
        for offset in 0..<n { key = key << UInt64(packedBits) | UInt64(types[position + offset]) }
        return key
    }

    /// A hash of the n-gram at `position` (mixing all of its ids), for partitions and slots.
    @inline(__always)
    static func hash(_ types: UnsafeBufferPointer<UInt32>, _ position: Int, _ n: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for offset in 0..<n { hash = (hash ^ UInt64(types[position + offset])) &* 0x9E37_79B9_7F4A_7C15 }
        return hash ^ (hash >> 29)
    }

    @inline(__always)
    static func mix(_ key: UInt64) -> UInt64 {
        var hash = key &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 31
        return hash &* 0xBF58_476D_1CE4_E5B9
    }
}

/// The n-grams already met in the current turn, so the first occurrence of each is marked. A
/// packed key is its own identity; an unpacked one is compared by its tokens. Its slots are raw
/// memory: it is probed at every n-gram, and an array's uniqueness check costs as much.
private final class KeySet {
    private var keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 0)
    private var positions = UnsafeMutableBufferPointer<Int>.allocate(capacity: 0)
    private var used = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 0)
    private var generation: UInt32 = 0
    private var mask = 0

    deinit {
        keys.deallocate()
        positions.deallocate()
        used.deallocate()
    }

    func reset(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        if size > keys.count {
            keys.deallocate()
            positions.deallocate()
            used.deallocate()
            keys = .allocate(capacity: size)
            keys.initialize(repeating: 0)
            positions = .allocate(capacity: size)
            positions.initialize(repeating: 0)
            used = .allocate(capacity: size)
            used.initialize(repeating: 0)
            generation = 0
        }
        mask = min(size, keys.count) - 1
        generation &+= 1
        if generation == 0 {
            used.update(repeating: 0)
            generation = 1
        }
    }

    /// True when `key` was not in the set (it is now). An `exact` key (packed ids) is the
    /// n-gram itself; a hash is checked against the tokens.
    @inline(__always)
    func insert(_ key: UInt64, exact: Bool, types: UnsafeBufferPointer<UInt32>, position: Int, n: Int) -> Bool {
        var slot = Int(truncatingIfNeeded: NGramKey.mix(key)) & mask
        while used[slot] == generation {
            if keys[slot] == key, exact || NGramTable.same(types, positions[slot], position, n) { return false }
            slot = (slot + 1) & mask
        }
        used[slot] = generation
        keys[slot] = key
        positions[slot] = position
        return true
    }
}

/// An open-addressing table of n-gram keys with each one's frequency and range, in raw memory
/// (it takes one probe per occurrence, and an array's uniqueness check would cost as much).
final class NGramTable {
    let encoding: NGramKey
    private var keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 0)
    private var counts = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 0)
    private var ranges = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 0)
    private var mask = 0

    private static let empty = UInt64.max

    init(_ encoding: NGramKey) { self.encoding = encoding }

    deinit {
        keys.deallocate()
        counts.deallocate()
        ranges.deallocate()
    }

    /// The number of slots.
    var capacity: Int { keys.count }

    /// The number of distinct keys counted since the last reset.
    private(set) var count = 0

    /// Empties the table, with room for about `expected` distinct keys at a load of at most a
    /// half; it grows when more come. A table sized for every occurrence would be mostly empty
    /// and spread each probe over memory far larger than the processor's cache.
    func reset(expected: Int) {
        var size = 16
        while size < expected * 2 { size <<= 1 }
        if keys.count != size {
            allocate(size)
        } else {
            keys.update(repeating: Self.empty)
        }
        count = 0
    }

    private func allocate(_ size: Int) {
        keys.deallocate()
        counts.deallocate()
        ranges.deallocate()
        keys = .allocate(capacity: size)
        keys.initialize(repeating: Self.empty)
        counts = .allocate(capacity: size)
        counts.initialize(repeating: 0)
        ranges = .allocate(capacity: size)
        ranges.initialize(repeating: 0)
        mask = size - 1
    }

    /// Doubles the slots and puts every counted key back.
    private func grow(_ types: UnsafeBufferPointer<UInt32>) {
        let (oldKeys, oldCounts, oldRanges) = (keys, counts, ranges)
        keys = .allocate(capacity: 0)
        counts = .allocate(capacity: 0)
        ranges = .allocate(capacity: 0)
        allocate(oldKeys.count * 2)
        for slot in oldKeys.indices where oldKeys[slot] != Self.empty {
            var target = start(oldKeys[slot], types)
            while keys[target] != Self.empty { target = (target + 1) & mask }
            keys[target] = oldKeys[slot]
            counts[target] = oldCounts[slot]
            ranges[target] = oldRanges[slot]
        }
        oldKeys.deallocate()
        oldCounts.deallocate()
        oldRanges.deallocate()
    }

    @inline(__always)
    private func start(_ key: UInt64, _ types: UnsafeBufferPointer<UInt32>) -> Int {
        let hash = encoding.packedBits == nil ? NGramKey.hash(types, Int(key), encoding.n) : NGramKey.mix(key)
        return Int(truncatingIfNeeded: hash) & mask
    }

    @inline(__always)
    private func matches(_ stored: UInt64, _ key: UInt64, _ types: UnsafeBufferPointer<UInt32>) -> Bool {
        encoding.packedBits == nil ? Self.same(types, Int(stored), Int(key), encoding.n) : stored == key
    }

    /// Counts one occurrence.
    @inline(__always)
    func add(_ key: UInt64, firstInTurn: Bool, _ types: UnsafeBufferPointer<UInt32>) {
        var slot = start(key, types)
        while true {
            let stored = keys[slot]
            if stored == Self.empty {
                keys[slot] = key
                counts[slot] = 1
                ranges[slot] = firstInTurn ? 1 : 0
                count += 1
                if count * 2 > keys.count { grow(types) }
                return
            }
            if matches(stored, key, types) {
                counts[slot] += 1
                if firstInTurn { ranges[slot] += 1 }
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// The slot of a key, if it was counted.
    func slot(of key: UInt64, _ types: UnsafeBufferPointer<UInt32>) -> Int? {
        var slot = start(key, types)
        while keys[slot] != Self.empty {
            if matches(keys[slot], key, types) { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Appends the counted keys that occur at least `minimum` times, in slot order.
    func appendRows(minimum: Int, minimumRange: Int, to rows: inout FrequencyRows) {
        for slot in keys.indices where keys[slot] != Self.empty && Int(counts[slot]) >= minimum && Int(ranges[slot]) >= minimumRange {
            rows.append(key: keys[slot], frequency: counts[slot], range: ranges[slot])
        }
    }

    @inline(__always)
    static func same(_ types: UnsafeBufferPointer<UInt32>, _ a: Int, _ b: Int, _ n: Int) -> Bool {
        for offset in 0..<n where types[a + offset] != types[b + offset] { return false }
        return true
    }
}
