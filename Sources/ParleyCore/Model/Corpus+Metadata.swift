/// Metadata as filters and groupings see it: a turn's value for a key is its own (turn
/// metadata) when it has one, else its document's.
extension Corpus {
    /// Every metadata key, documents' first, in the order they were first seen.
    package var metadataKeys: [String] {
        var seen: Set<String> = []
        var keys: [String] = []
        for document in documents {
            for field in document.metadata where seen.insert(field.key).inserted { keys.append(field.key) }
        }
        for key in turnMetadata.keys where seen.insert(key).inserted { keys.append(key) }
        return keys
    }

    /// The key as the corpus spells it, found without regard to case.
    package func metadataKey(named name: String) -> String? {
        let keys = metadataKeys
        return keys.first { $0 == name } ?? keys.first { $0.lowercased() == name.lowercased() }
    }

    /// A resolved key: where to look for it, so a lookup per turn is cheap.
    package struct MetadataLookup: Sendable {
        package let key: String
        fileprivate let column: Int?
        fileprivate let documentValues: [String?]
    }

    package func metadataLookup(_ key: String) -> MetadataLookup {
        MetadataLookup(
            key: key, column: turnMetadata.keys.firstIndex(of: key),
            documentValues: documents.map { document in document.metadata.first { $0.key == key }?.value })
    }

    /// The value of a resolved key for `turn`, or nil.
    package func metadataValue(_ lookup: MetadataLookup, turn: Int) -> String? {
        if let column = lookup.column, let value = turnMetadata.value(key: column, turn: turn) { return value }
        return lookup.documentValues[Int(turnDocument[turn])]
    }

    /// The turns whose value for `key` satisfies `predicate`, which is asked once per distinct value.
    package func turns(withMetadata key: String, where predicate: (String) -> Bool) -> TurnSet {
        let lookup = metadataLookup(key)
        var answers: [String: Bool] = [:]
        func answer(_ value: String) -> Bool {
            if let known = answers[value] { return known }
            let result = predicate(value)
            answers[value] = result
            return result
        }
        var result = TurnSet(universe: turnCount)
        for turn in 0..<turnCount {
            if let value = metadataValue(lookup, turn: turn), answer(value) { result.insert(turn) }
        }
        return result
    }

    /// What `info` says of one metadata key.
    package struct MetadataKeySummary: Sendable, Equatable {
        package var key: String
        package var inDocuments: Bool
        package var inTurns: Bool
        /// Up to the limit asked for, in the order they are first met.
        package var examples: [String]
        package var distinct: Int
    }

    /// Every metadata key (in `metadataKeys` order) with where it is kept, how many distinct
    /// values it has and up to `limit` of them: one pass over the metadata, however many keys.
    package func metadataSummary(limit: Int) -> [MetadataKeySummary] {
        var index: [String: Int] = [:]
        var summaries: [MetadataKeySummary] = []
        var seen: [Set<String>] = []
        func note(_ key: String, _ value: String?, inTurns: Bool) {
            let position = index[key] ?? {
                index[key] = summaries.count
                summaries.append(MetadataKeySummary(key: key, inDocuments: false, inTurns: false, examples: [], distinct: 0))
                seen.append([])
                return summaries.count - 1
            }()
            if inTurns { summaries[position].inTurns = true } else { summaries[position].inDocuments = true }
            if let value, seen[position].insert(value).inserted, summaries[position].examples.count < limit {
                summaries[position].examples.append(value)
            }
        }
        for document in documents {
            // A document's first value for a key is its value.
            var keys: Set<String> = []
            for field in document.metadata where keys.insert(field.key).inserted { note(field.key, field.value, inTurns: false) }
        }
        for (column, key) in turnMetadata.keys.enumerated() {
            if turnMetadata.values[column].isEmpty { note(key, nil, inTurns: true) }
            for value in turnMetadata.values[column] { note(key, value, inTurns: true) }
        }
        for position in summaries.indices { summaries[position].distinct = seen[position].count }
        return summaries
    }

    /// Up to `limit` distinct values of `key`, in the order they are first met.
    package func exampleValues(of key: String, limit: Int) -> (values: [String], distinct: Int) {
        var seen: Set<String> = []
        var examples: [String] = []
        for document in documents {
            if let value = document.metadata.first(where: { $0.key == key })?.value, seen.insert(value).inserted, examples.count < limit {
                examples.append(value)
            }
        }
        if let column = turnMetadata.keys.firstIndex(of: key) {
            for value in turnMetadata.values[column] where seen.insert(value).inserted && examples.count < limit {
                examples.append(value)
            }
        }
        return (examples, seen.count)
    }
}
