import ParleyCore

/// `dispersion QUERY`: how evenly a query's hits spread over documents, turns or speakers.
struct DispersionCommand: Command {
    static let name = "dispersion"
    static let summary = "how evenly a query is spread over documents, turns or speakers (range, D, DP)"
    static let usage = "dispersion QUERY [--by doc|turn|speaker|KEY|KEY:PERIOD] [--from P] [--to P] [--case]"
    static let details = QueryArgument.help + """

        The parts are the documents (default), turns, speakers, values of a metadata key (--by
        KEY; turns without a value form the part (none)) or periods of a date (--by date:year:
        every period from the first to the last, the measures over those with tokens) with turns
        in the active filter;
        with n parts, v_i the hits in part i, s_i its tokens, v and s their sums:
          range       parts with at least one hit
          juilland_d  Juilland's D = 1 − V / √(n − 1), V the coefficient of variation (population
                      standard deviation / mean) of the parts' relative frequencies v_i / s_i
          dp          Gries' DP = ½ Σ |v_i / v − s_i / s|
          dp_norm     DPnorm = DP / (1 − min s_i / s) (Lijffijt & Gries 2012)
        D is 1 and DP 0 for perfectly even spread. D needs two parts and a hit; otherwise it is
        empty (null in JSON), as are DP and DPnorm without hits. The table format adds a plot per
        part: the part's tokens in order across 40 columns, | where a hit falls. csv and tsv carry
        the parts only; JSON has both the summary and the parts. plot dispersion … (or --format
        chart|svg) draws AntConc's barcode plot: a strip per part, a tick per hit.
        """ + "\n" + MetadataArguments.periodHelp
    static let example = "dispersion terrorism --by speaker"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.words
    static let plotWidth = 40
    static let options = [
        OptionSpec("--by", value: "doc|turn|speaker|KEY|KEY:PERIOD", completion: .groupings, help: "what the parts are (default doc): documents, turns, speakers, the values of a metadata key or periods of a date (date:month)"),
        QueryArgument.caseOption, RateUnit.option,
    ] + MetadataArguments.periodOptions

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        let query = try QueryArgument.parse(arguments, usage: usage)
        let corpus = session.corpus
        let names = session.documentLabels
        let scoped = try MetadataArguments.scoped(arguments, builtIn: ["doc", "turn", "speaker"], in: session)
        let grouping = scoped?.grouping ?? .doc
        let selection = scoped?.selection ?? session.analysisSelection
        let matches = try QueryArgument.matches(of: query, arguments, in: corpus, selection: selection)
        let dispersion = corpus.dispersion(of: matches, by: grouping, in: selection)
        let unit = try RateUnit.chosen(arguments)
        func measure(_ value: Double?) -> Table.Value { value.map { .decimal($0, places: 4) } ?? .null }
        let summary = Table.record([
            ("query", .text(query.text)), ("hits", .integer(dispersion.hits)), ("parts", .integer(dispersion.parts.count)),
            ("range", .integer(dispersion.range)), ("juilland_d", measure(dispersion.juillandD)),
            ("dp", measure(dispersion.dp)), ("dp_norm", measure(dispersion.dpNorm)),
        ])
        let parts = dispersion.parts
        // A row per part, made when written: --by turn has millions of parts.
        let rows = Table.Rows(count: parts.count) { index in
            let part = parts[index]
            return [
                .text(grouping.name(ofGroup: part.group, in: corpus, documentNames: names)), .integer(part.tokens), .integer(part.hits),
                unit.cell(part.hits, of: part.tokens, emptyWithoutTokens: true), .text(plot(part.positions)),
            ]
        }
        let columns = [
            Table.Column(grouping.label, flexible: true), Table.Column("tokens"), Table.Column("hits"),
            Table.Column(unit.column()), Table.Column("plot", tableOnly: true),
        ]
        var report = Report([("summary", summary), ("parts", Table(columns: columns, rows: rows))], primary: "parts")
        report.chart = chart(dispersion, query: query.text, grouping: grouping, corpus: corpus, names: names)
        return .report(report)
    }

    /// The barcode plot: a strip per part with a tick per hit (per turn, only the turns with
    /// hits: there may be millions).
    private static func chart(_ dispersion: Dispersion, query: String, grouping: Grouping, corpus: Corpus, names: [String]) -> Chart {
        var parts = dispersion.parts
        if case .turn = grouping { parts = parts.filter { $0.hits > 0 } }
        let strips = parts.map {
            Chart.Strip(name: grouping.name(ofGroup: $0.group, in: corpus, documentNames: names), hits: $0.hits, positions: $0.positions)
        }
        return Chart(
            title: "Dispersion of \"\(query)\" by \(grouping.label)",
            summary: "A barcode plot of \(dispersion.hits) hits of \(query) in \(strips.count) parts by \(grouping.label): "
                + "each row is a part from its first token to its last, each tick a hit; \(dispersion.range) parts have hits.",
            content: .barcode(strips))
    }

    /// `[....|.......||..]`: where in the part the hits fall.
    static func plot(_ positions: [Double]) -> String {
        var cells = [Character](repeating: ".", count: plotWidth)
        for position in positions { cells[min(plotWidth - 1, Int(position * Double(plotWidth)))] = "|" }
        return "[" + String(cells) + "]"
    }
}
