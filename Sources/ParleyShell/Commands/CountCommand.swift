import ParleyCore

/// `count QUERY`: how often a query occurs, overall or per speaker or document.
struct CountCommand: Command {
    static let name = "count"
    static let summary = "count the hits of a query, per 10,000 tokens, overall or --by speaker|doc|KEY"
    static let usage = "count QUERY [--by speaker|doc|KEY] [--case]"
    static let details = QueryArgument.help + """

        A query in parentheses counts transcription notes: count "(laughter)" --by speaker.
        hits is the number of hits in the active filter's turns, tokens the number of tokens there
        and per_10k = hits × 10,000 / tokens; turns counts the turns with at least one hit. With
        --by, one row per speaker, document or value of a metadata key with at least one hit, most
        hits first (ties by name), each with its own tokens and per_10k (dispersion shows the parts
        without hits too).
        """
    static let example = "count terror* --by speaker"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.words

    static let options = [
        OptionSpec("--by", value: "speaker|doc|KEY", completion: .groupings, help: "one row per speaker, per document or per value of a metadata key"),
        QueryArgument.caseOption,
    ]

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        let corpus = session.corpus
        // The turn of every hit, in corpus order.
        let hitTurns: [UInt32]
        let text: String
        if let notes = QueryArgument.noteQuery(arguments) {
            text = notes.text
            hitTurns = corpus.notes(matching: notes, in: session.selection, isCancelled: session.isCancelled).map(\.turn)
        } else {
            let query = try QueryArgument.parse(arguments, usage: usage)
            text = query.text
            hitTurns = try QueryArgument.matches(of: query, arguments, in: session).map(\.turn)
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
}
