import ParleyCore

/// `compare A B`: two groups of turns side by side, and the keywords of each.
struct CompareCommand: Command {
    static let name = "compare"
    static let summary = "compare two speakers or subsets: summary figures and keywords of each side"
    static let usage = "compare A B [--by speaker|KEY|KEY:PERIOD] [--p P] [--bonferroni] [--min N] [--top N|all] [--sort g2|log_ratio|pct_diff|bic] [--min-log-ratio X] [--min-range N] [--range turns|docs] [--stopwords en|FILE]"
    static let details = """
        A and B are speaker names ("Vladimir Putin", or a last name: Putin), filter terms
        (speaker:Putin*, or a quoted expression such as "speaker:A or speaker:B"), subset names,
        or, for B, rest: the turns of the active filter that are not in A. With --by KEY, A and B
        are values of the metadata key KEY instead (any case, * and ? as wildcards), as in
        compare 1 2 --by season; with --by KEY:PERIOD they are periods of a date key, as in
        compare 2021 2022 --by date:year (or, as filter terms, compare meta:date=2021
        meta:date=2022); the default, --by speaker, is as above. Both sides are limited
        to the active filter. The summary gives each side's turns, tokens, types, ttr (types /
        tokens) and mean_turn_length (tokens / turns). Then the keywords: with a and b a type's
        frequencies and c and d the sides' tokens,
          g2         signed log-likelihood G²: 2 Σ O ln(O/E) over the cells (a, c − a, b, d − b),
                     E = row total × column total / (c + d), 0 ln 0 = 0; positive when
                     a/c > b/d (key in A), negative when key in B
          log_ratio  Log Ratio (Hardie 2014): log2((a/c) / (b/d)), a zero frequency taken as 0.5
          pct_diff   %DIFF (Gabrielatos & Marchi 2012): (a/c − b/d) × 100 / (b/d); empty (null
                     in JSON) when b = 0
          bic        BIC (Wilson 2013, after Raftery 1995): |G²| − ln(c + d), the Bayesian
                     information criterion of the difference with one degree of freedom; above
                     2 positive evidence, above 6 strong, above 10 very strong
          lr_low, lr_high  the 95 % confidence interval of Log Ratio: the Wald interval of the
                     log of a ratio of two Poisson rates, (ln((a/c)/(b/d)) ± 1.96 × √(1/a + 1/b))
                     / ln 2, zero frequencies taken as 0.5
          range_a, range_b  the turns of A and of B the type occurs in (--range docs: documents)
          per_10k_a, per_10k_b  a × 10,000 / c and b × 10,000 / d, at least three significant
                     digits (--per 1m: per_1m_a and per_1m_b, per million tokens)
        A type is key when a + b ≥ --min (default 3), the p-value of its G² (χ² with one degree
        of freedom) is below --p (default 0.05, i.e. G² ≥ 3.84; --bonferroni divides --p by the
        number of types tested), |Log Ratio| ≥ --min-log-ratio (default 0: Hardie suggests 1, a
        doubling, as a floor), and it occurs in at least --min-range turns (or documents) of its
        side. --stopwords en (the Snowball English list, 174 words) or FILE leaves words out; the
        sides' sizes c and d stay. Up to --top (default 20) keywords per side, A's first, each
        side by --sort: g2 (default), log_ratio or bic (the largest first on A's side, the most
        negative first on B's), or pct_diff; ties by word. csv and tsv carry the keywords only;
        JSON has both parts. plot compare … (or --format chart|svg) draws up to 25 keywords a side
        as bars of the measure they are sorted by (Log Ratio for pct_diff).
        """
    static let example = "compare \"Vladimir Putin\" \"Ilya Petrenko\" --top 10"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.sides
    static let options = [
        OptionSpec("--by", value: "speaker|KEY|KEY:PERIOD", completion: .groupings, help: "what A and B name: speakers, subsets and filter terms (default), values of a metadata key, or periods of a date (--by date:year)"),
    ] + keywordOptions

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(2...2, usage: usage)
        let corpus = session.corpus
        let within = session.analysisSelection ?? TurnSet(universe: corpus.turnCount, full: true)
        let words = arguments.positional
        var byKey: String?
        var periods: MetadataGroups?
        if let by = arguments.values["--by"], by.text != "speaker" {
            if by.text.contains(":"), corpus.metadataKey(named: by.text) == nil {
                // Sides are periods: compare 2021 2022 --by date:year.
                guard case .metadata(let groups) = try MetadataArguments.scoped(by, arguments, builtIn: [], in: session).grouping else {
                    throw CommandError("--by takes speaker, a metadata key or KEY:PERIOD", at: by)
                }
                periods = groups
            } else {
                byKey = try MetadataArguments.key(by.text, word: by, in: corpus)
            }
        }
        func side(_ word: Word) throws(CommandError) -> TurnSet {
            if let periods {
                let pattern = Wildcard(word.text.lowercased())
                let chosen = Set(periods.names.indices.filter { periods.names[$0] != MetadataGroups.noValueName && pattern.matches(periods.names[$0].lowercased()) }.map(UInt32.init))
                var turns = TurnSet(universe: corpus.turnCount)
                for (turn, group) in periods.turnGroup.enumerated() where chosen.contains(group) { turns.insert(turn) }
                guard !turns.isEmpty else {
                    throw CommandError.unknown("period of \(periods.key)", word, among: periods.names.filter { $0 != MetadataGroups.noValueName })
                }
                return turns
            }
            guard let key = byKey else { return try Self.side(word, session) }
            let pattern = Wildcard(word.text.lowercased())
            let turns = corpus.turns(withMetadata: key) { pattern.matches($0.lowercased()) }
            guard !turns.isEmpty else {
                throw CommandError.unknown("value of \(key)", word, among: corpus.exampleValues(of: key, limit: Int.max).values)
            }
            return turns
        }
        let a = try side(words[0]).intersection(within)
        guard !a.isEmpty else { throw CommandError("\"\(words[0].text)\" has no turns in the selection", at: words[0]) }
        let b = words[1].text == "rest" && !words[1].quoted ? within.intersection(a.complement) : try side(words[1]).intersection(within)
        guard !b.isEmpty else { throw CommandError("\"\(words[1].text)\" has no turns in the selection", at: words[1]) }
        return try keywords(a, b, names: (words[0].text, words[1].text), arguments, session)
    }

    /// The options compare and keywords share, after the sides.
    static let keywordOptions = [
        OptionSpec("--p", value: "P", help: "significance level (default 0.05)"),
        OptionSpec("--bonferroni", help: "divide the significance level by the number of types tested"),
        OptionSpec("--min", value: "N", help: "only types with a + b ≥ N (default 3)"),
        OptionSpec("--top", value: "N|all", help: "keywords per side (default 20), or all"),
        OptionSpec("--sort", value: "g2|log_ratio|pct_diff|bic", choices: KeywordSort.allCases.map(\.rawValue),
            help: "rank each side's keywords by this measure (default g2)"),
        OptionSpec("--min-log-ratio", value: "X", help: "only keywords with |Log Ratio| ≥ X (an effect-size floor; default 0)"),
        OptionSpec("--min-range", value: "N", help: "only keywords occurring in at least N turns (or documents, --range docs) of their side"),
        OptionSpec("--range", value: "turns|docs", choices: RangeUnit.allCases.map(\.rawValue), help: "count range_a and range_b in turns (default) or documents"),
        StopWordArguments.option, RateUnit.option,
    ]

    /// The summary and keywords of side `a` against side `b`, as the options ask.
    static func keywords(
        _ a: TurnSet, _ b: TurnSet, names: (String, String), _ arguments: Arguments, _ session: Session
    ) throws(CommandError) -> CommandResult {
        let corpus = session.corpus
        let words = [Word(text: names.0, columns: 0..<0), Word(text: names.1, columns: 0..<0)]
        let p = try arguments.decimal("--p", in: 0...1) ?? 0.05
        let minimum = try arguments.integer("--min", in: 1...Int(Int32.max)) ?? 3
        let top = try arguments.count("--top", in: 1...Int(Int32.max)) ?? 20
        let sort = try arguments.choice("--sort", as: KeywordSort.self) ?? .g2
        let minimumLogRatio = try arguments.decimal("--min-log-ratio", in: 0...1000) ?? 0
        let minimumRange = try arguments.integer("--min-range", in: 1...Int(Int32.max)) ?? 1
        let rangeUnit = try arguments.choice("--range", as: RangeUnit.self) ?? .turns
        let excluded = try StopWordArguments.types(arguments, session)
        let unit = try RateUnit.chosen(arguments)

        let keyness = corpus.keyness(a, b, minimum: minimum, range: rangeUnit, excluded: excluded)
        let threshold = arguments.has("--bonferroni") ? p / Double(max(1, keyness.rows.count)) : p
        let total = Double(keyness.a.tokens + keyness.b.tokens)
        let key = keyness.rows.filter { $0.pValue < threshold && $0.logLikelihood != 0 && abs($0.logRatio) >= minimumLogRatio }
        // Each side's keywords, most key first by the measure chosen, ties by type.
        func value(_ row: KeywordRow) -> Double {
            switch sort {
            case .g2: row.logLikelihood
            case .logRatio: row.logRatio
            case .percentDifference: row.percentDifference.isNaN ? 0 : row.percentDifference
            case .bic: (row.logLikelihood < 0 ? -1 : 1) * Statistics.bayesInformationCriterion(logLikelihood: row.logLikelihood, tokens: total)
            }
        }
        let keyA = key.filter { $0.logLikelihood > 0 && $0.rangeA >= minimumRange }
            .sorted { value($0) != value($1) ? value($0) > value($1) : $0.type < $1.type }
        let keyB = key.filter { $0.logLikelihood < 0 && $0.rangeB >= minimumRange }
            .sorted { value($0) != value($1) ? value($0) < value($1) : $0.type < $1.type }

        let summaryColumns = ["side", "name", "turns", "tokens", "types", "ttr", "mean_turn_length"].map {
            Table.Column($0, flexible: $0 == "name")
        }
        let summary = Table(columns: summaryColumns, rows: [("A", words[0].text, keyness.a), ("B", words[1].text, keyness.b)].map {
            [
                .text($0.0), .text($0.1), .integer($0.2.turns), .integer($0.2.tokens), .integer($0.2.types),
                .decimal($0.2.typeTokenRatio, places: 4), .decimal($0.2.meanTurnLength, places: 1),
            ]
        })
        let c = Double(keyness.a.tokens)
        let d = Double(keyness.b.tokens)
        let rows: [[Table.Value]] = (keyA.prefix(top).map { ("A", $0) } + keyB.prefix(top).map { ("B", $0) }).map { side, row in
            let interval = Statistics.logRatioInterval(a: Double(row.a), c: c, b: Double(row.b), d: d)
            return [
                .text(side), .text(corpus.lexicon.forms[row.type]), .integer(row.a), .integer(row.b),
                .integer(row.rangeA), .integer(row.rangeB),
                unit.cell(row.a, of: Int(c)), unit.cell(row.b, of: Int(d)),
                .decimal(row.logLikelihood, places: 2),
                .decimal(Statistics.bayesInformationCriterion(logLikelihood: row.logLikelihood, tokens: total), places: 2),
                .decimal(row.logRatio, places: 3), .decimal(interval.low, places: 3), .decimal(interval.high, places: 3),
                row.percentDifference.isFinite ? .decimal(row.percentDifference, places: 1) : .null,
            ]
        }
        let keywordColumns = [
            "side", "type", "a", "b", "range_a", "range_b", unit.column("_a"), unit.column("_b"), "g2", "bic", "log_ratio", "lr_low", "lr_high", "pct_diff",
        ].map { Table.Column($0) }  // A keyword is never shortened: the table may be wider than the width.
        var report = Report([("summary", summary), ("keywords", Table(columns: keywordColumns, rows: rows))], primary: "keywords")
        // Bars by the measure the keywords are ranked by (%DIFF, infinite where b = 0, by Log Ratio).
        let charted = sort == .percentDifference ? KeywordSort.logRatio : sort
        func bar(_ row: KeywordRow, side: Int) -> Chart.Bar {
            let measure: Double = switch charted {
            case .logRatio, .percentDifference: row.logRatio
            case .g2: row.logLikelihood
            case .bic: (side == 0 ? 1 : -1) * Statistics.bayesInformationCriterion(logLikelihood: row.logLikelihood, tokens: total)
            }
            return Chart.Bar(label: corpus.lexicon.forms[row.type], value: measure, side: side)
        }
        let bars = keyA.prefix(min(top, Self.chartedKeywords)).map { bar($0, side: 0) } + keyB.prefix(min(top, Self.chartedKeywords)).map { bar($0, side: 1) }
        report.chart = Chart(
            title: "Keywords of \(words[0].text) against \(words[1].text) (\(charted.heading))",
            summary: "A keyness chart: the \(min(keyA.count, top, Self.chartedKeywords)) keywords of \(words[0].text) to the right and the "
                + "\(min(keyB.count, top, Self.chartedKeywords)) of \(words[1].text) to the left, each side by \(charted.heading).",
            content: .bars(bars, measure: charted.measure, sides: [words[0].text, words[1].text]))
        return .report(report)
    }

    /// What the keywords of a side are ranked by.
    enum KeywordSort: String, CaseIterable {
        case g2
        case logRatio = "log_ratio"
        case percentDifference = "pct_diff"
        case bic

        var heading: String {
            switch self {
            case .g2: "G²"
            case .logRatio: "Log Ratio"
            case .percentDifference: "%DIFF"
            case .bic: "BIC"
            }
        }

        var measure: String {
            switch self {
            case .g2: "signed log-likelihood G²"
            case .logRatio, .percentDifference: "Log Ratio (binary log of the ratio of relative frequencies)"
            case .bic: "BIC, signed by side"
            }
        }
    }

    /// The most keywords per side a chart shows.
    static let chartedKeywords = 25

    /// The turns one side names: a filter expression, a subset, a speaker's full or last name.
    private static func side(_ word: Word, _ session: Session) throws(CommandError) -> TurnSet {
        let corpus = session.corpus
        if word.text.contains(":") {
            do throws(CommandError) {
                let words = try CommandLexer.words(word.text)
                return try FilterExpression.evaluate(words, in: corpus, subsets: session.subsets).turns
            } catch {
                throw CommandError(error.message, at: word)
            }
        }
        if let subset = session.subsets[word.text] { return subset.turns }
        let ids = try SpeakerPattern.resolve(word, in: corpus.speakers, what: "speaker or subset",
            among: session.subsets.keys.sorted(), hint: "\"speakers\" and \"subset\" list them")
        return corpus.turns(ofSpeakers: ids)
    }
}
