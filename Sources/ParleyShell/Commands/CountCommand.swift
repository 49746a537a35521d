import ParleyCore

/// `count QUERY`: how often a query occurs, overall or per speaker or document.
struct CountCommand: Command {
    static let name = "count"
    static let summary = "count the hits of a query, per 10,000 tokens, overall or --by speaker|doc|KEY"
    static let usage = "count QUERY [--by speaker|doc|KEY|KEY:PERIOD[,KEY]|match|1L…5L|1R…5R] [--from P] [--to P] [--case]"
    static let details = QueryArgument.help + """

        A query in parentheses counts transcription notes: count "(laughter)" --by speaker.
        hits is the number of hits in the active filter's turns, tokens the number of tokens there
        and per_10k = hits × 10,000 / tokens; turns counts the turns with at least one hit. With
        --by, one row per speaker, document or value of a metadata key in the selection, hits or
        none, most hits first (ties by name), each with its own tokens and per_10k; by period
        (--by date:month), every period in time order, per_10k empty where a period has no
        tokens. Two groupings separated by a comma (--by date:month,speaker) give a row per pair:
        the first's groups in their order, for each the second's groups that have hits. Rates
        keep at least three significant digits (0.0412); --per 1m gives per_1m, hits per million
        tokens, instead.
        --by match breaks the hits down by what they matched, as CQPweb's frequency breakdown
        does: one row per distinct form or sequence (in lower case), with its hits and share =
        hits × 100 / all hits, most first (ties in the forms' byte order). --by 1L to 5L and 1R
        to 5R count the word standing n places to the left or right of each hit instead; hits at
        the edge of their turn, with no word there, are the last row, (none).
        plot count … (or --format chart|svg) draws a time series by period, else bars.
        """ + "\n" + MetadataArguments.periodHelp
    static let example = "count terror* --by speaker"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.words

