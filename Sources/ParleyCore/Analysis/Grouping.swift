/// How turns are grouped into parts for `--by`: by document, by speaker, one part per turn, or
/// by the value of a metadata key.
package enum Grouping: Sendable {
    case doc, speaker, turn
    case metadata(MetadataGroups)

    /// The built-in groupings by name.
    package static let builtIn: [String: Grouping] = ["doc": .doc, "speaker": .speaker, "turn": .turn]

    /// What the groups are called in a table heading: `doc`, `speaker`, `turn` or the key.
    package var label: String {
        switch self {
        case .doc: "doc"
        case .speaker: "speaker"
        case .turn: "turn"
        case .metadata(let groups): groups.key
        }
    }

    /// The name of the speaker group that holds turns without a speaker (preamble).
    package static let noSpeakerName = "(no speaker)"

    /// How many groups the corpus has (for speakers, one more for turns without a speaker).
    package func groupCount(in corpus: Corpus) -> Int {
        switch self {
        case .doc: corpus.documents.count
        case .speaker: corpus.speakers.count + 1
        case .turn: corpus.turnCount
        case .metadata(let groups): groups.names.count
        }
    }

    /// The group of a turn.
    package func group(ofTurn turn: Int, in corpus: Corpus) -> Int {
        switch self {
        case .doc: Int(corpus.turnDocument[turn])
        case .speaker: corpus.turnSpeaker[turn] == Corpus.noSpeaker ? corpus.speakers.count : Int(corpus.turnSpeaker[turn])
        case .turn: turn
        case .metadata(let groups): Int(groups.turnGroup[turn])
        }
    }

    /// A group's name: the document's name, the speaker's name, or "document#n" for a turn
    /// (numbered from 1 within its document, as `turns` shows it). Documents are called by
    /// `documentNames` when given (one per document), else by their names.
    package func name(ofGroup group: Int, in corpus: Corpus, documentNames: [String]? = nil) -> String {
        switch self {
        case .doc: return documentNames?[group] ?? corpus.documents[group].name
        case .speaker: return group == corpus.speakers.count ? Self.noSpeakerName : corpus.speakers[group]
        case .turn:
            let index = Int(corpus.turnDocument[group])
            let document = corpus.documents[index]
            return "\(documentNames?[index] ?? document.name)#\(group - document.turns.lowerBound + 1)"
        case .metadata(let groups): return groups.names[group]
        }
    }
}

/// The groups of a metadata key: one per value, in the order of the values' bytes (ISO dates
/// and zero-padded numbers sort in time and number order), and one for turns without a value.
package struct MetadataGroups: Sendable {
    package let key: String
    package let names: [String]
    package let turnGroup: [UInt32]

    /// The name of the group of turns that have no value for the key.
    package static let noValueName = "(none)"
}

extension Corpus {
    package func metadataGroups(_ key: String) -> MetadataGroups {
        let lookup = metadataLookup(key)
        let values = (0..<turnCount).map { metadataValue(lookup, turn: $0) }
        var names = Array(Set(values.compactMap { $0 })).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, UInt32($0)) })
        if values.contains(nil) { names.append(MetadataGroups.noValueName) }
        let none = UInt32(names.count - 1)
        return MetadataGroups(key: key, names: names, turnGroup: values.map { $0.map { index[$0]! } ?? none })
    }
}

extension Corpus {
    /// The tokens of each group within `selection`, and which groups have any selected turn.
    package func groupSizes(_ grouping: Grouping, in selection: TurnSet?) -> (sizes: [Int], present: [Bool]) {
        let count = grouping.groupCount(in: self)
        var sizes = [Int](repeating: 0, count: count)
        var present = [Bool](repeating: false, count: count)
        for turn in selectedTurns(selection) {
            let group = grouping.group(ofTurn: turn, in: self)
            sizes[group] += tokens(ofTurn: turn).count
            present[group] = true
        }
        return (sizes, present)
    }

    /// The turns of `selection` in order, or every turn.
    package func selectedTurns(_ selection: TurnSet?) -> [Int] {
        selection?.members ?? Array(0..<turnCount)
    }
}
