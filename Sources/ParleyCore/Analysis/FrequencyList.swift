/// One row of a frequency list: a type or an n-gram (type ids), how often it occurs, and in how
/// many turns (its range).
package struct FrequencyRow: Sendable, Equatable {
    package var types: [UInt32]
    package var frequency: Int
    package var range: Int
    /// A token position where it occurs (its first in the corpus).
    package var position: Int
}

extension Corpus {
    /// The longest n-gram `frequencyList` counts.
    package static let maximumNGramLength = 8

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
                rows.append(FrequencyRow(
                    types: [UInt32(type)], frequency: Int(frequencies[type]), range: Int(ranges[type]),
                    position: Int(postings[Int(postingStart[type])])))
            }
        } else {
            rows = nGramRows(n: n, in: selection, minimum: max(1, minimum), excluded: excluded)
        }
        // Ids follow the forms' byte order, so comparing ids compares forms.
        guard rows.interruptibleSort(by: { $0.frequency != $1.frequency ? $0.frequency > $1.frequency : $0.types.lexicographicallyPrecedes($1.types) }) else {
            Interruption.discard(consume rows)
            return []
        }
        return rows
    }

    /// How often each of `rows` occurs in each group of `grouping`, within `selection`: one
    /// pass over the selected tokens. The result is indexed [row][group].
    package func groupFrequencies(of rows: [FrequencyRow], n: Int, by grouping: Grouping, in selection: TurnSet?) -> [[Int]] {
        let groupCount = grouping.groupCount(in: self)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: groupCount), count: rows.count)
        // The rows as a table of their own, keyed by a position where each occurs.
        var table = NGramCounter(n: n, capacity: rows.count)
        var rowOfSlot: [Int: Int] = [:]
        tokenType.withUnsafeBufferPointer { types in
            for (index, row) in rows.enumerated() {
                table.add(types, at: row.position, turn: 0)
                rowOfSlot[table.slot(of: types, at: row.position)!] = index
            }
            for turn in selectedTurns(selection) {
                if Interruption.stops(at: turn) { break }
                let group = grouping.group(ofTurn: turn, in: self)
                let range = tokens(ofTurn: turn)
                guard range.count >= n else { continue }
                for start in range.lowerBound...(range.upperBound - n) {
                    if let slot = table.slot(of: types, at: start), let row = rowOfSlot[slot] { counts[row][group] += 1 }
                }
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
            if Interruption.stops(at: turn) { break }
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

    /// N-grams (n ≥ 2) counted in one pass over the selected turns.
    private func nGramRows(n: Int, in selection: TurnSet?, minimum: Int, excluded: Set<Int>) -> [FrequencyRow] {
        let stop = (0..<lexicon.count).map { excluded.contains($0) }
        var counter = NGramCounter(n: n, capacity: min(tokenCount, 1 << 20))
        tokenType.withUnsafeBufferPointer { types in
            var stopped = false
            for turn in selectedTurns(selection) {
                if stopped || Interruption.stops(at: turn) { break }
                let range = tokens(ofTurn: turn)
                guard range.count >= n else { continue }
                // The start of the last stop word seen, so an n-gram holding one is skipped.
                var lastStop = Int.min
                for position in range.lowerBound..<(range.upperBound - n + 1) {
                    // A turn may be millions of tokens long (a whole file without labels).
                    if Interruption.stops(at: position) {
                        stopped = true
                        break
                    }
                    if excluded.isEmpty {
                        counter.add(types, at: position, turn: turn)
                        continue
                    }
                    if position == range.lowerBound {
                        for offset in 0..<(n - 1) where stop[Int(types[position + offset])] { lastStop = position + offset }
                    }
                    if stop[Int(types[position + n - 1])] { lastStop = position + n - 1 }
                    if lastStop < position { counter.add(types, at: position, turn: turn) }
                }
            }
        }
        if Interruption.isRequested { return [] }
        var rows: [FrequencyRow] = []
        for (index, slot) in counter.slots.enumerated() where Int(counter.counts[slot]) >= minimum {
            if Interruption.stops(at: index) {
                Interruption.discard((consume rows, consume counter))
                return []
            }
            let first = Int(counter.firstPositions[slot])
            rows.append(FrequencyRow(
                types: Array(tokenType[first..<(first + n)]), frequency: Int(counter.counts[slot]),
                range: Int(counter.ranges[slot]), position: first))
        }
        // The table can hold gigabytes; unmapping them takes most of a second, which neither
        // the answer nor a Ctrl-C should wait for.
        Interruption.discard(consume counter)
        return rows
    }
}
