import ParleyCore

/// `info`: what is loaded, in figures.
struct InfoCommand: Command {
    static let name = "info"
    static let summary = "show the corpus: documents, turns, speakers, tokens, types"
    static let usage = "info"
    static let details = """
        Tokens are the words of turns (DESIGN.md §4): titles and speaker labels are not counted.
        preamble counts the turns without a speaker (text before the first turn of a document, a
        closing time stamp, cues without a voice); they are left out of speaker figures.
        outside_speech_tokens are the tokens of the turns outside speech: in a document with
        speakers, those without one before the first speaker's turn and after the last (a
        dateline, "END 2:28 P.M. EST"), which analyses leave out unless set preamble on. filter is
        the active filter (null when there is none); selected_turns and selected_tokens are what
        it selects (everything without one), analysed_tokens what freq, count, kwic, collocates,
        clusters, compare and dispersion count of it.
        When the corpus has metadata, a second table lists each key: where it is kept (document,
        turn, or both), how many distinct values it has, and up to three of them as examples.
        meta: filters, --meta columns and --by groupings use these keys.
        """
    static let example = "info --format json"
    static let producesTable = true

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(0...0, usage: usage)
        let corpus = session.corpus
        let preamble = corpus.turnSpeaker.lazy.filter { $0 == Corpus.noSpeaker }.count
        let summary = Table.record([
            ("corpus", .text(session.corpusLabel)),
            ("documents", .integer(corpus.documents.count)),
            ("turns", .integer(corpus.turnCount)),
            ("preamble", .integer(preamble)),
            ("speakers", .integer(corpus.speakers.count)),
            ("tokens", .integer(corpus.tokenCount)),
            ("outside_speech_tokens", .integer(corpus.tokenCount(in: session.outsideSpeech))),
            ("types", .integer(corpus.typeCount())),
            ("filter", session.filter.map { .text($0.expression) } ?? .null),
            ("selected_turns", .integer(session.selection?.count ?? corpus.turnCount)),
            ("selected_tokens", .integer(corpus.tokenCount(in: session.selection))),
            ("analysed_tokens", .integer(corpus.tokenCount(in: session.analysisSelection))),
        ])
        let keys = corpus.metadataSummary(limit: 3)
        guard !keys.isEmpty else { return .table(summary) }
        // Corpora loaded together (load --as, --add): a row each.
        var corpora: [(String, Table)] = []
        let names = corpus.corpusNames
        if !names.isEmpty {
            let rows: [[Table.Value]] = names.map { name in
                let turns = corpus.turns(withMetadata: Corpus.corpusKey) { $0 == name }
                let documents = corpus.documents.count { $0.metadata.contains { $0.key == Corpus.corpusKey && $0.value == name } }
                return [.text(name), .integer(documents), .integer(turns.count), .integer(corpus.tokenCount(in: turns))]
            }
            corpora = [("corpora", Table(columns: [Table.Column("corpus", flexible: true), Table.Column("documents"), Table.Column("turns"), Table.Column("tokens")], rows: rows))]
        }
        let rows: [[Table.Value]] = keys.map { key in
            let shown = key.examples.map { $0.count > 40 ? String($0.prefix(39)) + "…" : $0 }
            return [
                .text(key.key), .text(key.inDocuments && key.inTurns ? "both" : key.inTurns ? "turn" : "document"), .integer(key.distinct),
                .text(shown.joined(separator: " | ") + (key.distinct > key.examples.count ? " | …" : "")),
            ]
        }
        let columns = [Table.Column("key", flexible: true), Table.Column("kept_by"), Table.Column("values"), Table.Column("examples", flexible: true, shrinkRank: Table.Column.freeText)]
        return .report(Report([("summary", summary)] + corpora + [("metadata", Table(columns: columns, rows: rows))], primary: "summary"))
    }
}
