/// A collocate of a query: how often it falls in the window around the hits, how often it
/// occurs in the selection, what would be expected by chance, and the association measures.
package struct CollocateRow: Sendable, Equatable {
    package var type: Int
    /// O11: occurrences inside the window.
    package var cooccurrence: Int
    /// Occurrences in the windows to the left of the hits, and to the right (AntConc's FreqL
    /// and FreqR); a token in a left and a right window counts in both, and once in O11.
    package var left: Int
    package var right: Int
    /// f_B: occurrences in the whole selection.
    package var frequency: Int
    /// E11 = window tokens × f_B / N.
    package var expected: Double
    package var logLikelihood: Double
    package var mutualInformation: Double
    package var mi3: Double
    package var tScore: Double
    package var logDice: Double
}

/// The collocates of a query and the figures they rest on.
package struct Collocation: Sendable {
    package var rows: [CollocateRow]
    /// f_A: the hits of the query.
    package var nodeFrequency: Int
    /// Tokens in the union of the windows around the hits.
    package var windowTokens: Int
    /// N: tokens in the selection.
    package var selectionTokens: Int
}

extension Corpus {
    /// The collocates of `matches` within `left` tokens before and `right` tokens after each hit,
    /// inside its turn. A token in the windows of two hits counts once. Only collocates
    /// co-occurring at least `minimum` times are kept; rows are in type order.
    package func collocates(
        of matches: [Match], left: Int, right: Int, in selection: TurnSet?, minimum: Int
    ) -> Collocation {
        // The windows as token intervals: left of the hits, right of them.
        var leftWindows: [Range<Int>] = []
        var rightWindows: [Range<Int>] = []
        leftWindows.reserveCapacity(matches.count)
        rightWindows.reserveCapacity(matches.count)
        // Stopped by Ctrl-C, the answer is thrown away: what is returned then does not matter,
        // only how soon (the windows of a frequent word are hundreds of megabytes to sort and count).
        let stopped = Collocation(rows: [], nodeFrequency: matches.count, windowTokens: 0, selectionTokens: 0)
        for (index, match) in matches.enumerated() {
            if Interruption.stops(at: index) { return stopped }
            let turn = tokens(ofTurn: Int(match.turn))
            let start = Int(match.start)
            let end = start + Int(match.length)
            if left > 0, start > turn.lowerBound { leftWindows.append(max(turn.lowerBound, start - left)..<start) }
            // A match across turns (within doc) has its right window in its last turn.
            let last = end <= turn.upperBound ? turn : tokens(ofTurn: endTurn(of: match))
            if right > 0, end < last.upperBound { rightWindows.append(end..<min(last.upperBound, end + right)) }
        }
        // Left windows come in corpus order, and right ones too unless the hits differ in length:
        // each list is sorted in place (at once when in order), and their union is read by
        // merging the two, not by sorting a copy of both.
        guard leftWindows.interruptibleSort(by: { $0.lowerBound < $1.lowerBound }),
            rightWindows.interruptibleSort(by: { $0.lowerBound < $1.lowerBound })
        else { return stopped }
        let tokenType = tokenType
        let leftCounts = Self.counts(in: leftWindows, [], lexiconSize: lexicon.count, tokenType).counts
        let rightCounts = Self.counts(in: rightWindows, [], lexiconSize: lexicon.count, tokenType).counts
        let (cooccurrence, windowTokens) = Self.counts(in: leftWindows, rightWindows, lexiconSize: lexicon.count, tokenType)
        if Interruption.isRequested { return stopped }
        let frequencies = selection == nil
            ? (0..<lexicon.count).map { frequency(ofType: $0) }
            : typeCounts(in: selection).frequencies.map(Int.init)
        let n = Double(tokenCount(in: selection))
        let w = Double(windowTokens)
        let nodeFrequency = Double(matches.count)
        var rows: [CollocateRow] = []
        for type in 0..<lexicon.count where cooccurrence[type] >= max(1, minimum) {
            let observed = Double(cooccurrence[type])
            let f = Double(frequencies[type])
            let expected = w * f / n
            rows.append(CollocateRow(
                type: type, cooccurrence: cooccurrence[type], left: leftCounts[type], right: rightCounts[type],
                frequency: frequencies[type], expected: expected,
                logLikelihood: Statistics.logLikelihood(a: observed, c: w, b: f - observed, d: n - w),
                mutualInformation: Statistics.mutualInformation(observed: observed, expected: expected),
                mi3: Statistics.mi3(observed: observed, expected: expected),
                tScore: Statistics.tScore(observed: observed, expected: expected),
                logDice: Statistics.logDice(cooccurrence: observed, nodeFrequency: nodeFrequency, collocateFrequency: f)))
        }
        return Collocation(rows: rows, nodeFrequency: matches.count, windowTokens: windowTokens, selectionTokens: Int(n))
    }

    /// How often each type occurs in the union of the windows of `first` and `second`, each
    /// sorted by start (a token in two windows counts once), and how many tokens the union holds.
    private static func counts(
        in first: [Range<Int>], _ second: [Range<Int>], lexiconSize: Int, _ tokenType: Column<UInt32>
    ) -> (counts: [Int], tokens: Int) {
        var counts = [Int](repeating: 0, count: lexiconSize)
        var tokens = 0
        var covered = 0
        var (nextFirst, nextSecond) = (0, 0)
        for index in 0..<(first.count + second.count) {
            if Interruption.stops(at: index) { break }
            // The window that starts first of the two lists' next ones.
            let window: Range<Int>
            if nextSecond == second.count || (nextFirst < first.count && first[nextFirst].lowerBound <= second[nextSecond].lowerBound) {
                window = first[nextFirst]
                nextFirst += 1
            } else {
                window = second[nextSecond]
                nextSecond += 1
            }
            let from = max(window.lowerBound, covered)
            guard from < window.upperBound else { continue }
            for token in from..<window.upperBound { counts[Int(tokenType[token])] += 1 }
            tokens += window.upperBound - from
            covered = window.upperBound
        }
        return (counts, tokens)
    }
}
