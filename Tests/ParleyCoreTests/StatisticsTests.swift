import ParleyCore
import Testing

/// The formulas of DESIGN.md §6 against the values their authors published.
@Suite("Statistics against published values")
struct StatisticsTests {
    private func rounded(_ value: Double, _ places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    @Test("Dunning (1993): the table (10, 0, 3, 31764) gives G² 167.23")
    func dunning() {
        // Dunning's cells are a = 10, c − a = 0, b = 3, d − b = 31764.
        let g2 = Statistics.logLikelihood(a: 10, c: 10, b: 3, d: 31767)
        #expect(rounded(g2, 2) == 167.23)
    }

    @Test("G² is signed: negative when the type is relatively more frequent in B; 0 when equal")
    func signedG2() {
        #expect(Statistics.logLikelihood(a: 3, c: 31767, b: 10, d: 10) < -167)
        #expect(Statistics.logLikelihood(a: 5, c: 100, b: 50, d: 1000) == 0)
    }

    @Test("G² with a zero frequency uses 0·ln 0 = 0 and stays finite")
    func zeroG2() {
        // By hand: a = 0 of 760, b = 3 of 167. E(b) = 3 × 167 / 927 = 0.5405; the cells with
        // counts are (760, E 757.54), (3, E 0.5405), (164, E 166.46):
        // 2 (760 ln(760/757.54) + 3 ln(3/0.5405) + 164 ln(164/166.46)) = 10.33.
        let g2 = Statistics.logLikelihood(a: 0, c: 760, b: 3, d: 167)
        #expect(rounded(g2, 2) == -10.33)
    }

    @Test("Gabrielatos & Marchi (2012): %DIFF 88.7 for 206,523 / 959,641 against 178,174 / 1,562,358")
    func percentDifference() {
        let value = Statistics.percentDifference(a: 206_523, c: 959_641, b: 178_174, d: 1_562_358)
        #expect(rounded(value, 1) == 88.7)
    }

    @Test("%DIFF is infinite when b = 0 and −100 when a = 0")
    func zeroPercentDifference() {
        #expect(Statistics.percentDifference(a: 4, c: 100, b: 0, d: 100) == .infinity)
        #expect(Statistics.percentDifference(a: 0, c: 100, b: 4, d: 100) == -100)
    }

    @Test("Hardie (2014): Log Ratio log2(3) = 1.585 for 0.0006 against 0.0002")
    func logRatio() {
        let value = Statistics.logRatio(a: 6, c: 10_000, b: 2, d: 10_000)
        #expect(rounded(value, 3) == 1.585)
    }

    @Test("BIC (Wilson 2013): G² − ln N; Dunning's table, G² 167.23 over 31,777 tokens, gives 156.86")
    func bic() {
        // ln 31,777 = ln 3.1777 + 4 ln 10 = 1.15617 + 9.21034 = 10.36651.
        #expect(abs(Statistics.bayesInformationCriterion(logLikelihood: 167.23, tokens: 31_777) - 156.8635) < 1e-3)
        // Of |G²|: a keyword of B has the same evidence as one of A.
        #expect(Statistics.bayesInformationCriterion(logLikelihood: -167.23, tokens: 31_777) == Statistics.bayesInformationCriterion(logLikelihood: 167.23, tokens: 31_777))
        // Below ln N, G² is no evidence: BIC is negative.
        #expect(Statistics.bayesInformationCriterion(logLikelihood: 3.84, tokens: 1_000_000) < 0)
    }

    @Test("Log Ratio's 95 % interval by hand: a 24 of 760, b 1 of 167 gives 2.399 in [−0.487, 5.285]")
    func logRatioInterval() {
        // log2(24 × 167 / 760) = log2(5.27368) = 2.39876; 1.95996 × √(1/24 + 1) / ln 2
        // = 1.95996 × 1.02062 / 0.693147 = 2.88594.
        let interval = Statistics.logRatioInterval(a: 24, c: 760, b: 1, d: 167)
        #expect(abs(interval.low - (-0.48718)) < 1e-3)
        #expect(abs(interval.high - 5.28470) < 1e-3)
        // A zero frequency counts as 0.5: √(1/0.5 + 1/3) = 1.52753, margin 4.31934 around −4.77103.
        let zero = Statistics.logRatioInterval(a: 0, c: 760, b: 3, d: 167)
        #expect(abs(zero.low - (-9.09037)) < 1e-3 && abs(zero.high - (-0.45169)) < 1e-3)
    }

    @Test("Log Ratio replaces a zero frequency by 0.5")
    func zeroLogRatio() {
        // log2((4/100) / (0.5/100)) = log2(8) = 3.
        #expect(Statistics.logRatio(a: 4, c: 100, b: 0, d: 100) == 3)
        #expect(Statistics.logRatio(a: 0, c: 100, b: 4, d: 100) == -3)
    }

    @Test("Carroll: Juilland's D 0.6464 for hits [0, 4, 3, 2, 1] over equal parts")
    func juilland() throws {
        let d = try #require(Statistics.juillandD(hits: [0, 4, 3, 2, 1], sizes: [100, 100, 100, 100, 100]))
        #expect(rounded(d, 4) == 0.6464)
        #expect(abs(try #require(Statistics.juillandD(hits: [2, 2, 2], sizes: [10, 10, 10])) - 1) < 1e-12)
        #expect(Statistics.juillandD(hits: [0, 0], sizes: [10, 10]) == nil)
        #expect(Statistics.juillandD(hits: [3], sizes: [10]) == nil)
    }

    @Test("Lijffijt & Gries (2012): DPnorm 0.5 for [2, 1, 0] over equal parts; DP is 1/3")
    func deviationOfProportions() throws {
        let dp = try #require(Statistics.deviationOfProportions(hits: [2, 1, 0], sizes: [10, 10, 10]))
        #expect(abs(dp - 1.0 / 3) < 1e-12)
        let normalised = try #require(Statistics.normalisedDeviationOfProportions(hits: [2, 1, 0], sizes: [10, 10, 10]))
        #expect(abs(normalised - 0.5) < 1e-12)
        #expect(Statistics.deviationOfProportions(hits: [0, 0], sizes: [5, 5]) == nil)
    }

    @Test("Gries (2008): DP for hits [1, 2, 3, 4, 5] over parts of 10, 20, 30, 40, 50 is 0")
    func proportionalDP() throws {
        let dp = try #require(Statistics.deviationOfProportions(hits: [1, 2, 3, 4, 5], sizes: [10, 20, 30, 40, 50]))
        #expect(abs(dp) < 1e-12)
    }

    @Test("p-values: G² 3.84 is p 0.05, 6.63 is 0.01, 10.83 is 0.001 (χ², one degree of freedom)")
    func pValues() {
        #expect(rounded(Statistics.pValue(logLikelihood: 3.841459), 4) == 0.05)
        #expect(rounded(Statistics.pValue(logLikelihood: 6.634897), 4) == 0.01)
        #expect(rounded(Statistics.pValue(logLikelihood: -10.827566), 5) == 0.001)
    }

    @Test("collocation measures by hand: O11 8, E11 2, f_A 10, f_B 20")
    func collocationMeasures() {
        #expect(Statistics.mutualInformation(observed: 8, expected: 2) == 2)  // log2(4)
        #expect(Statistics.mi3(observed: 8, expected: 2) == 8)  // 3·3 − 1
        #expect(Statistics.tScore(observed: 8, expected: 2) == 6 / 8.0.squareRoot())
        // 14 + log2(16 / 30)
        #expect(abs(Statistics.logDice(cooccurrence: 8, nodeFrequency: 10, collocateFrequency: 20) - 13.093109) < 1e-6)
    }
}
