import ParleyCore

/// `count QUERY`: how often a query occurs, overall or per speaker or document.
struct CountCommand: Command {
    static let name = "count"
    static let summary = "count the hits of a query, per 10,000 tokens, overall or --by speaker|doc|KEY"
    static let usage = "count QUERY [--by speaker|doc|KEY] [--case]"
    static let details = QueryArgument.help + """

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
        let query = try QueryArgument.parse(arguments, usage: usage)
        let corpus = session.corpus
        let by = try MetadataArguments.grouping(arguments, builtIn: ["speaker", "doc"], in: corpus)
        let matches = corpus.matches(of: query, in: session.selection)
        guard let grouping = by else {
            let tokens = corpus.tokenCount(in: session.selection)
            // Hits come in corpus order, so a new turn is a change from the hit before.
            let turns = matches.indices.count { $0 == 0 || matches[$0].turn != matches[$0 - 1].turn }
            let columns = ["query", "hits", "tokens", "per_10k", "turns"].map { Table.Column($0) }
            return .table(Table(columns: columns, rows: [[
                .text(query.text), .integer(matches.count), .integer(tokens),
                .decimal(Statistics.perTenThousand(matches.count, of: tokens), places: 2), .integer(turns),
            ]]))
        }
        let (sizes, present) = corpus.groupSizes(grouping, in: session.selection)
        var hits = [Int](repeating: 0, count: sizes.count)
        var turns = [Int](repeating: 0, count: sizes.count)
        for (index, match) in matches.enumerated() {
            let group = grouping.group(ofTurn: Int(match.turn), in: corpus)
            hits[group] += 1
            if index == 0 || matches[index - 1].turn != match.turn { turns[group] += 1 }
        }
        let groups = sizes.indices.filter { present[$0] && hits[$0] > 0 }.map { ($0, grouping.name(ofGroup: $0, in: corpus)) }
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
