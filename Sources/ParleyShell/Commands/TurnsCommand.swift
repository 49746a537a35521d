import ParleyCore

/// `turns`: the turns of the corpus, in order, with speaker, size and text.
struct TurnsCommand: Command {
    static let name = "turns"
    static let summary = "list turns: document, number, speaker, tokens and text"
    static let usage = "turns [--speaker NAME] [--doc NAME] [--turn T [--position P [--length L]]] [--limit N] [--meta KEY,…]"
    static let details = """
        turn is numbered from 1 within its document. In table format the text is shortened to fit
        the width; csv, tsv and json carry the whole text (paragraphs separated by a blank line).
        Preamble turns have no speaker (null in JSON). With a filter, only its turns are listed.
        --meta adds a column per metadata key (a cue's start, a row's season): the turn's own
        value, else its document's. --turn T lists turn T of each document --doc names; on the
        screen (no --format or --out) it prints the whole turn, as context does, with the tokens
        from --position P (tokens before them in the turn, as kwic's position column) on for
        --length L (default 1) between ** and **.
        """
    static let example = "turns --speaker \"Ilya Petrenko\" --format json"
    static let producesTable = true
    static let options = [
        OptionSpec("--speaker", value: "NAME", completion: .speakers, help: "only the turns of this speaker (a full or last name, or a wildcard such as *Clinton for several)"),
        OptionSpec("--doc", value: "NAME", completion: .documents, help: "only the turns of documents whose name, file name or stem matches NAME (* and ? as in doc:)"),
        OptionSpec("--turn", value: "T", help: "only turn T (numbered from 1 in its document) of each document"),
        OptionSpec("--position", value: "P", help: "with --turn: mark the token P tokens into the turn (kwic's position)"),
        OptionSpec("--length", value: "L", help: "with --position: mark L tokens (default 1)"),
        OptionSpec("--limit", value: "N", help: "at most N turns"),
        MetadataArguments.option,
    ]

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(0...0, usage: usage)
        let corpus = session.corpus
        let limit = try arguments.integer("--limit", in: 1...Int(Int32.max)) ?? Int.max
        let metadata = try MetadataArguments.columns(arguments, in: corpus)
        var speakers: Set<UInt32>?
        if let word = arguments.values["--speaker"] {
            speakers = Set(try SpeakerPattern.resolve(word, in: corpus.speakers).map(UInt32.init))
        }
        var documents = Array(corpus.documents.indices)
        if let word = arguments.values["--doc"] {
            documents = try FilterExpression.documents(matching: word, in: corpus)
        }
        let turnNumber = try arguments.integer("--turn", in: 1...Int(Int32.max))
        let position = try arguments.integer("--position", in: 0...Int(Int32.max))
        let length = try arguments.integer("--length", in: 1...Int(Int32.max)) ?? 1
        if turnNumber == nil, let word = arguments.values["--position"] { throw CommandError("--position goes with --turn", at: word) }
        if position == nil, let word = arguments.values["--length"] { throw CommandError("--length goes with --position", at: word) }
        let names = session.documentLabels
        // The turns are chosen now; each row (with the turn's whole text) is made when written.
        var chosen: [UInt32] = []
        outer: for index in documents {
            for turn in corpus.documents[index].turns {
                if Interruption.stops(at: turn) { throw .cancelled }
                if let turnNumber, turn - corpus.documents[index].turns.lowerBound + 1 != turnNumber { continue }
                if let speakers, !speakers.contains(corpus.turnSpeaker[turn]) { continue }
                if let selection = session.selection, !selection.contains(turn) { continue }
                guard chosen.count < limit else { break outer }
                chosen.append(UInt32(turn))
            }
        }
        let turns = chosen
        if let turnNumber, arguments.values["--format"] == nil, arguments.values["--out"] == nil {
            guard !turns.isEmpty else { throw CommandError("no document that --doc names has a turn \(turnNumber)", at: arguments.values["--turn"]) }
            if let position, let word = arguments.values["--position"],
                let short = turns.first(where: { corpus.tokens(ofTurn: Int($0)).count <= position }) {
                throw CommandError(
                    "--position \(position) is past the end of a turn of \(corpus.tokens(ofTurn: Int(short)).count) tokens (positions start at 0)", at: word)
            }
            return .message(turns.map { turn -> String in
                let first = corpus.tokens(ofTurn: Int(turn)).lowerBound
                let marking = position.map { (first + $0)..<(first + $0 + length) }
                return TurnText.render(turn: Int(turn), marking: marking, in: corpus, documentName: names[Int(corpus.turnDocument[Int(turn)])])
            }.joined(separator: "\n\n"))
        }
        let rows = Table.Rows(count: turns.count) { row in
            let turn = Int(turns[row])
            let index = Int(corpus.turnDocument[turn])
            return [
                .text(names[index]), .integer(turn - corpus.documents[index].turns.lowerBound + 1),
                corpus.speakerName(ofTurn: turn).map(Table.Value.text) ?? .null,
            ] + metadata.map { MetadataArguments.cell($0, turn: turn, in: corpus) } + [
                .integer(corpus.tokens(ofTurn: turn).count), .text(corpus.text(ofTurn: turn)),
            ]
        }
        let columns = [
            Table.Column("document", flexible: true), Table.Column("turn"), Table.Column("speaker", flexible: true),
        ] + metadata.map { Table.Column($0.key, flexible: true, minimumWidth: 10) } + [
            Table.Column("tokens"), Table.Column("text", flexible: true, shrinkRank: Table.Column.freeText, minimumWidth: 20),
        ]
        return .table(Table(columns: columns, rows: rows))
    }
}
