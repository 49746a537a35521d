import ParleyCore

/// `count QUERY`: how often a query occurs, overall or per speaker or document.
struct CountCommand: Command {
    static let name = "count"
    static let summary = "count the hits of a query, per 10,000 tokens, overall or --by speaker|doc|KEY"
    static let usage = "count QUERY [--by speaker|doc|KEY|match|1L…5L|1R…5R] [--case]"
    static let details = QueryArgument.help + """

        A query in parentheses counts transcription notes: count "(laughter)" --by speaker.
        hits is the number of hits in the active filter's turns, tokens the number of tokens there
        and per_10k = hits × 10,000 / tokens; turns counts the turns with at least one hit. With
        --by, one row per speaker, document or value of a metadata key with at least one hit, most
        hits first (ties by name), each with its own tokens and per_10k (dispersion shows the parts
        without hits too).
        --by match breaks the hits down by what they matched, as CQPweb's frequency breakdown
        does: one row per distinct form or sequence (in lower case), with its hits and share =
        hits × 100 / all hits, most first (ties in the forms' byte order). --by 1L to 5L and 1R
        to 5R count the word standing n places to the left or right of each hit instead; hits at
        the edge of their turn, with no word there, are the last row, (none).
        """
    static let example = "count terror* --by speaker"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.words

    static let options = [
        OptionSpec("--by", value: "speaker|doc|KEY|match|1R…", completion: .groupings,
            help: "one row per speaker, document or value of a metadata key; or per form matched (match) or word at a place (1L…5L, 1R…5R)"),
        QueryArgument.caseOption,
    ]

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
            hitTurns = corpus.notes(matching: notes, in: session.selection, isCancelled: session.isCancelled).map(\.turn)
        } else {
            let query = try QueryArgument.parse(arguments, usage: usage)
            text = query.text
            let matches = try QueryArgument.matches(of: query, arguments, in: session)
            if let place { return breakdown(matches, at: place, label: arguments.values["--by"]!.text, in: corpus) }
            hitTurns = matches.map(\.turn)
        }
        let by = try MetadataArguments.grouping(arguments, builtIn: ["speaker", "doc"], in: corpus)
        guard let grouping = by else {
            let tokens = corpus.tokenCount(in: session.selection)
            // Hits come in corpus order, so a new turn is a change from the hit before.
            let turns = hitTurns.indices.count { $0 == 0 || hitTurns[$0] != hitTurns[$0 - 1] }
            let columns = ["query", "hits", "tokens", "per_10k", "turns"].map { Table.Column($0) }
            return .table(Table(columns: columns, rows: [[
                .text(text), .integer(hitTurns.count), .integer(tokens),
                .decimal(Statistics.perTenThousand(hitTurns.count, of: tokens), places: 2), .integer(turns),
            ]]))
        }
        let (sizes, present) = corpus.groupSizes(grouping, in: session.selection)
        var hits = [Int](repeating: 0, count: sizes.count)
        var turns = [Int](repeating: 0, count: sizes.count)
        for (index, turn) in hitTurns.enumerated() {
            let group = grouping.group(ofTurn: Int(turn), in: corpus)
            hits[group] += 1
            if index == 0 || hitTurns[index - 1] != turn { turns[group] += 1 }
        }
        let names = session.documentLabels
        let groups = sizes.indices.filter { present[$0] && hits[$0] > 0 }.map { ($0, grouping.name(ofGroup: $0, in: corpus, documentNames: names)) }
            .sorted { hits[$0.0] != hits[$1.0] ? hits[$0.0] > hits[$1.0] : $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }
        let rows: [[Table.Value]] = groups.map { group, name in
            [
                .text(name), .integer(hits[group]), .integer(sizes[group]),
                .decimal(Statistics.perTenThousand(hits[group], of: sizes[group]), places: 2), .integer(turns[group]),
            ]
        }
        let columns = [Table.Column(grouping.label, flexible: true)] + ["hits", "tokens", "per_10k", "turns"].map { Table.Column($0) }
        return .table(Table(columns: columns, rows: rows))
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
