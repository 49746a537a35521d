/// A keyword of a comparison: its frequency on each side and the measures of DESIGN.md §6.
package struct KeywordRow: Sendable, Equatable {
    package var type: Int
    package var a: Int
    package var b: Int
    /// Signed G²: positive when the type is relatively more frequent in A.
    package var logLikelihood: Double
    package var pValue: Double
    package var logRatio: Double
    package var percentDifference: Double
    /// The turns (or documents) of each side the type occurs in.
    package var rangeA = 0
    package var rangeB = 0
}

/// The figures of one side of a comparison.
package struct SideSummary: Sendable, Equatable {
    package var turns: Int
    package var tokens: Int
    package var types: Int
    package var typeTokenRatio: Double { tokens == 0 ? 0 : Double(types) / Double(tokens) }
    package var meanTurnLength: Double { turns == 0 ? 0 : Double(tokens) / Double(turns) }
}

/// Two selections compared type by type.
package struct Keyness: Sendable {
    package var a: SideSummary
    package var b: SideSummary
    /// Every type with a + b ≥ the minimum, in type order, significant or not.
    package var rows: [KeywordRow]
}

extension Corpus {
    /// Compares the turns of `a` with those of `b`: one pass over the tokens of each. Types
    /// occurring fewer than `minimum` times on both sides together are left out.
    /// Each row's ranges are counted in `range` (turns or documents). Types in `excluded`
    /// (stop words) are left out, as are their tokens from nothing: the sides' sizes stay.
    package func keyness(_ a: TurnSet, _ b: TurnSet, minimum: Int, range: RangeUnit = .turns, excluded: Set<Int> = []) -> Keyness {
        let (countsA, turnRangesA) = typeCounts(in: a)
        let (countsB, turnRangesB) = typeCounts(in: b)
        let rangesA = range == .turns ? turnRangesA : typeDocumentRanges(in: a)
        let rangesB = range == .turns ? turnRangesB : typeDocumentRanges(in: b)
        let summaryA = SideSummary(turns: a.count, tokens: tokenCount(in: a), types: countsA.count { $0 > 0 })
        let summaryB = SideSummary(turns: b.count, tokens: tokenCount(in: b), types: countsB.count { $0 > 0 })
        let c = Double(summaryA.tokens)
        let d = Double(summaryB.tokens)
        var rows: [KeywordRow] = []
        for type in 0..<lexicon.count {
            let frequencyA = Int(countsA[type])
            let frequencyB = Int(countsB[type])
            guard frequencyA + frequencyB >= max(1, minimum), !excluded.contains(type) else { continue }
            let g2 = Statistics.logLikelihood(a: Double(frequencyA), c: c, b: Double(frequencyB), d: d)
            rows.append(KeywordRow(
                type: type, a: frequencyA, b: frequencyB, logLikelihood: g2,
                pValue: Statistics.pValue(logLikelihood: g2),
                logRatio: Statistics.logRatio(a: Double(frequencyA), c: c, b: Double(frequencyB), d: d),
                percentDifference: Statistics.percentDifference(a: Double(frequencyA), c: c, b: Double(frequencyB), d: d),
                rangeA: Int(rangesA[type]), rangeB: Int(rangesB[type])))
        }
        return Keyness(a: summaryA, b: summaryB, rows: rows)
    }
}
