/// What a breakdown counts at each hit (`count QUERY --by match|1L…5L|1R…5R`).
package enum BreakdownPlace: Sendable, Equatable {
    /// The hit itself: each distinct sequence of types it matched (CQPweb's frequency breakdown).
    case match
    /// The word n to the left of the hit, or n to the right.
    case left(Int)
    case right(Int)

    /// `match`, or a number 1–5 followed by L or R.
    package init?(_ text: String) {
        if text == "match" {
            self = .match
            return
        }
        guard let key = ConcordanceSortKey(text) else { return nil }
        switch key {
        case .left(let n): self = .left(n)
        case .right(let n): self = .right(n)
        default: return nil
        }
    }
}

/// One row of a breakdown or a cluster list: a sequence of types and its counts.
package struct SequenceCount: Sendable, Equatable {
    /// The types, in order; empty for "no word there" (the edge of a turn).
    package var types: [UInt32]
    package var frequency: Int
    /// The turns it occurs in (clusters).
    package var range: Int
}

extension Corpus {
    /// How often each distinct thing stands at `place` in `matches`, most frequent first, ties in
    /// the byte order of the forms; hits with no word there (at the edge of their turn) are one
    /// row with no types, last.
    package func breakdown(of matches: [Match], at place: BreakdownPlace) -> [SequenceCount] {
        let tokenType = tokenType
        var counts = SequenceCounter()
        var edge = 0
        for (index, match) in matches.enumerated() {
            if Interruption.stops(at: index) { break }
            let turn = tokens(ofTurn: Int(match.turn))
            let start = Int(match.start)
            let end = start + Int(match.length)
            switch place {
            case .match:
                counts.add(start..<end, tokenType, turn: Int(match.turn))
            case .left(let n):
                if start - n >= turn.lowerBound { counts.add((start - n)..<(start - n + 1), tokenType, turn: Int(match.turn)) } else { edge += 1 }
            case .right(let n):
                if end - 1 + n < turn.upperBound { counts.add((end - 1 + n)..<(end + n), tokenType, turn: Int(match.turn)) } else { edge += 1 }
            }
        }
        var rows = sortedCounts(counts.rows(minimum: 1))
        if edge > 0 { rows.append(SequenceCount(types: [], frequency: edge, range: 0)) }
        return rows
    }

    /// The n-grams of `sizes` tokens that hold a whole hit, within its turn: with `side` right
    /// the hit starts them, left ends them, both anywhere. Each window of tokens counts once,
    /// even when it holds two hits. Rows with at least `minimum` occurrences, most frequent
    /// first, ties in the byte order of the forms; range is the turns each occurs in.
    package func clusters(of matches: [Match], sizes: ClosedRange<Int>, side: ClusterSide, minimum: Int, top: Int = Int.max) -> [SequenceCount] {
        let tokenType = tokenType
        // Each window once: a window is its first token and its size, gathered then sorted.
        // Two hits give the same window only when it may hold the node anywhere, or when hits
        // differ in length; otherwise each window is new, met in corpus order, and counted at
        // once. Else the windows are gathered and sorted, and each counted once.
        let gathers = side == .both || matches.contains { $0.length != matches.first?.length }
        let corpus = self
        // The windows' keys are split between the cores by hash: each counts its own share in a
        // table of its own, reading the windows in corpus order (so ranges stay right).
        let parts = Parallel.coreCount
        let counters = Parallel.map(parts) { part -> SequenceCounter in
            var counts = SequenceCounter(capacity: matches.count * sizes.count / (4 * parts), part: part, of: parts)
            var windows: [(start: UInt32, size: UInt8, turn: UInt32)] = []
            for (index, match) in matches.enumerated() {
                if Interruption.stops(at: index) { break }
                let turn = corpus.tokens(ofTurn: Int(match.turn))
                let start = Int(match.start)
                let length = Int(match.length)
                for size in sizes where size >= length {
                    let spare = size - length
                    let offsets: ClosedRange<Int> = switch side {
                    case .right: 0...0
                    case .left: spare...spare
                    case .both: 0...spare
                    }
                    for offset in offsets {
                        let first = start - offset
                        guard first >= turn.lowerBound, first + size <= turn.upperBound else { continue }
                        if gathers {
                            windows.append((UInt32(first), UInt8(size), match.turn))
                        } else {
                            counts.add(first..<(first + size), tokenType, turn: Int(match.turn))
                        }
                    }
                }
            }
            if gathers {
                windows.sort { ($0.start, $0.size) < ($1.start, $1.size) }
                var previous: (UInt32, UInt8)?
                for window in windows where previous.map({ $0 != (window.start, window.size) }) ?? true {
                    previous = (window.start, window.size)
                    counts.add(Int(window.start)..<(Int(window.start) + Int(window.size)), tokenType, turn: Int(window.turn))
                }
            }
            return counts
        }
        return sortedCounts(counters.flatMap { $0.rows(minimum: minimum) }, top: top)
    }

