/// The rows of a frequency list counted again per group (`freq --by`): a table of a column per
/// group when the groups are few, or, when they are many (thousands of speakers), only the
/// (row, group) pairs that occur, so memory follows what is there rather than rows × groups.
extension Corpus {
    /// How often each of `rows` occurs in each group of `grouping` within `selection`, indexed
    /// [row][group]: one pass over the selected tokens. For a handful of groups.
    package func groupFrequencies(of rows: FrequencyRows, by grouping: Grouping, in selection: TurnSet?) -> [[Int]] {
        let groupCount = grouping.groupCount(in: self)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: groupCount), count: rows.count)
        let index = RowIndex(rows, in: self)
        tokenType.withUnsafeBufferPointer { types in
            for turn in selectedTurns(selection) {
                if Interruption.stops(at: turn) { break }
                let group = grouping.group(ofTurn: turn, in: self)
                let range = tokens(ofTurn: turn)
                guard range.count >= rows.n else { continue }
                for start in range.lowerBound...(range.upperBound - rows.n) {
                    if let row = index.row(types, at: start) { counts[row][group] += 1 }
                }
            }
        }
        return counts
    }

    /// Where each of `rows` occurs, group by group: every (row, group) pair with a frequency
    /// above 0, ordered by row and then by group. Nil when Ctrl-C stopped it.
    package func groupOccurrences(of rows: FrequencyRows, by grouping: Grouping, in selection: TurnSet?) -> GroupOccurrences? {
        let groupCount = grouping.groupCount(in: self)
        // The selected turns ordered by group (a counting sort), so each group is one run.
        let turns = selectedTurns(selection)
        var starts = [Int](repeating: 0, count: groupCount + 1)
        for turn in turns { starts[grouping.group(ofTurn: turn, in: self) + 1] += 1 }
        for group in 0..<groupCount { starts[group + 1] += starts[group] }
        var next = starts
        var byGroup = [UInt32](repeating: 0, count: turns.count)
        for turn in turns {
            let group = grouping.group(ofTurn: turn, in: self)
            byGroup[next[group]] = UInt32(turn)
            next[group] += 1
        }
        let index = RowIndex(rows, in: self)
        var found = GroupOccurrences()
        var scratch = [UInt32](repeating: 0, count: rows.count)
        var touched: [Int] = []
        let complete = tokenType.withUnsafeBufferPointer { types -> Bool in
            for group in 0..<groupCount where starts[group] < starts[group + 1] {
                for turn in byGroup[starts[group]..<starts[group + 1]] {
                    if Interruption.stops(at: Int(turn)) { return false }
                    let range = tokens(ofTurn: Int(turn))
                    guard range.count >= rows.n else { continue }
                    for start in range.lowerBound...(range.upperBound - rows.n) {
                        guard let row = index.row(types, at: start) else { continue }
                        if scratch[row] == 0 { touched.append(row) }
                        scratch[row] += 1
                    }
                }
                for row in touched {
                    found.append(row: row, group: group, frequency: scratch[row])
                    scratch[row] = 0
                }
                touched.removeAll(keepingCapacity: true)
            }
            return true
        }
        return complete ? found.sortedByRow(rowCount: rows.count) : nil
    }
}

/// (row, group, frequency) triples, column-wise: 12 bytes each.
package struct GroupOccurrences: Sendable {
    package private(set) var rows: [UInt32] = []
    package private(set) var groups: [UInt32] = []
    package private(set) var frequencies: [UInt32] = []

    package var count: Int { rows.count }

    mutating func append(row: Int, group: Int, frequency: UInt32) {
        rows.append(UInt32(row))
        groups.append(UInt32(group))
        frequencies.append(frequency)
    }

    /// The triples ordered by row, keeping the group order within a row (a stable counting sort).
    func sortedByRow(rowCount: Int) -> GroupOccurrences {
        var starts = [Int](repeating: 0, count: rowCount + 1)
        for row in rows { starts[Int(row) + 1] += 1 }
        for row in 0..<rowCount { starts[row + 1] += starts[row] }
        var sorted = GroupOccurrences()
        sorted.rows = [UInt32](repeating: 0, count: count)
        sorted.groups = [UInt32](repeating: 0, count: count)
        sorted.frequencies = [UInt32](repeating: 0, count: count)
        for index in 0..<count {
            let target = starts[Int(rows[index])]
            starts[Int(rows[index])] += 1
            sorted.rows[target] = rows[index]
            sorted.groups[target] = groups[index]
            sorted.frequencies[target] = frequencies[index]
        }
        return sorted
    }
}

/// Finds which row of a frequency list the n-gram at a position is: an array by type for single
/// words, a dictionary of packed keys, or a table of the rows' positions.
struct RowIndex {
    private let rows: FrequencyRows
    private var rowOfType: [Int32] = []
    private var rowOfKey: [UInt64: Int32] = [:]
    private let table: NGramTable
    private var rowOfSlot: [Int32] = []
    private let encoding: NGramKey

    init(_ rows: FrequencyRows, in corpus: Corpus) {
        self.rows = rows
        encoding = NGramKey(n: rows.n, packedBits: rows.packedBits)
        table = NGramTable(encoding)
        if rows.n == 1 {
            rowOfType = [Int32](repeating: -1, count: corpus.lexicon.count)
            for row in 0..<rows.count { rowOfType[Int(rows.keys[row])] = Int32(row) }
        } else if rows.packedBits != nil {
            for row in 0..<rows.count { rowOfKey[rows.keys[row]] = Int32(row) }
        } else {
            table.reset(expected: rows.count)
            corpus.tokenType.withUnsafeBufferPointer { types in
                for row in 0..<rows.count { table.add(rows.keys[row], firstInTurn: false, types) }
                rowOfSlot = [Int32](repeating: -1, count: table.capacity)
                for row in 0..<rows.count { rowOfSlot[table.slot(of: rows.keys[row], types)!] = Int32(row) }
            }
        }
    }

    @inline(__always)
    func row(_ types: UnsafeBufferPointer<UInt32>, at position: Int) -> Int? {
        let row: Int32?
        if rows.n == 1 {
            row = rowOfType[Int(types[position])]
        } else if let packed = encoding.packed(types, position) {
            row = rowOfKey[packed]
        } else {
            row = table.slot(of: UInt64(position), types).map { rowOfSlot[$0] }
        }
        guard let row, row >= 0 else { return nil }
        return Int(row)
    }
}
