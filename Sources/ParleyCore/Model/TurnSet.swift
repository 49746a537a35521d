/// A selection of turns (the active filter, a named subset) as a bitset over turn indices.
package struct TurnSet: Sendable, Equatable {
    private var words: [UInt64]
    /// How many turns the corpus has (the universe of the set).
    package let universe: Int

    /// The empty set, or every turn.
    package init(universe: Int, full: Bool = false) {
        self.universe = universe
        words = Array(repeating: full ? ~0 : 0, count: (universe + 63) / 64)
        if full, universe % 64 != 0 { words[words.count - 1] = (1 << UInt64(universe % 64)) - 1 }
    }

    package func contains(_ turn: Int) -> Bool { words[turn >> 6] & (1 << UInt64(turn & 63)) != 0 }

    package mutating func insert(_ turn: Int) { words[turn >> 6] |= 1 << UInt64(turn & 63) }

    package var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    package var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// The turns in ascending order.
    package var members: [Int] {
        var result: [Int] = []
        for (index, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                result.append(index << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }

    package func union(_ other: TurnSet) -> TurnSet { combined(other) { $0 | $1 } }
    package func intersection(_ other: TurnSet) -> TurnSet { combined(other) { $0 & $1 } }

    /// Every turn of the universe that is not in this set.
    package var complement: TurnSet {
        var result = TurnSet(universe: universe, full: true)
        for index in words.indices { result.words[index] &= ~words[index] }
        return result
    }

    private func combined(_ other: TurnSet, _ operation: (UInt64, UInt64) -> UInt64) -> TurnSet {
        precondition(universe == other.universe, "turn sets of different corpora")
        var result = self
        for index in words.indices { result.words[index] = operation(words[index], other.words[index]) }
        return result
    }
}
