/// Which turns are speech. A transcript often opens with words no one says (a dateline, the
/// room, the time: "James S. Brady Press Briefing Room", "7:06 P.M. EST") and closes with a time
/// stamp ("END 2:28 P.M. EST"); the readers keep them as turns without a speaker. Analyses leave
/// them out unless asked (`set preamble on`).
extension Corpus {
    /// The turns outside speech: in each document with at least one speaker's turn, the turns
    /// without a speaker before the first such turn and after the last. A document where no turn
    /// has a speaker (captions without voices) is all speech; so are the turns without a speaker
    /// between two speakers' turns (a cue without a voice in a dialogue).
    package func turnsOutsideSpeech() -> TurnSet {
        var outside = TurnSet(universe: turnCount)
        for document in documents {
            let turns = document.turns
            guard let first = turns.first(where: { turnSpeaker[$0] != Corpus.noSpeaker }),
                let last = turns.last(where: { turnSpeaker[$0] != Corpus.noSpeaker })
            else { continue }
            for turn in turns.lowerBound..<first { outside.insert(turn) }
            for turn in (last + 1)..<turns.upperBound { outside.insert(turn) }
        }
        return outside
    }
}
