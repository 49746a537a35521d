import ParleyCore

/// `clusters QUERY`: the n-grams around a query's hits (AntConc's Clusters tool).
struct ClustersCommand: Command {
    static let name = "clusters"
    static let summary = "the n-grams that hold a query's hits, with frequency and range"
    static let usage = "clusters QUERY [--size N|M..N] [--side right|left|both] [--min N] [--top N|all] [--case]"
    static let details = QueryArgument.help + """

        A cluster is a run of --size tokens (default 2..4; one size, or a range up to 2..5)
        inside one turn that holds a whole hit: with --side right (the default) the hit starts
        it and it runs to the right (AntConc's "search term on left"), with left the hit ends
        it, with both it may stand anywhere in it. Each run of tokens counts once, even when it
        holds two hits. frequency is how many such runs there are in the active filter's turns,
        range the number of turns they occur in. Rows need frequency ≥ --min (default 2) and are
        ranked by frequency, ties in the order of the forms' bytes.
        """
    static let example = "clusters court --size 3 --side left"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.words
    static let options = [
        OptionSpec("--size", value: "N|M..N", help: "tokens in a cluster, the hit's included: one size or a range, 1–5 (default 2..4)"),
        OptionSpec("--side", value: "right|left|both", choices: ClusterSide.allCases.map(\.rawValue),
            help: "where the cluster runs from the hit: right (the hit starts it, default), left (the hit ends it) or both"),
        OptionSpec("--min", value: "N", help: "only clusters occurring at least N times (default 2)"),
        OptionSpec("--top", value: "N|all", help: "show the N most frequent clusters (default 20), or all"),
        QueryArgument.caseOption,
    ]

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        let query = try QueryArgument.parse(arguments, usage: usage)
        let sizes = try sizeRange(arguments)
        let side = try arguments.choice("--side", as: ClusterSide.self) ?? .right
        let minimum = try arguments.integer("--min", in: 1...Int(Int32.max)) ?? 2
        let top = try arguments.count("--top", in: 1...Int(Int32.max)) ?? 20
        let corpus = session.corpus
        let matches = try QueryArgument.matches(of: query, arguments, in: session)
        let rows = corpus.clusters(of: matches, sizes: sizes, side: side, minimum: minimum, top: top)
        if Interruption.isRequested { throw .cancelled }
        let shown = rows
        let table = Table(
            columns: [Table.Column("rank"), Table.Column("cluster", flexible: true), Table.Column("size"), Table.Column("frequency"), Table.Column("range")],
            rows: shown.enumerated().map { index, row in
                [.integer(index + 1), .text(corpus.phrase(of: row.types)), .integer(row.types.count), .integer(row.frequency), .integer(row.range)]
            })
        return .table(table)
    }

    private static func sizeRange(_ arguments: Arguments) throws(CommandError) -> ClosedRange<Int> {
        guard let word = arguments.values["--size"] else { return 2...4 }
        let parts = word.text.split(separator: ".", omittingEmptySubsequences: true).map { Int($0) }
        let dots = word.text.filter { $0 == "." }.count
        guard (parts.count == 1 && dots == 0) || (parts.count == 2 && dots == 2), let low = parts.first ?? nil, let high = parts.last ?? nil,
            (1...5).contains(low), (low...5).contains(high)
        else {
            throw CommandError("--size expects a size from 1 to 5 or a range such as 2..4, got \"\(word.text)\"", at: word)
        }
        return low...high
    }
}
