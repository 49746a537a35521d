/// Metadata that belongs to single turns (a cue's start time, a spreadsheet row's columns, a
/// play's act and scene), held column-wise: per key, its distinct values and one index per turn.
/// Corpora whose metadata is all per document have no keys here and cost nothing.
package struct TurnMetadata: Sendable, Equatable {
    /// Keys in the order they were first seen.
    package private(set) var keys: [String] = []
    /// Per key: its distinct values, in the order they were first seen.
    package private(set) var values: [[String]] = []
    /// Per key: per turn, an index into that key's values, or `none`.
    package private(set) var columns: [[UInt32]] = []
    private var valueIndex: [[String: UInt32]] = []
    private var keyIndex: [String: Int] = [:]
    package let turnCount: Int

    package static let none = UInt32.max

    package init(turnCount: Int) { self.turnCount = turnCount }

    /// Rebuilds from stored columns (the index cache).
    package init(turnCount: Int, keys: [String], values: [[String]], columns: [[UInt32]]) {
        self.turnCount = turnCount
        self.keys = keys
        self.values = values
        self.columns = columns
        valueIndex = values.map { Dictionary($0.enumerated().map { ($1, UInt32($0)) }, uniquingKeysWith: { first, _ in first }) }
        keyIndex = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    package mutating func set(_ fields: [MetadataField], ofTurn turn: Int) {
        for field in fields {
            var key = keyIndex[field.key] ?? -1
            if key < 0 {
                key = keys.count
                keyIndex[field.key] = key
                keys.append(field.key)
                values.append([])
                valueIndex.append([:])
                columns.append([UInt32](repeating: Self.none, count: turnCount))
            }
            let value: UInt32
            if let known = valueIndex[key][field.value] {
                value = known
            } else {
                value = UInt32(values[key].count)
                values[key].append(field.value)
                valueIndex[key][field.value] = value
            }
            columns[key][turn] = value
        }
    }

    /// The value of key number `key` for `turn`, or nil.
    package func value(key: Int, turn: Int) -> String? {
        let index = columns[key][turn]
        return index == Self.none ? nil : values[key][Int(index)]
    }

    package static func == (lhs: TurnMetadata, rhs: TurnMetadata) -> Bool {
        lhs.turnCount == rhs.turnCount && lhs.keys == rhs.keys && lhs.values == rhs.values && lhs.columns == rhs.columns
    }
}
