/// How turns are grouped into parts for `--by`: by document, by speaker or one part per turn.
package enum Grouping: String, Sendable, CaseIterable {
    case doc, speaker, turn

    /// The name of the speaker group that holds turns without a speaker (preamble).
    package static let noSpeakerName = "(no speaker)"

    /// How many groups the corpus has (for speakers, one more for turns without a speaker).
    package func groupCount(in corpus: Corpus) -> Int {
        switch self {
        case .doc: corpus.documents.count
        case .speaker: corpus.speakers.count + 1
        case .turn: corpus.turnCount
        }
    }

    /// The group of a turn.
    package func group(ofTurn turn: Int, in corpus: Corpus) -> Int {
        switch self {
        case .doc: Int(corpus.turnDocument[turn])
        case .speaker: corpus.turnSpeaker[turn] == Corpus.noSpeaker ? corpus.speakers.count : Int(corpus.turnSpeaker[turn])
        case .turn: turn
        }
    }

    /// A group's name: the document's name, the speaker's name, or "document#n" for a turn
    /// (numbered from 1 within its document, as `turns` shows it).
    package func name(ofGroup group: Int, in corpus: Corpus) -> String {
        switch self {
        case .doc: return corpus.documents[group].name
        case .speaker: return group == corpus.speakers.count ? Self.noSpeakerName : corpus.speakers[group]
        case .turn:
            let document = corpus.documents[Int(corpus.turnDocument[group])]
            return "\(document.name)#\(group - document.turns.lowerBound + 1)"
        }
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
