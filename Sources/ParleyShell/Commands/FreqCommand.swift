import Foundation
import ParleyCore

/// `freq`: a frequency list of types or n-grams.
struct FreqCommand: Command {
    static let name = "freq"
    static let summary = "frequency list of words or n-grams, with per 10,000 and range"
    static let usage = "freq [--top N|all] [--min N] [--ngram N] [--range turns|docs] [--min-range N] [--by speaker|doc|KEY|KEY:PERIOD|lemma] [--from P] [--to P] [--stopwords en|FILE]"
    static let details = """
        Counts types (lower-case word forms) in the active filter's turns. frequency is the count,
        per_10k = frequency × 10,000 / tokens in the selection, and range the number of turns it
        occurs in (--range docs: of documents). --min-range N keeps only rows whose range is at
        least N (lexical bundles: freq --ngram 4 --range docs --min-range 5). Rows are ranked by frequency, ties in the order of the forms' bytes. --ngram N
        counts runs of N words instead (never across a turn). --by adds one column per speaker,
        document or value of a metadata key with the frequency there (in the rows shown); with
        more than 24 groups the table is long instead: a row per word and group where it occurs,
        with the frequency and per_10k within the group, by rank and then group.
        --stopwords en leaves out the Snowball English list (174 words); --stopwords FILE leaves
        out the words in FILE (one or more per line, # starts a comment); an n-gram is left out
        when any of its words is.
        --by lemma counts lemmas instead of types (see load for the lemma list): frequency is the
        sum over the lemma's forms, range the turns (or documents) where any of them occurs, and
        forms lists the forms counted, most frequent first.
        --by KEY:PERIOD (date:month) gives a long table of every row in every period, in time
        order, zeros too, with the period's tokens and per_10k. plot freq
        (or --format chart|svg) draws the first 40 rows as bars, or by period a line per word.
        """ + "\n" + MetadataArguments.periodHelp
    static let example = "freq --top 10 --stopwords en"
    static let producesTable = true

