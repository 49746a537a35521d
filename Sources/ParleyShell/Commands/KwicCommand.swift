import ParleyCore

/// `kwic QUERY`: a concordance, one line per hit with its context.
struct KwicCommand: Command {
    static let name = "kwic"
    static let aliases = ["concordance"]
    static let summary = "concordance: every hit of a query with its context (key word in context)"
    static let usage = "kwic QUERY [--width N] [--sort KEYS] [--limit N] [--meta KEY,…] [--case]"
    static let details = QueryArgument.help + """

        Each line shows up to --width characters (default 40) of context on each side, taken from
        the hit's turn only, with line breaks shown as spaces. The left context is aligned to the
        right so that the nodes line up. Lines are in corpus order unless --sort gives keys,
        separated by commas and applied in turn: node, 1L to 5L (the n-th word to the left), 1R to
        5R (to the right), speaker, doc. Words sort by their lower-case form, a missing word (at
        the edge of a turn) first; ties keep corpus order. number counts the lines as shown.
        """
    static let example = "kwic terror* --sort 1R,2R --width 30"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.words
    static let widthRange = 1...200
    static let options = [
        OptionSpec("--width", value: "N", help: "characters of context on each side (default 40, 1–200)"),
        OptionSpec("--sort", value: "KEYS", choices: ConcordanceSortKey.names,
            help: "sort by node, 1L…5L, 1R…5R, speaker or doc; several as 1R,2R"),
        OptionSpec("--limit", value: "N", help: "show at most N lines (after sorting)"),
        MetadataArguments.option,
        QueryArgument.caseOption,
    ]

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        let noteQuery = QueryArgument.noteQuery(arguments)
        let query = noteQuery == nil ? try QueryArgument.parse(arguments, usage: usage) : nil
        let width = try arguments.integer("--width", in: widthRange) ?? 40
        let limit = try arguments.integer("--limit", in: 1...Int(Int32.max)) ?? Int.max
        var keys: [ConcordanceSortKey] = []
        if let word = arguments.values["--sort"] {
            for name in word.text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let key = ConcordanceSortKey(String(name)) else {
                    throw CommandError(
                        "--sort expects keys from \(ConcordanceSortKey.names.joined(separator: ", ")), got \"\(name)\"", at: word)
                }
                keys.append(key)
            }
            if noteQuery != nil {
                throw CommandError("--sort orders words; notes are listed in corpus order", at: word)
            }
        }
        let corpus = session.corpus
        let metadata = try MetadataArguments.columns(arguments, in: corpus)
        // The hits are found and sorted now; each line is made when it is written, so a
        // concordance of millions of lines holds 12 bytes a hit, not its text.
        let line: @Sendable (Int) -> ConcordanceLine
        let count: Int
        if let notes = noteQuery {
            let found = Array(corpus.notes(matching: notes, in: session.selection, isCancelled: session.isCancelled).prefix(limit))
            line = { corpus.concordanceLine(forNote: found[$0], width: width) }
            count = found.count
        } else {
            let found = try QueryArgument.matches(of: query!, arguments, in: session)
            // Sorting needs three more words a line: millions of lines are sorted, not billions.
            if !keys.isEmpty, found.count > ResultTooLarge.maximumRows {
                throw CommandError(ResultTooLarge(what: "concordance to sort", count: found.count,
                    advice: "narrow the query or the filter, or leave out --sort").description)
            }
            let sorted = corpus.sorted(found, by: keys)
            if Interruption.isRequested { throw .cancelled }
            let matches = sorted.count > limit ? Array(sorted.prefix(limit)) : sorted
            line = { corpus.concordanceLine(for: matches[$0], width: width) }
            count = matches.count
        }
        let names = session.documentLabels
        let rows = Table.Rows(count: count) { number in
            let line = line(number)
            let turn = Int(line.match.turn)
            return [
                .integer(number + 1), .text(names[Int(corpus.turnDocument[turn])]),
                corpus.speakerName(ofTurn: turn).map(Table.Value.text) ?? .null,
            ] + metadata.map { MetadataArguments.cell($0, turn: turn, in: corpus) } + [
                .text(line.left), .text(line.node), .text(line.right),
            ]
        }
        let columns = [
            Table.Column("number"), Table.Column("document", flexible: true, minimumWidth: 12),
            Table.Column("speaker", flexible: true, minimumWidth: 14),
        ] + metadata.map { Table.Column($0.key, flexible: true, minimumWidth: 10) } + [
            Table.Column("left", flexible: true, alignedRight: true, shrinkRank: Table.Column.freeText, minimumWidth: 20), Table.Column("node"),
            Table.Column("right", flexible: true, shrinkRank: Table.Column.freeText, minimumWidth: 20),
        ]
        return .table(Table(columns: columns, rows: rows))
    }
}
