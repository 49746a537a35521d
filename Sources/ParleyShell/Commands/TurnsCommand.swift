import ParleyCore

/// `turns`: the turns of the corpus, in order, with speaker, size and text.
struct TurnsCommand: Command {
    static let name = "turns"
    static let summary = "list turns: document, number, speaker, tokens and text"
    static let usage = "turns [--speaker NAME] [--doc NAME] [--limit N] [--meta KEY,…]"
    static let details = """
        turn is numbered from 1 within its document. In table format the text is shortened to fit
        the width; csv, tsv and json carry the whole text (paragraphs separated by a blank line).
        Preamble turns have no speaker (null in JSON). With a filter, only its turns are listed.
        --meta adds a column per metadata key (a cue's start, a row's season): the turn's own
        value, else its document's.
        """
    static let example = "turns --speaker \"Ilya Petrenko\" --format json"
    static let producesTable = true
    static let options = [
        OptionSpec("--speaker", value: "NAME", completion: .speakers, help: "only the turns of this speaker (a full or last name, or a wildcard such as *Clinton for several)"),
        OptionSpec("--doc", value: "NAME", completion: .documents, help: "only the turns of documents whose name, file name or stem matches NAME (* and ? as in doc:)"),
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
        let names = session.documentLabels
        // The turns are chosen now; each row (with the turn's whole text) is made when written.
        var chosen: [UInt32] = []
        outer: for index in documents {
            for turn in corpus.documents[index].turns {
                if Interruption.stops(at: turn) { throw .cancelled }
                if let speakers, !speakers.contains(corpus.turnSpeaker[turn]) { continue }
                if let selection = session.selection, !selection.contains(turn) { continue }
                guard chosen.count < limit else { break outer }
                chosen.append(UInt32(turn))
            }
        }
        let turns = chosen
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
