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
        var rows = sortedCounts(counts.rows)
        if edge > 0 { rows.append(SequenceCount(types: [], frequency: edge, range: 0)) }
        return rows
    }

    /// The n-grams of `sizes` tokens that hold a whole hit, within its turn: with `side` right
    /// the hit starts them, left ends them, both anywhere. Each window of tokens counts once,
    /// even when it holds two hits. Rows with at least `minimum` occurrences, most frequent
    /// first, ties in the byte order of the forms; range is the turns each occurs in.
    package func clusters(of matches: [Match], sizes: ClosedRange<Int>, side: ClusterSide, minimum: Int) -> [SequenceCount] {
        let tokenType = tokenType
        // Each window once: a window is its first token and its size, gathered then sorted.
        var windows: [(start: UInt32, size: UInt8, turn: UInt32)] = []
        for (index, match) in matches.enumerated() {
            if Interruption.stops(at: index) { break }
            let turn = tokens(ofTurn: Int(match.turn))
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
                    windows.append((UInt32(first), UInt8(size), match.turn))
                }
            }
        }
        windows.sort { ($0.start, $0.size) < ($1.start, $1.size) }
        var counts = SequenceCounter()
        var previous: (UInt32, UInt8)?
        for window in windows where previous.map({ $0 != (window.start, window.size) }) ?? true {
            previous = (window.start, window.size)
            counts.add(Int(window.start)..<(Int(window.start) + Int(window.size)), tokenType, turn: Int(window.turn))
        }
        return sortedCounts(counts.rows.filter { $0.frequency >= minimum })
    }

    private func sortedCounts(_ rows: [SequenceCount]) -> [SequenceCount] {
        let forms = lexicon.forms
        return rows.sorted { a, b in
            if a.frequency != b.frequency { return a.frequency > b.frequency }
            for (x, y) in zip(a.types, b.types) where x != y {
                return forms[Int(x)].utf8.lexicographicallyPrecedes(forms[Int(y)].utf8)
            }
            return a.types.count < b.types.count
        }
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
/// lexicon below 2^24 are packed into two words, so counting hashes no arrays.
private struct SequenceCounter {
    private struct Key: Hashable {
        var high: UInt64
        var low: UInt64
    }

    private var counts: [Key: (frequency: Int, range: Int, lastTurn: Int)] = [:]
    private var long: [[UInt32]: (frequency: Int, range: Int, lastTurn: Int)] = [:]

    mutating func add(_ tokens: Range<Int>, _ tokenType: Column<UInt32>, turn: Int) {
        if tokens.count <= 5 {
            var key = Key(high: UInt64(tokens.count), low: 0)
            var packable = true
            for (index, token) in tokens.enumerated() {
                let type = UInt64(tokenType[token])
                guard type < 1 << 24 else {
                    packable = false
                    break
                }
                // 24 bits a type: two in the high word after the length, three in the low word.
                if index < 2 { key.high |= type << UInt64(8 + 24 * index) } else { key.low |= type << UInt64(24 * (index - 2)) }
            }
            if packable {
                counts[key, default: (0, 0, -1)].frequency += 1
                if counts[key]!.lastTurn != turn {
                    counts[key]!.range += 1
                    counts[key]!.lastTurn = turn
                }
                return
            }
        }
        let key = tokens.map { tokenType[$0] }
        long[key, default: (0, 0, -1)].frequency += 1
        if long[key]!.lastTurn != turn {
            long[key]!.range += 1
            long[key]!.lastTurn = turn
        }
    }

    var rows: [SequenceCount] {
        counts.map { key, value in
            let length = Int(key.high & 0xFF)
            var types: [UInt32] = []
            for index in 0..<length {
                let word: UInt64 = index < 2 ? key.high >> UInt64(8 + 24 * index) : key.low >> UInt64(24 * (index - 2))
                types.append(UInt32(truncatingIfNeeded: word & 0xFF_FFFF))
            }
            return SequenceCount(types: types, frequency: value.frequency, range: value.range)
        } + long.map { SequenceCount(types: $0.key, frequency: $0.value.frequency, range: $0.value.range) }
    }
}
