import ParleyCore

/// `kwic QUERY`: a concordance, one line per hit with its context.
struct KwicCommand: Command {
    static let name = "kwic"
    static let aliases = ["concordance"]
    static let summary = "concordance: every hit of a query with its context (key word in context)"
    static let usage = "kwic QUERY [--context N|Nw] [--sort KEYS] [--sample N [--seed S]] [--limit N] [--meta KEY,…] [--case]"
    static let details = QueryArgument.help + """

        Each line shows up to --context N characters (default 40; --width is the same) of context
        on each side, or with --context Nw N whole words, taken from the hit's turn only, with line
        breaks shown as spaces. The left context is aligned to the right so that the nodes line
        up. turn is the hit's turn as turns numbers it (from 1 in its document), position the
        number of tokens before the hit in that turn; context N prints line N's whole turn with
        the hit marked. Lines are in corpus order unless --sort gives keys, separated by commas
        and applied in turn: node, 1L to 5L (the n-th word to the left), 1R to 5R (to the right),
        speaker, doc. Words sort by their lower-case form, a missing word (at the edge of a turn)
        first; ties keep corpus order. --sample N keeps N hits chosen at random, each set of N
        equally likely, the same ones on every machine for a --seed (default 1); it thins before
        --sort and --limit. With --limit or --sample the table ends with "N of M hits"; csv and
        tsv carry the lines only, json the lines and a summary with shown and hits. number counts
        the lines as shown.
        """
    static let example = "kwic terror* --sort 1R,2R --width 30"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.words
    static let widthRange = 1...200
    static let options = [
        OptionSpec("--context", value: "N|Nw", help: "context on each side: N characters (default 40, 1–200) or Nw whole words (1–50)"),
        OptionSpec("--width", value: "N", help: "characters of context on each side, as --context N"),
        OptionSpec("--sort", value: "KEYS", choices: ConcordanceSortKey.names,
            help: "sort by node, 1L…5L, 1R…5R, speaker or doc; several as 1R,2R"),
        OptionSpec("--limit", value: "N", help: "show at most N lines (after sorting)"),
        OptionSpec("--sample", value: "N", help: "keep N hits chosen at random (reproducibly: see --seed) before sorting"),
        OptionSpec("--seed", value: "S", help: "the seed of --sample's choice (a whole number, default 1)"),
        MetadataArguments.option,
        QueryArgument.caseOption,
    ]

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        let noteQuery = QueryArgument.noteQuery(arguments)
        let query = noteQuery == nil ? try QueryArgument.parse(arguments, usage: usage) : nil
        let context = try contextSize(arguments)
        let limit = try arguments.integer("--limit", in: 1...Int(Int32.max))
        let sample = try arguments.integer("--sample", in: 1...Int(Int32.max))
        let seed = try arguments.integer("--seed", in: 0...Int(Int64.max)) ?? 1
        if sample == nil, let word = arguments.values["--seed"] { throw CommandError("--seed goes with --sample", at: word) }
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
        let shown: [Match]
        let total: Int
        if let notes = noteQuery {
            var found = corpus.notes(matching: notes, in: session.analysisSelection, isCancelled: session.isCancelled)
            total = found.count
            if let sample { found = found.sample(sample, seed: UInt64(seed)) }
            if let limit { found = Array(found.prefix(limit)) }
            let chosen = found
            line = { corpus.concordanceLine(forNote: chosen[$0], width: context.characters ?? 40) }
            shown = chosen.indices.map { line($0).match }
        } else {
            var found = try QueryArgument.matches(of: query!, arguments, in: session)
            total = found.count
            if let sample { found = found.sample(sample, seed: UInt64(seed)) }
            // Sorting needs three more words a line: millions of lines are sorted, not billions.
            if !keys.isEmpty, found.count > ResultTooLarge.maximumRows {
                throw CommandError(ResultTooLarge(what: "concordance to sort", count: found.count,
                    advice: "narrow the query or the filter, or leave out --sort").description)
            }
            let sorted = corpus.sorted(found, by: keys)
            if Interruption.isRequested { throw .cancelled }
            let matches = limit.map { sorted.count > $0 ? Array(sorted.prefix($0)) : sorted } ?? sorted
            if let words = context.words {
                line = { corpus.concordanceLine(for: matches[$0], words: words) }
            } else {
                let width = context.characters ?? 40
                line = { corpus.concordanceLine(for: matches[$0], width: width) }
            }
            shown = matches
        }
        session.lastConcordance = shown
        let names = session.documentLabels
        let rows = Table.Rows(count: shown.count) { number in
            let line = line(number)
            let turn = Int(line.match.turn)
            let document = Int(corpus.turnDocument[turn])
            return [
                .integer(number + 1), .text(names[document]),
                .integer(turn - corpus.documents[document].turns.lowerBound + 1),
                corpus.speakerName(ofTurn: turn).map(Table.Value.text) ?? .null,
            ] + metadata.map { MetadataArguments.cell($0, turn: turn, in: corpus) } + [
                .integer(Int(line.match.start) - Int(corpus.turnFirstToken[turn])),
                .text(line.left), .text(line.node), .text(line.right),
            ]
        }
        let columns = [
            Table.Column("number"), Table.Column("document", flexible: true, minimumWidth: 12), droppable(Table.Column("turn")),
            Table.Column("speaker", flexible: true, minimumWidth: 14),
        ] + metadata.map { Table.Column($0.key, flexible: true, minimumWidth: 10) } + [
            droppable(Table.Column("position")),
            Table.Column("left", flexible: true, alignedRight: true, shrinkRank: Table.Column.freeText, minimumWidth: 20), Table.Column("node"),
            Table.Column("right", flexible: true, shrinkRank: Table.Column.freeText, minimumWidth: 20),
        ]
        var table = Table(columns: columns, rows: rows)
        if context.words != nil {
            for index in table.columns.indices where ["left", "right"].contains(table.columns[index].name) { table.columns[index].keepsWords = true }
        }
        guard limit != nil || sample != nil else { return .table(table) }
        table.footer = "\(shown.count) of \(total) hit\(total == 1 ? "" : "s")"
        var report = Report([("lines", table), ("summary", Table.record([("shown", .integer(shown.count)), ("hits", .integer(total))]))], primary: "lines")
        report.hiddenInTable = ["summary"]
        return .report(report)
    }

    private static func droppable(_ column: Table.Column) -> Table.Column {
        var column = column
        column.droppable = true
        return column
    }

    /// `--context N` or `--width N` characters, or `--context Nw` words.
    private static func contextSize(_ arguments: Arguments) throws(CommandError) -> (characters: Int?, words: Int?) {
        if let width = arguments.values["--width"], arguments.values["--context"] != nil {
            throw CommandError("--width and --context say the same; give one", at: width)
        }
        if let word = arguments.values["--context"], word.text.hasSuffix("w") {
            guard let words = Int(word.text.dropLast()), (1...50).contains(words) else {
                throw CommandError("--context expects N characters (1–200) or Nw words (1–50), got \"\(word.text)\"", at: word)
            }
            return (nil, words)
        }
        let name = arguments.values["--context"] != nil ? "--context" : "--width"
        return (try arguments.integer(name, in: widthRange), nil)
    }
}
