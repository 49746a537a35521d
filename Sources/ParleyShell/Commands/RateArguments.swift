import ParleyCore

/// How rates are given: per 10,000 tokens (`per_10k`, the default) or per million (`per_1m`,
/// `--per 1m`), always with at least three significant digits.
enum RateUnit: String, CaseIterable, Sendable {
    case tenThousand = "10k"
    case million = "1m"

    static let option = OptionSpec(
        "--per", value: "10k|1m", choices: RateUnit.allCases.map(\.rawValue), help: "rates per 10,000 tokens (per_10k, the default) or per million (per_1m)")

    /// The unit `--per` names (per 10,000 without it).
    static func chosen(_ arguments: Arguments) throws(CommandError) -> RateUnit {
        try arguments.choice("--per", as: RateUnit.self) ?? .tenThousand
    }

    /// The column's name: `per_10k` or `per_1m`, with a suffix (`_a`).
    func column(_ suffix: String = "") -> String { "per_" + rawValue + suffix }

    /// What a chart's axis says.
    var label: String { self == .tenThousand ? "per 10,000 tokens" : "per million tokens" }

    /// `hits` per unit of `tokens` (0 when there are none).
    func rate(_ hits: Int, of tokens: Int) -> Double {
        let perTenThousand = Statistics.perTenThousand(hits, of: tokens)
        return self == .tenThousand ? perTenThousand : perTenThousand * 100
    }

    /// The rate as a cell; empty when there are no tokens and `emptyWithoutTokens`.
    func cell(_ hits: Int, of tokens: Int, emptyWithoutTokens: Bool = false) -> Table.Value {
        tokens == 0 && emptyWithoutTokens ? .null : .rate(rate(hits, of: tokens))
    }
}

extension Table.Value {
    /// A rate with at least two decimals and at least three significant digits, so that a rare
    /// word's rate reads 0.0412 and not 0.00; 0 is 0.00.
    package static func rate(_ value: Double) -> Table.Value {
        .decimal(value, places: rateDecimals(value))
    }

    /// The decimals `rate` gives `value`: two, or as many more as three significant digits need
    /// (at most ten). Found by multiplying, not by logarithms, for the same answer everywhere.
    static func rateDecimals(_ value: Double) -> Int {
        var scaled = abs(value) * 100
        guard scaled > 0, scaled.isFinite else { return 2 }
        var places = 2
        while (scaled * 1_000_000).rounded() / 1_000_000 < 99.95, places < 10 {
            scaled *= 10
            places += 1
        }
        return places
    }
}
