/// One row of a frequency list: a type or an n-gram (type ids), how often it occurs, and in how
/// many turns (its range).
package struct FrequencyRow: Sendable, Equatable {
    package var types: [UInt32]
    package var frequency: Int
    package var range: Int
}

extension Corpus {
    /// Types (n = 1) or n-grams in `selection`, most frequent first, ties broken by the forms'
    /// bytes; only rows occurring at least `minimum` times, and none that contains a type in
    /// `excluded`. N-grams never cross a turn. On the whole corpus, single types are read from
    /// the postings; otherwise this is one pass over the selected tokens.
    package func frequencyList(n: Int, in selection: TurnSet?, minimum: Int = 1, excluded: Set<Int> = []) -> [FrequencyRow] {
        var rows: [FrequencyRow]
        if n == 1 {
            let (frequencies, ranges) = selection == nil ? (postingCounts, typeRanges) : typeCounts(in: selection)
            rows = []
            for type in 0..<lexicon.count where frequencies[type] >= max(1, minimum) && !excluded.contains(type) {
                rows.append(FrequencyRow(types: [UInt32(type)], frequency: Int(frequencies[type]), range: Int(ranges[type])))
            }
        } else {
            rows = nGramCounts(n: n, in: selection, excluded: excluded)
                .filter { $0.value.count >= max(1, minimum) }
                .map { FrequencyRow(types: $0.key.types(n), frequency: $0.value.count, range: $0.value.range) }
        }
        // Ids follow the forms' byte order, so comparing ids compares forms.
        rows.sort { $0.frequency != $1.frequency ? $0.frequency > $1.frequency : $0.types.lexicographicallyPrecedes($1.types) }
        return rows
    }

    /// How often each of `rows` occurs in each group of `grouping`, within `selection`: one
    /// pass over the selected tokens. The result is indexed [row][group].
    package func groupFrequencies(of rows: [FrequencyRow], n: Int, by grouping: Grouping, in selection: TurnSet?) -> [[Int]] {
        let groupCount = grouping.groupCount(in: self)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: groupCount), count: rows.count)
        var rowOfKey: [NGramKey: Int] = [:]
        for (index, row) in rows.enumerated() { rowOfKey[NGramKey(row.types)] = index }
        for turn in selectedTurns(selection) {
            let group = grouping.group(ofTurn: turn, in: self)
            forEachNGram(n: n, inTurn: turn) { key in
                if let row = rowOfKey[key] { counts[row][group] += 1 }
            }
        }
        return counts
    }

    /// The frequency and range of every type in `selection`: one pass over its tokens.
    package func typeCounts(in selection: TurnSet?) -> (frequencies: [UInt32], ranges: [UInt32]) {
        var frequencies = [UInt32](repeating: 0, count: lexicon.count)
        var ranges = [UInt32](repeating: 0, count: lexicon.count)
        var lastTurn = [UInt32](repeating: UInt32.max, count: lexicon.count)
        for turn in selectedTurns(selection) {
            for token in tokens(ofTurn: turn) {
                let type = Int(tokenType[token])
                frequencies[type] += 1
                if lastTurn[type] != UInt32(turn) {
                    lastTurn[type] = UInt32(turn)
                    ranges[type] += 1
                }
            }
        }
        return (frequencies, ranges)
    }

    /// Each type's frequency in the whole corpus, from the postings.
    private var postingCounts: [UInt32] {
        (0..<lexicon.count).map { postingStart[$0 + 1] - postingStart[$0] }
    }

    private func nGramCounts(n: Int, in selection: TurnSet?, excluded: Set<Int>) -> [NGramKey: (count: Int, range: Int)] {
        var counts: [NGramKey: (count: Int, range: Int, lastTurn: Int)] = [:]
        let stop = excluded.isEmpty ? nil : (0..<lexicon.count).map { excluded.contains($0) }
        for turn in selectedTurns(selection) {
            forEachNGram(n: n, inTurn: turn) { key in
                if let stop, key.contains(where: { stop[Int($0)] }, n: n) { return }
                counts[key, default: (0, 0, -1)].count += 1
                if counts[key]!.lastTurn != turn {
                    counts[key]!.lastTurn = turn
                    counts[key]!.range += 1
                }
            }
        }
        return counts.mapValues { ($0.count, $0.range) }
    }

    private func forEachNGram(n: Int, inTurn turn: Int, _ body: (NGramKey) -> Void) {
        let range = tokens(ofTurn: turn)
        guard range.count >= n else { return }
        for start in range.lowerBound...(range.upperBound - n) {
            var key = NGramKey()
            for offset in 0..<n { key.ids[offset] = tokenType[start + offset] }
            body(key)
        }
    }
}

/// Up to eight type ids as one hashable value, so counting n-grams allocates nothing per token.
package struct NGramKey: Hashable, Sendable {
    package static let maximumLength = 8
    var ids = SIMD8<UInt32>(repeating: UInt32.max)

    init() {}

    init(_ types: [UInt32]) {
        for (index, type) in types.enumerated() { ids[index] = type }
    }

    func types(_ n: Int) -> [UInt32] { (0..<n).map { ids[$0] } }

    func contains(where predicate: (UInt32) -> Bool, n: Int) -> Bool {
        (0..<n).contains { predicate(ids[$0]) }
    }
}
