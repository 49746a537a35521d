/// Turns, tokens and types of one speaker.
package struct SpeakerStatistics: Sendable, Equatable {
    package var speaker: String
    package var turns: Int
    package var tokens: Int
    package var types: Int

    package init(speaker: String, turns: Int, tokens: Int, types: Int) {
        self.speaker = speaker
        self.turns = turns
        self.tokens = tokens
        self.types = types
    }
}

extension Corpus {
    /// Per-speaker counts over the turns in `selection` (all turns when nil); preamble and other
    /// turns without a speaker are left out. One pass over the selected tokens.
    package func speakerStatistics(in selection: TurnSet? = nil) -> [SpeakerStatistics] {
        var turnsBySpeaker = [[Int]](repeating: [], count: speakers.count)
        for turn in 0..<turnCount where turnSpeaker[turn] != Self.noSpeaker {
            if let selection, !selection.contains(turn) { continue }
            turnsBySpeaker[Int(turnSpeaker[turn])].append(turn)
        }
        var seenBy = [UInt32](repeating: UInt32.max, count: lexicon.count)
        var result: [SpeakerStatistics] = []
        let tokenType = tokenType
        for (speaker, turns) in turnsBySpeaker.enumerated() where !turns.isEmpty {
            var tokens = 0
            var types = 0
            for turn in turns {
                let range = self.tokens(ofTurn: turn)
                tokens += range.count
                for token in range {
                    let type = Int(tokenType[token])
                    if seenBy[type] != UInt32(speaker) {
                        seenBy[type] = UInt32(speaker)
                        types += 1
                    }
                }
            }
            result.append(SpeakerStatistics(speaker: speakers[speaker], turns: turns.count, tokens: tokens, types: types))
        }
        return result
    }

    /// The number of distinct types in `selection` (all turns when nil).
    package func typeCount(in selection: TurnSet? = nil) -> Int {
        guard let selection else { return (0..<lexicon.count).reduce(0) { $0 + (frequency(ofType: $1) > 0 ? 1 : 0) } }
        var seen = [Bool](repeating: false, count: lexicon.count)
        var types = 0
        let tokenType = tokenType
        for turn in selection.members {
            for token in tokens(ofTurn: turn) where !seen[Int(tokenType[token])] {
                seen[Int(tokenType[token])] = true
                types += 1
            }
        }
        return types
    }

    /// The number of tokens in `selection` (all turns when nil).
    package func tokenCount(in selection: TurnSet?) -> Int {
        guard let selection else { return tokenCount }
        if let excluded = turnsLeftOut(by: selection) { return tokenCount - excluded.reduce(0) { $0 + tokens(ofTurn: $1).count } }
        return selection.members.reduce(0) { $0 + tokens(ofTurn: $1).count }
    }

    /// When `selection` holds most of the turns (the turns of speech, which leave out a
    /// preamble here and there), the few it leaves out, so that a count can be taken as the
    /// whole corpus's less theirs; nil when counting the selection itself is cheaper.
    package func turnsLeftOut(by selection: TurnSet) -> [Int]? {
        guard selection.universe == turnCount, selection.count * 4 > turnCount * 3 else { return nil }
        return selection.complement.members
    }
}

extension Corpus {
    /// How many turns each speaker has, by speaker id.
    package func turnsPerSpeaker() -> [Int] {
        var counts = [Int](repeating: 0, count: speakers.count)
        for speaker in turnSpeaker where speaker != Self.noSpeaker { counts[Int(speaker)] += 1 }
        return counts
    }
}
