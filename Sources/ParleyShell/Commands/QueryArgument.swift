import ParleyCore

/// The query argument that kwic, count, collocates and dispersion share.
enum QueryArgument {
    static let caseOption = OptionSpec("--case", help: "match case as written instead of ignoring it")

    /// What `help` says about queries.
    static let help = """
        QUERY is a word (terrorism), a wildcard (terror*, ?ussia: * is any run of characters, ? one
        character), a /regex/ matched against whole words (/terror(ism|ist)s?/: ICU's syntax, as
        PCRE writes it, up to 10,000 characters), or a phrase in quotes ("fight against *": a *
        alone is any one word). Case is ignored unless --case. A phrase never crosses a turn. Hits
        are counted in the active filter's turns. Ctrl-C and set timeout stop a slow regex, inside
        a word too; ICU gives up on a word that needs more backtracking than its stack holds, and
        such a word counts as not matching.
        Transcription notes such as (Laughter.), [inaudible] or [crosstalk] are not words; count and
        kwic find them with a query in parentheses: "(laughter)", "(inaudible*)", "(*)" for all.

        """

    /// The note query of a verb's positional arguments, when it is written in parentheses.
    static func noteQuery(_ arguments: Arguments) -> NoteQuery? {
        guard arguments.positional.count == 1 else { return nil }
        return NoteQuery(arguments.positional[0].text)
    }

    /// The single query of a verb's positional arguments.
    static func parse(_ arguments: Arguments, usage: String) throws(CommandError) -> Query {
        if arguments.positional.count > 1 {
            let extra = arguments.positional[1]
            let phrase = arguments.positional.map(\.text).joined(separator: " ")
            throw CommandError(
                "\(arguments.verb.text) takes one query; quote a phrase: \(arguments.verb.text) \"\(phrase)\"", at: extra)
        }
        try arguments.expectPositional(1...1, usage: usage)
        let word = arguments.positional[0]
        if NoteQuery(word.text) != nil {
            throw CommandError(
                "\(arguments.verb.text) works on words; a query in parentheses finds transcription notes, which count and kwic take",
                at: word)
        }
        do throws(QueryError) {
            return try Query(word.text, caseSensitive: arguments.has("--case"))
        } catch {
            throw CommandError(error.description, at: word)
        }
    }
}
