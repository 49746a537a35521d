import ParleyCore

/// `speakers`: every speaker with turns, tokens and types.
struct SpeakersCommand: Command {
    static let name = "speakers"
    static let summary = "list speakers with their turns, tokens and types"
    static let usage = "speakers [--sort tokens|turns|name] [--check]"
    static let details = """
        percent is the speaker's share of all tokens spoken by named speakers. Sorted by tokens
        (most first) unless --sort says otherwise; ties are broken by name. With a filter, only
        its turns count.
        --check lists names that look like spellings of one name instead: the same but for case,
        spaces or punctuation (Mr. KIRBY, MR. KIRBY), or one letter added, dropped, changed or
        swapped (S. PSAKI, MS. PSAKI; MODEARTOR, MODERATOR), with the alias command that would
        merge them into the spelling with the most turns. Nothing is merged until you run it.
        """
    static let example = "speakers --sort name"
    static let producesTable = true

    enum SortKey: String, CaseIterable { case tokens, turns, name }

    static let options = [
        OptionSpec("--sort", value: "tokens|turns|name", choices: SortKey.allCases.map(\.rawValue), help: "order of the rows (default tokens)"),
        OptionSpec("--check", help: "list likely variants of one name, with the alias command that merges them"),
    ]

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(0...0, usage: usage)
        let key = try arguments.choice("--sort", as: SortKey.self) ?? .tokens
        if arguments.has("--check") { return check(session.corpus) }
        var statistics = session.corpus.speakerStatistics(in: session.selection)
        let byName: (SpeakerStatistics, SpeakerStatistics) -> Bool = { $0.speaker.utf8.lexicographicallyPrecedes($1.speaker.utf8) }
        switch key {
        case .name: statistics.sort(by: byName)
        case .tokens: statistics.sort { $0.tokens != $1.tokens ? $0.tokens > $1.tokens : byName($0, $1) }
        case .turns: statistics.sort { $0.turns != $1.turns ? $0.turns > $1.turns : byName($0, $1) }
        }
        let total = statistics.reduce(0) { $0 + $1.tokens }
        let rows: [[Table.Value]] = statistics.map { row in
            [
                .text(row.speaker), .integer(row.turns), .integer(row.tokens), .integer(row.types),
                .decimal(total == 0 ? 0 : 100 * Double(row.tokens) / Double(total), places: 1),
            ]
        }
        let columns = ["speaker", "turns", "tokens", "types", "percent"].map { Table.Column($0, flexible: $0 == "speaker") }
        return .table(Table(columns: columns, rows: rows))
    }

    /// The likely variants of one name, a row per group.
    private static func check(_ corpus: Corpus) -> CommandResult {
        let turns = corpus.turnsPerSpeaker()
        let rows: [[Table.Value]] = SpeakerVariants.groups(corpus.speakers, turns: turns).map { group in
            let names = group.map { corpus.speakers[$0] }
            return [
                .text(names[0]), .text(names.dropFirst().joined(separator: " | ")),
                .text(group.map { String(turns[$0]) }.joined(separator: " | ")),
                .text("alias " + names.map(AliasCommand.quoted).joined(separator: " ")),
            ]
        }
        let columns = [
            Table.Column("speaker", flexible: true), Table.Column("variants", flexible: true),
            Table.Column("turns"), Table.Column("merge with", flexible: true),
        ]
        return .table(Table(columns: columns, rows: rows))
    }
}