    static let options = [
        OptionSpec("--top", value: "N|all", help: "show the N most frequent rows (default 20), or all"),
        OptionSpec("--min", value: "N", help: "only rows occurring at least N times (default 1)"),
        OptionSpec("--ngram", value: "N", help: "count runs of N words (1–\(Corpus.maximumNGramLength), default 1)"),
        OptionSpec("--by", value: "speaker|doc|KEY", completion: .groupings, help: "add a column per speaker, per document or per value of a metadata key"),
        OptionSpec("--range", value: "turns|docs", choices: RangeUnit.allCases.map(\.rawValue),
            help: "count range in turns (default) or documents"),
        OptionSpec("--min-range", value: "N", help: "only rows occurring in at least N turns, or documents with --range docs"),
        StopWordArguments.option, RateUnit.option,
    ] + MetadataArguments.periodOptions

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(0...0, usage: usage)
        let top = try arguments.count("--top", in: 1...Int(Int32.max)) ?? 20
        let minimum = try arguments.integer("--min", in: 1...Int(Int32.max)) ?? 1
        let n = try arguments.integer("--ngram", in: 1...Corpus.maximumNGramLength) ?? 1
        let excluded = try StopWordArguments.types(arguments, session)
        let unit = try arguments.choice("--range", as: RangeUnit.self) ?? .turns
        let minimumRange = try arguments.integer("--min-range", in: 1...Int(Int32.max)) ?? 1
        let per = try RateUnit.chosen(arguments)
        if let word = arguments.values["--by"], word.text == "lemma" {
            if let ngram = arguments.values["--ngram"] { throw CommandError("--by lemma counts single words; leave out --ngram", at: ngram) }
            return try lemmaList(session, top: top, minimum: minimum, minimumRange: minimumRange, unit: unit, per: per, excluded: excluded, word: word)
        }
        let scoped = try MetadataArguments.scoped(arguments, builtIn: ["speaker", "doc"], in: session)
        let by = scoped?.grouping
        let corpus = session.corpus
        let selection = scoped?.selection ?? session.analysisSelection
        let tokens = corpus.tokenCount(in: selection)
        let rows: FrequencyRows
        do {
            rows = try corpus.frequencyList(
                n: n, in: selection, minimum: minimum, excluded: excluded, top: top, range: unit, minimumRange: minimumRange)
        } catch {
            throw CommandError(error.description)
        }
        if Interruption.isRequested { throw .cancelled }
        let columns = ["rank", "type", "frequency", per.column(), "range"].map { Table.Column($0, flexible: $0 == "type") }
        @Sendable func form(_ row: Int) -> String { rows.form(row, in: corpus) }
        @Sendable func cells(_ row: Int) -> [Table.Value] {
            [
                .integer(row + 1), .text(form(row)), .integer(Int(rows.frequencies[row])),
                per.cell(Int(rows.frequencies[row]), of: tokens), .integer(Int(rows.ranges[row])),
            ]
        }
        let what = n == 1 ? "words" : "\(n)-grams"
        let chart = Chart(
            title: "The \(min(rows.count, Self.chartedRows)) most frequent \(what)",
            summary: "A bar chart of the frequencies of the \(min(rows.count, Self.chartedRows)) most frequent \(what) of the selection, most frequent first.",
            content: .bars((0..<min(rows.count, Self.chartedRows)).map { Chart.Bar(label: form($0), value: Double(rows.frequencies[$0])) }, measure: "frequency", sides: nil))
        guard let grouping = by else {
            var report = Report([("table", Table(columns: columns, rows: Table.Rows(count: rows.count, row: cells)))], primary: "table")
            report.chart = chart
            return .report(report)
        }
        let (sizes, present) = corpus.groupSizes(grouping, in: selection)
        let groups = present.indices.filter { present[$0] }
        let names = session.documentLabels
        @Sendable func name(_ group: Int) -> String { grouping.name(ofGroup: group, in: corpus, documentNames: names) }
        if grouping.isPeriods {
            // Every row in every period, zeros too, with the period's tokens and rate, so that
            // each word's series can be read off and normalised.
            let byGroup = corpus.groupFrequencies(of: rows, by: grouping, in: selection)
            if Interruption.isRequested { throw .cancelled }
            let long = Table(
                columns: [Table.Column("rank"), Table.Column("type", flexible: true), Table.Column(grouping.label, flexible: true),
                    Table.Column("frequency"), Table.Column("tokens"), Table.Column(per.column())],
                rows: Table.Rows(count: rows.count * groups.count) { index in
                    let (row, group) = (index / groups.count, groups[index % groups.count])
                    let frequency = byGroup[row][group]
                    return [
                        .integer(row + 1), .text(form(row)), .text(name(group)), .integer(frequency), .integer(sizes[group]),
                        per.cell(frequency, of: sizes[group], emptyWithoutTokens: true),
                    ]
                })
            var report = Report([("table", long)], primary: "table")
            report.chart = periodChart(rows: rows, byGroup: byGroup, groups: groups, sizes: sizes, grouping: grouping, per: per, name: name, form: form)
            return .report(report)
        }
        guard groups.count > Self.widestGrouping else {
            // A column per group.
            let byGroup = corpus.groupFrequencies(of: rows, by: grouping, in: selection)
            if Interruption.isRequested { throw .cancelled }
            let table = Table(
                columns: columns + groups.map { Table.Column(name($0)) },
                rows: Table.Rows(count: rows.count) { row in cells(row) + groups.map { .integer(byGroup[row][$0]) } })
            var report = Report([("table", table)], primary: "table")
            report.chart = chart
            return .report(report)
        }
        // Too many groups for columns: a long table, a row per word and group where it occurs.
        guard let occurrences = corpus.groupOccurrences(of: rows, by: grouping, in: selection) else { throw .cancelled }
        let long = Table(
            columns: [Table.Column("rank"), Table.Column("type", flexible: true), Table.Column(grouping.label, flexible: true),
                Table.Column("frequency"), Table.Column(per.column())],
            rows: Table.Rows(count: occurrences.count) { index in
                let (row, group) = (Int(occurrences.rows[index]), Int(occurrences.groups[index]))
                let frequency = Int(occurrences.frequencies[index])
                return [
                    .integer(row + 1), .text(form(row)), .text(name(group)), .integer(frequency),
                    per.cell(frequency, of: sizes[group]),
                ]
            })
        return .table(long)
    }

    /// `freq --by lemma`: lemmas ranked by frequency, with the forms counted in each.
    private static func lemmaList(
        _ session: Session, top: Int, minimum: Int, minimumRange: Int, unit: RangeUnit, per: RateUnit, excluded: Set<Int>, word: Word
    ) throws(CommandError) -> CommandResult {
        let corpus = session.corpus
        let selection = session.analysisSelection
        guard let lemmas = corpus.lemmas, let (frequencies, ranges) = corpus.lemmaCounts(in: selection, range: unit, excluded: excluded) else {
            throw CommandError("this corpus has no lemma layer: it was loaded with --lemmas none", at: word)
        }
        if Interruption.isRequested { throw .cancelled }
        let lexicon = corpus.lexicon
        let kept = (0..<lemmas.count).filter { frequencies[$0] >= max(1, minimum) && ranges[$0] >= minimumRange }
        func precedes(_ a: Int, _ b: Int) -> Bool {
            if frequencies[a] != frequencies[b] { return frequencies[a] > frequencies[b] }
            return lemmas.form(of: a, in: lexicon).utf8.lexicographicallyPrecedes(lemmas.form(of: b, in: lexicon).utf8)
        }
        let shown = Array(kept.sorted(by: precedes).prefix(top))
        let tokens = corpus.tokenCount(in: selection)
        let (typeFrequencies, _) = selection == nil ? ((0..<lexicon.count).map { UInt32(corpus.frequency(ofType: $0)) }, []) : corpus.typeCounts(in: selection)
        let rows: [[Table.Value]] = shown.enumerated().map { rank, lemma in
            let forms = lemmas.types(ofLemma: lemma).filter { typeFrequencies[$0] > 0 && !excluded.contains($0) }
                .sorted { typeFrequencies[$0] != typeFrequencies[$1] ? typeFrequencies[$0] > typeFrequencies[$1] : $0 < $1 }
            return [
                .integer(rank + 1), .text(lemmas.form(of: lemma, in: lexicon)), .integer(Int(frequencies[lemma])),
                per.cell(Int(frequencies[lemma]), of: tokens), .integer(Int(ranges[lemma])),
                .text(forms.map { lexicon.forms[$0] }.joined(separator: ", ")),
            ]
        }
        let columns = ["rank", "lemma", "frequency", per.column(), "range", "forms"].map {
            Table.Column($0, flexible: $0 == "lemma" || $0 == "forms", shrinkRank: $0 == "forms" ? Table.Column.freeText : 1)
        }
        return .table(Table(columns: columns, rows: rows))
    }

    /// The most rows a bar chart of `freq` shows.
    static let chartedRows = 40

    /// The first rows' rates over the periods: a line per word.
    private static func periodChart(
        rows: FrequencyRows, byGroup: [[Int]], groups: [Int], sizes: [Int], grouping: Grouping, per: RateUnit, name: (Int) -> String, form: (Int) -> String
    ) -> Chart {
        let periods = groups.filter { name($0) != MetadataGroups.noValueName }
        let lines = (0..<min(rows.count, CountCommand.chartedSeries)).map { row in
            Chart.Series(name: form(row), values: periods.map { sizes[$0] == 0 ? nil : per.rate(byGroup[row][$0], of: sizes[$0]) })
        }
        return Chart(
            title: "The most frequent \(rows.n == 1 ? "words" : "\(rows.n)-grams") \(per.label) by \(grouping.label)",
            summary: "A line per word (\(lines.count), most frequent first) of its frequency \(per.label) over \(periods.count) periods"
                + (periods.isEmpty ? "." : ", from \(name(periods[0])) to \(name(periods[periods.count - 1]))."),
            content: .series(categories: periods.map(name), axis: grouping.label, series: lines, measure: per.label))
    }

    /// The most groups `--by` shows as columns; more make a long table.
    static let widestGrouping = 24
}
