import ParleyCore

/// A selection of turns with the expression that chose it: the active filter or a subset.
package struct NamedSelection: Sendable, Equatable {
    /// The expression, written back in a normal form (`speaker:"Vladimir Putin" and not doc:x*`).
    package var expression: String
    package var turns: TurnSet
}

extension Session {
    /// The turns every analysis is restricted to: the active filter's, or nil for all of them.
    package var selection: TurnSet? { filter?.turns }

    /// The turns analyses count (freq, count, kwic, collocates, clusters, compare, dispersion):
    /// the active filter's speech, the turns outside speech left out unless `set preamble on`;
    /// nil for every turn.
    package var analysisSelection: TurnSet? {
        guard !settings.countsPreamble, !outsideSpeech.isEmpty else { return selection }
        let speech = outsideSpeech.complement
        return selection?.intersection(speech) ?? speech
    }

    /// "3 turns, 760 tokens (82.0% of the corpus)".
    func describe(_ turns: TurnSet) -> String {
        let tokens = corpus.tokenCount(in: turns)
        let share = corpus.tokenCount == 0 ? 0 : 100 * Double(tokens) / Double(corpus.tokenCount)
        return CorpusSummary.counted(turns.count, "turn") + ", " + CorpusSummary.counted(tokens, "token")
            + " (\(NumberFormat.fixed(share, places: 1))% of the corpus)"
    }
}
