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
        {go} finds every form of a lemma. A query starting with [ or < is a CQP token pattern:
        [lower="may"] []{0,3} [lower="court"], typed without quoting; help query explains both.

        """

    /// The note query of a verb's positional arguments, when it is written in parentheses.
    static func noteQuery(_ arguments: Arguments) -> NoteQuery? {
        guard arguments.positional.count == 1 else { return nil }
        return NoteQuery(arguments.positional[0].text)
    }

    /// The single query of a verb's positional arguments. A CQP pattern is every positional
    /// word as typed (quotes and all), so `kwic [lower="may"] []{0,3} [lower="court"]` needs no
    /// quoting; a simple query is one word or one quoted phrase.
    static func parse(_ arguments: Arguments, usage: String) throws(CommandError) -> Query {
        try arguments.expectPositional(1...Int.max, usage: usage)
        let words = arguments.positional
        if let pattern = patternText(words) {
            do throws(QueryError) {
                return try Query(pattern.text, caseSensitive: arguments.has("--case"))
            } catch {
                throw CommandError(error.description, columns: columns(of: error, in: pattern, words: words, arguments: arguments))
            }
        }
        if words.count > 1 {
            let extra = words[1]
            let phrase = words.map(\.text).joined(separator: " ")
            throw CommandError(
                "\(arguments.verb.text) takes one query; quote a phrase: \(arguments.verb.text) \"\(phrase)\"", at: extra)
        }
        let word = words[0]
        if NoteQuery(word.text) != nil {
            throw CommandError(
                "\(arguments.verb.text) works on words; a query in parentheses finds transcription notes, which count and kwic take",
                at: word)
        }
        if let bar = unsupportedBar(word) {
            throw CommandError(
                "| between words is CQP syntax: write a pattern, [lower=\"\(bar.0)\"] | [lower=\"\(bar.1)\"], or a /regex/ (/\(bar.0)|\(bar.1)/)",
                at: word)
        }
        do throws(QueryError) {
            return try Query(word.text, caseSensitive: arguments.has("--case"))
        } catch {
            throw CommandError(error.description, at: word)
        }
    }

    /// The hits of `query` in the session's selection; an error points at the query.
    static func matches(of query: Query, _ arguments: Arguments, in session: Session) throws(CommandError) -> [Match] {
        try matches(of: query, arguments, in: session.corpus, selection: session.analysisSelection)
    }

    /// The hits of `query` in `selection`; an error points at the query.
    static func matches(of query: Query, _ arguments: Arguments, in corpus: Corpus, selection: TurnSet?) throws(CommandError) -> [Match] {
        do throws(QueryError) {
            return try corpus.matches(of: query, in: selection)
        } catch {
            let words = arguments.positional
            let span = words.isEmpty ? nil : words[0].columns.lowerBound..<words[words.count - 1].columns.upperBound
            throw CommandError(error.description, columns: span)
        }
    }

    /// The positional words as one CQP pattern, with where each word starts in it, when they
    /// are written as one.
    private static func patternText(_ words: [Word]) -> (text: String, starts: [Int])? {
        var text = ""
        var starts: [Int] = []
        for word in words {
            if !text.isEmpty { text += " " }
            starts.append(text.count)
            text += word.raw
        }
        return TokenPatternQuery.looksLikePattern(text) ? (text, starts) : nil
    }

    /// The line's columns of a pattern error's characters.
    private static func columns(
        of error: QueryError, in pattern: (text: String, starts: [Int]), words: [Word], arguments: Arguments
    ) -> Range<Int> {
        let whole = words[0].columns.lowerBound..<words[words.count - 1].columns.upperBound
        guard case .pattern(_, let range) = error, !range.isEmpty || range.lowerBound > 0 else {
            if error == .caseOnPattern, let option = arguments.optionWords["--case"] { return option.columns }
            return whole
        }
        func column(_ offset: Int) -> Int {
            let index = max(0, (pattern.starts.lastIndex { $0 <= offset }) ?? 0)
            return words[index].columns.lowerBound + min(offset - pattern.starts[index], words[index].raw.count)
        }
        let lower = column(range.lowerBound)
        return lower..<max(lower + 1, column(max(range.lowerBound, range.upperBound - 1)) + 1)
    }

    /// `terror*|terrorist`: two words joined by `|` outside a regex, which a simple query
    /// would otherwise take as one word that never occurs.
    private static func unsupportedBar(_ word: Word) -> (String, String)? {
        let text = word.text
        guard !(text.hasPrefix("/") && text.hasSuffix("/") && text.count >= 2), let bar = text.firstIndex(of: "|") else { return nil }
        return (String(text[..<bar]), String(text[text.index(after: bar)...]))
    }
}
