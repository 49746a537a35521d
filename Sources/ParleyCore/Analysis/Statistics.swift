import Foundation

/// The formulas of DESIGN.md §6, as published, in one place. Notation: `a` is a frequency in
/// target A of size `c` tokens, `b` a frequency in reference B of size `d` tokens.
package enum Statistics {
    /// Log-likelihood G² over the four cells (a, c−a, b, d−b), each expected value being row
    /// total × column total / N and 0·ln 0 = 0; signed, positive when a/c > b/d (Dunning 1993;
    /// Rayson & Garside 2000).
    package static func logLikelihood(a: Double, c: Double, b: Double, d: Double) -> Double {
        let n = c + d
        guard n > 0 else { return 0 }
        let cells = [(a, c, a + b), (c - a, c, n - a - b), (b, d, a + b), (d - b, d, n - a - b)]
        var sum = 0.0
        for (observed, columnTotal, rowTotal) in cells where observed > 0 {
            let expected = rowTotal * columnTotal / n
            sum += observed * log(observed / expected)
        }
        let g2 = max(0, 2 * sum)
        return relativeFrequency(a, c) >= relativeFrequency(b, d) ? g2 : -g2
    }

    /// Log Ratio (Hardie 2014): log2((a/c)/(b/d)), a zero frequency replaced by 0.5.
    package static func logRatio(a: Double, c: Double, b: Double, d: Double) -> Double {
        log2((max(a, 0.5) / c) / (max(b, 0.5) / d))
    }

    /// The 95 % confidence interval of Log Ratio: the Wald interval of the log of a ratio of two
    /// Poisson rates, ln RR ± 1.96 · √(1/a + 1/b) (zero frequencies taken as 0.5, as Log Ratio
    /// takes them), in log2 units: (ln RR ± 1.96 · SE) / ln 2.
    package static func logRatioInterval(a: Double, c: Double, b: Double, d: Double) -> (low: Double, high: Double) {
        let ratio = logRatio(a: a, c: c, b: b, d: d)
        let margin = 1.959_963_984_540_054 * (1 / max(a, 0.5) + 1 / max(b, 0.5)).squareRoot() / log(2)
        return (ratio - margin, ratio + margin)
    }

    /// BIC for a keyword (Wilson 2013, after Raftery 1995): G² − df · ln N with one degree of
    /// freedom and N the tokens of both sides; above 2 positive evidence of a difference, above
    /// 6 strong, above 10 very strong. Of |G²|: the direction is G²'s sign.
    package static func bayesInformationCriterion(logLikelihood g2: Double, tokens n: Double) -> Double {
        abs(g2) - log(n)
    }

    /// %DIFF (Gabrielatos & Marchi 2012): (a/c − b/d)·100/(b/d); infinite when b = 0.
    package static func percentDifference(a: Double, c: Double, b: Double, d: Double) -> Double {
        let reference = relativeFrequency(b, d)
        guard reference > 0 else { return a > 0 ? .infinity : .nan }
        return (relativeFrequency(a, c) - reference) * 100 / reference
    }

    /// The probability of a G² at least this large under the null hypothesis: the upper tail of
    /// χ² with one degree of freedom, erfc(√(G²/2)).
    package static func pValue(logLikelihood g2: Double) -> Double {
        erfc((abs(g2) / 2).squareRoot())
    }

    /// Mutual information, log2(O11/E11) (Church & Hanks 1990).
    package static func mutualInformation(observed: Double, expected: Double) -> Double {
        log2(observed / expected)
    }

    /// MI3, 3·log2(O11) − log2(E11) (Oakes 1998).
    package static func mi3(observed: Double, expected: Double) -> Double {
        3 * log2(observed) - log2(expected)
    }

    /// The t-score, (O11 − E11)/√O11.
    package static func tScore(observed: Double, expected: Double) -> Double {
        (observed - expected) / observed.squareRoot()
    }

    /// logDice, 14 + log2(2·f_AB/(f_A + f_B)) (Rychlý 2008).
    package static func logDice(cooccurrence: Double, nodeFrequency: Double, collocateFrequency: Double) -> Double {
        14 + log2(2 * cooccurrence / (nodeFrequency + collocateFrequency))
    }

    /// Juilland's D over parts of sizes `sizes` with `hits`: 1 − V/√(n−1), where V is the
    /// coefficient of variation (population standard deviation / mean) of the parts' relative
    /// frequencies hits/size, which for equal parts are proportional to the hits. Nil when it is
    /// undefined: fewer than two parts, or no hits.
    package static func juillandD(hits: [Int], sizes: [Int]) -> Double? {
        let n = Double(hits.count)
        guard hits.count >= 2, hits.contains(where: { $0 > 0 }), sizes.allSatisfy({ $0 > 0 }) else { return nil }
        let rates = zip(hits, sizes).map { Double($0) / Double($1) }
        let mean = rates.reduce(0, +) / n
        let variance = rates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        return 1 - (variance.squareRoot() / mean) / (n - 1).squareRoot()
    }

    /// Gries' DP (2008): half the sum over parts of |hits_i/hits − size_i/size|. Nil without hits.
    package static func deviationOfProportions(hits: [Int], sizes: [Int]) -> Double? {
        let totalHits = Double(hits.reduce(0, +))
        let totalSize = Double(sizes.reduce(0, +))
        guard totalHits > 0, totalSize > 0 else { return nil }
        return zip(hits, sizes).reduce(0) { $0 + abs(Double($1.0) / totalHits - Double($1.1) / totalSize) } / 2
    }

    /// DPnorm (Lijffijt & Gries 2012): DP / (1 − the smallest size_i/size). Nil without hits or
    /// with a single part.
    package static func normalisedDeviationOfProportions(hits: [Int], sizes: [Int]) -> Double? {
        guard let dp = deviationOfProportions(hits: hits, sizes: sizes), hits.count >= 2 else { return nil }
        let totalSize = Double(sizes.reduce(0, +))
        let smallest = Double(sizes.min() ?? 0) / totalSize
        return dp / (1 - smallest)
    }

    /// Occurrences per 10,000 tokens.
    package static func perTenThousand(_ count: Int, of tokens: Int) -> Double {
        tokens == 0 ? 0 : Double(count) * 10_000 / Double(tokens)
    }

    private static func relativeFrequency(_ count: Double, _ size: Double) -> Double {
        size == 0 ? 0 : count / size
    }
}