    static let options = [
        OptionSpec("--by", value: "speaker|doc|KEY|KEY:PERIOD|match|1R…", completion: .groupings,
            help: "one row per speaker, document, value of a metadata key or period of a date (date:month; two with a comma: date:month,speaker); or per form matched (match) or word at a place (1L…5L, 1R…5R)"),
        QueryArgument.caseOption, RateUnit.option,
    ] + MetadataArguments.periodOptions

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        let corpus = session.corpus
        // The turn of every hit, in corpus order.
        let hitTurns: [UInt32]
        let text: String
        let place = arguments.values["--by"].flatMap { BreakdownPlace($0.text) }
        if let notes = QueryArgument.noteQuery(arguments) {
            if place != nil, let word = arguments.values["--by"] {
                throw CommandError("--by \(word.text) breaks down words; notes are counted --by speaker, doc or a metadata key", at: word)
            }
            text = notes.text
            hitTurns = corpus.notes(matching: notes, in: session.analysisSelection, isCancelled: session.isCancelled).map(\.turn)
        } else {
            let query = try QueryArgument.parse(arguments, usage: usage)
            text = query.text
            let matches = try QueryArgument.matches(of: query, arguments, in: session)
            if let place { return breakdown(matches, at: place, label: arguments.values["--by"]!.text, in: corpus) }
            hitTurns = matches.map(\.turn)
        }
        let unit = try RateUnit.chosen(arguments)
        guard let byWord = arguments.values["--by"] else {
            _ = try MetadataArguments.scoped(arguments, builtIn: [], in: session)
            let tokens = corpus.tokenCount(in: session.analysisSelection)
            // Hits come in corpus order, so a new turn is a change from the hit before.
            let turns = hitTurns.indices.count { $0 == 0 || hitTurns[$0] != hitTurns[$0 - 1] }
            let columns = ["query", "hits", "tokens", unit.column(), "turns"].map { Table.Column($0) }
            return .table(Table(columns: columns, rows: [[
                .text(text), .integer(hitTurns.count), .integer(tokens), unit.cell(hitTurns.count, of: tokens), .integer(turns),
            ]]))
        }
        let keys = byWord.text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard keys.count <= 2, !keys.contains(where: \.isEmpty) else {
            throw CommandError("--by takes one grouping or two separated by a comma (--by date:month,speaker)", at: byWord)
        }
        var scopes: [MetadataArguments.Scoped] = []
        let periodKey = keys.firstIndex { $0.contains(":") && corpus.metadataKey(named: $0) == nil }
        for (index, key) in keys.enumerated() {
            scopes.append(try MetadataArguments.scoped(
                Word(text: key, columns: byWord.columns), arguments, builtIn: ["speaker", "doc"], in: session,
                boundsNeedPeriod: periodKey == nil || periodKey == index))
        }
        // --from and --to leave out the hits outside their periods.
        var selection = session.analysisSelection
        for scope in scopes { if let limited = scope.selection { selection = selection?.intersection(limited) ?? limited } }
        let kept = selection == session.analysisSelection ? hitTurns : hitTurns.filter { selection!.contains(Int($0)) }
        let names = session.documentLabels
        let report = scopes.count == 1
            ? counted(kept, by: scopes[0].grouping, selection: selection, names: names, query: text, unit: unit, in: corpus)
            : counted(kept, by: scopes[0].grouping, and: scopes[1].grouping, selection: selection, names: names, query: text, unit: unit, in: corpus)
        return .report(report)
    }

    /// `count --by G`: a row per group of the selection, hits or none: periods in time order,
    /// other groups most hits first (ties by name).
    private static func counted(
        _ hitTurns: [UInt32], by grouping: Grouping, selection: TurnSet?, names: [String], query: String, unit: RateUnit, in corpus: Corpus
    ) -> Report {
        let (sizes, present) = corpus.groupSizes(grouping, in: selection)
        var hits = [Int](repeating: 0, count: sizes.count)
        var turns = [Int](repeating: 0, count: sizes.count)
        for (index, turn) in hitTurns.enumerated() {
            let group = grouping.group(ofTurn: Int(turn), in: corpus)
            hits[group] += 1
            if index == 0 || hitTurns[index - 1] != turn { turns[group] += 1 }
        }
        var groups = sizes.indices.filter { present[$0] }.map { ($0, grouping.name(ofGroup: $0, in: corpus, documentNames: names)) }
        if !grouping.isPeriods {
            groups.sort { hits[$0.0] != hits[$1.0] ? hits[$0.0] > hits[$1.0] : $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }
        }
        let rows: [[Table.Value]] = groups.map { group, name in
            [.text(name), .integer(hits[group]), .integer(sizes[group]), unit.cell(hits[group], of: sizes[group], emptyWithoutTokens: true), .integer(turns[group])]
        }
        let columns = [Table.Column(grouping.label, flexible: true)] + ["hits", "tokens", unit.column(), "turns"].map { Table.Column($0) }
        var report = Report([("table", Table(columns: columns, rows: rows))], primary: "table")
        let shown = groups.filter { $0.1 != MetadataGroups.noValueName }
        let values: [Double?] = shown.map { sizes[$0.0] == 0 ? nil : unit.rate(hits[$0.0], of: sizes[$0.0]) }
        let title = "\"\(query)\" \(unit.label) by \(grouping.label)"
        let total = hitTurns.count
        if grouping.isPeriods {
            report.chart = Chart(
                title: title,
                summary: "A time series of \(total) hits of \(query) \(unit.label) in \(shown.count) periods, "
                    + "from \(shown.first?.1 ?? "") to \(shown.last?.1 ?? "").",
                content: .series(categories: shown.map(\.1), axis: grouping.label, series: [Chart.Series(name: query, values: values)], measure: unit.label))
        } else {
            let bars = shown.prefix(chartedGroups).map { Chart.Bar(label: $0.1, value: sizes[$0.0] == 0 ? 0 : unit.rate(hits[$0.0], of: sizes[$0.0])) }
            report.chart = Chart(
                title: title,
                summary: "A bar chart of the hits of \(query) \(unit.label) for \(bars.count) of \(shown.count) groups by \(grouping.label), most hits first.",
                content: .bars(Array(bars), measure: unit.label, sides: nil))
        }
        return report
    }

    /// The most groups a bar chart of `count --by` shows (the first, with most hits).
    static let chartedGroups = 40
    /// The most lines a time series by two keys draws (those with most hits).
    static let chartedSeries = 8

    /// `count --by G,H`: a row per group of G and group of H (both of the selection), G's in
    /// their order (periods in time order) and H's by hits; charted as a line per group of H.
    private static func counted(
        _ hitTurns: [UInt32], by first: Grouping, and second: Grouping, selection: TurnSet?, names: [String], query: String,
        unit: RateUnit, in corpus: Corpus
    ) -> Report {
        let (firstSizes, firstPresent) = corpus.groupSizes(first, in: selection)
        let (secondSizes, secondPresent) = corpus.groupSizes(second, in: selection)
        let width = secondSizes.count
        var sizes = [Int](repeating: 0, count: firstSizes.count * width)
        for turn in corpus.selectedTurns(selection) {
            sizes[first.group(ofTurn: turn, in: corpus) * width + second.group(ofTurn: turn, in: corpus)] += corpus.tokens(ofTurn: turn).count
        }
        var hits = [Int](repeating: 0, count: sizes.count)
        var turns = [Int](repeating: 0, count: sizes.count)
        var secondHits = [Int](repeating: 0, count: width)
        for (index, turn) in hitTurns.enumerated() {
            let g = second.group(ofTurn: Int(turn), in: corpus)
            let cell = first.group(ofTurn: Int(turn), in: corpus) * width + g
            hits[cell] += 1
            secondHits[g] += 1
            if index == 0 || hitTurns[index - 1] != turn { turns[cell] += 1 }
        }
        func name(_ grouping: Grouping, _ group: Int) -> String { grouping.name(ofGroup: group, in: corpus, documentNames: names) }
        var firstGroups = firstSizes.indices.filter { firstPresent[$0] }
        if !first.isPeriods {
            let totals = firstGroups.map { group in (0..<width).reduce(0) { $0 + hits[group * width + $1] } }
            let order = Dictionary(uniqueKeysWithValues: zip(firstGroups, totals))
            firstGroups.sort { order[$0]! != order[$1]! ? order[$0]! > order[$1]! : name(first, $0).utf8.lexicographicallyPrecedes(name(first, $1).utf8) }
        }
        // The second key's groups with hits (a line each); periods all of them.
        let secondGroups = secondSizes.indices.filter { secondPresent[$0] && (secondHits[$0] > 0 || second.isPeriods) }.sorted {
            secondHits[$0] != secondHits[$1] ? secondHits[$0] > secondHits[$1] : name(second, $0).utf8.lexicographicallyPrecedes(name(second, $1).utf8)
        }
        var rows: [[Table.Value]] = []
        for a in firstGroups {
            for b in secondGroups {
                let cell = a * width + b
                rows.append([.text(name(first, a)), .text(name(second, b)), .integer(hits[cell]), .integer(sizes[cell]), unit.cell(hits[cell], of: sizes[cell], emptyWithoutTokens: true), .integer(turns[cell])])
            }
        }
        let columns = [Table.Column(first.label, flexible: true), Table.Column(second.label, flexible: true)]
            + ["hits", "tokens", unit.column(), "turns"].map { Table.Column($0) }
        var report = Report([("table", Table(columns: columns, rows: rows))], primary: "table")
        let categories = firstGroups.filter { name(first, $0) != MetadataGroups.noValueName }
        let lines = secondGroups.filter { name(second, $0) != MetadataGroups.noValueName }.prefix(chartedSeries)
        let series = lines.map { b in
            Chart.Series(name: name(second, b), values: categories.map { a in
                sizes[a * width + b] == 0 ? nil : unit.rate(hits[a * width + b], of: sizes[a * width + b])
            })
        }
        report.chart = Chart(
            title: "\"\(query)\" \(unit.label) by \(first.label) and \(second.label)",
            summary: "A line per \(second.label) (\(series.count) of \(secondGroups.count), most hits first) of the hits of \(query) \(unit.label) over \(categories.count) groups by \(first.label)"
                + (categories.isEmpty ? "." : ", from \(name(first, categories[0])) to \(name(first, categories[categories.count - 1]))."),
            content: .series(categories: categories.map { name(first, $0) }, axis: first.label, series: Array(series), measure: unit.label))
        return report
    }


    /// `--by match` or `--by 1R`: one row per distinct thing at that place.
    private static func breakdown(_ matches: [Match], at place: BreakdownPlace, label: String, in corpus: Corpus) -> CommandResult {
        let rows = corpus.breakdown(of: matches, at: place)
        if Interruption.isRequested { return .message("") }
        let total = matches.count
        let table = Table(
            columns: [Table.Column("rank"), Table.Column(label, flexible: true), Table.Column("hits"), Table.Column("share")],
            rows: Table.Rows(count: rows.count) { index in
                let row = rows[index]
                return [
                    .integer(index + 1), .text(row.types.isEmpty ? "(none)" : corpus.phrase(of: row.types)), .integer(row.frequency),
                    .decimal(total == 0 ? 0 : Double(row.frequency) * 100 / Double(total), places: 2),
                ]
            })
        return .table(table)
    }
}