    /// The `top` best rows, best first: most frequent, then by the forms (type ids follow the
    /// forms' byte order, so ids compare as the forms do), a shorter sequence before a longer.
    private func sortedCounts(_ rows: [SequenceCount], top: Int = Int.max) -> [SequenceCount] {
        func precedes(_ a: SequenceCount, _ b: SequenceCount) -> Bool {
            if a.frequency != b.frequency { return a.frequency > b.frequency }
            for (x, y) in zip(a.types, b.types) where x != y { return x < y }
            return a.types.count < b.types.count
        }
        guard top < rows.count / 2, let best = Self.best(rows.count, top, by: { precedes(rows[$0], rows[$1]) }) else {
            return Array(rows.sorted(by: precedes).prefix(top))
        }
        return best.map { rows[$0] }.sorted(by: precedes)
    }

    /// A sequence of types as its forms joined by spaces.
    package func phrase(of types: [UInt32]) -> String {
        types.map { lexicon.forms[Int($0)] }.joined(separator: " ")
    }
}

/// Where the node stands in a cluster (`clusters --side`).
package enum ClusterSide: String, Sendable, CaseIterable {
    /// The node starts the cluster, which runs to its right (AntConc's "on left").
    case right
    /// The node ends it.
    case left
    /// Anywhere in it.
    case both
}

/// Counts sequences of types with the turns they occur in. Sequences of up to five types of a
/// lexicon below 2^24 are packed into two words and counted in an open-addressing table with a
/// cheap hash (a clusters count makes millions of insertions); longer ones in a dictionary.
private struct SequenceCounter {
    private struct Entry {
        var frequency = 0
        var range = 0
        var lastTurn = -1

        mutating func add(turn: Int) {
            frequency += 1
            if lastTurn != turn {
                range += 1
                lastTurn = turn
            }
        }
    }

    /// A slot: the key's two words (high 0 for an empty slot: a key's high word holds its
    /// length, at least 1) and its counts, side by side so that a probe touches one cache line.
    private struct Slot {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var frequency: UInt32 = 0
        var range: UInt32 = 0
        var lastTurn: UInt32 = .max
    }

    private var slots: [Slot]
    private var used = 0
    private var long: [[UInt32]: Entry] = [:]

    /// This counter's share of the keys: those whose hash is `part` modulo `parts`.
    private let part: UInt64
    private let parts: UInt64

    init(capacity: Int = 0, part: Int = 0, of parts: Int = 1) {
        self.part = UInt64(part)
        self.parts = UInt64(parts)
        var size = 1024
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
    }

    mutating func add(_ tokens: Range<Int>, _ tokenType: Column<UInt32>, turn: Int) {
        if tokens.count <= 5 {
            var high = UInt64(tokens.count)
            var low: UInt64 = 0
            var packable = true
            for (index, token) in tokens.enumerated() {
                let type = UInt64(tokenType[token])
                guard type < 1 << 24 else {
                    packable = false
                    break
                }
                // 24 bits a type: two in the high word after the length, three in the low word.
                if index < 2 { high |= type << UInt64(8 + 24 * index) } else { low |= type << UInt64(24 * (index - 2)) }
            }
            if packable {
                let hash = NGramKey.mix(high ^ NGramKey.mix(low))
                if parts == 1 || (hash >> 40) % parts == part { insert(high, low, hash: hash, turn: turn) }
                return
            }
        }
        // Longer sequences are rare: the first share counts them all.
        if part == 0 { long[tokens.map { tokenType[$0] }, default: Entry()].add(turn: turn) }
    }

    private mutating func insert(_ high: UInt64, _ low: UInt64, hash: UInt64, turn: Int) {
        if 2 * (used + 1) > slots.count { grow() }
        let mask = slots.count - 1
        let turn = UInt32(truncatingIfNeeded: turn)
        slots.withUnsafeMutableBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].high != 0, slots[slot].high != high || slots[slot].low != low { slot = (slot + 1) & mask }
            if slots[slot].high == 0 {
                slots[slot].high = high
                slots[slot].low = low
                used += 1
            }
            slots[slot].frequency += 1
            if slots[slot].lastTurn != turn {
                slots[slot].range += 1
                slots[slot].lastTurn = turn
            }
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry.high != 0 {
            var slot = Int(truncatingIfNeeded: NGramKey.mix(entry.high ^ NGramKey.mix(entry.low))) & mask
            while slots[slot].high != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// The sequences counted at least `minimum` times.
    func rows(minimum: Int) -> [SequenceCount] {
        var rows: [SequenceCount] = []
        for entry in slots where entry.high != 0 && entry.frequency >= minimum {
            let (high, low) = (entry.high, entry.low)
            var types: [UInt32] = []
            for index in 0..<Int(high & 0xFF) {
                let word: UInt64 = index < 2 ? high >> UInt64(8 + 24 * index) : low >> UInt64(24 * (index - 2))
                types.append(UInt32(truncatingIfNeeded: word & 0xFF_FFFF))
            }
            rows.append(SequenceCount(types: types, frequency: Int(entry.frequency), range: Int(entry.range)))
        }
        for (types, entry) in long where entry.frequency >= minimum {
            rows.append(SequenceCount(types: types, frequency: entry.frequency, range: entry.range))
        }
        return rows
    }
}
