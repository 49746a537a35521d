/// A query of DESIGN.md §5: one token pattern, or a phrase of them (`"fight against *"`), or
/// a CQP pattern (`[lower="may"] []{0,3} [lower="court"]`). Patterns are matched against the
/// lexicon, never by scanning text.
package struct Query: Sendable, Equatable {
    /// One pattern per token of the phrase (empty for a CQP pattern).
    package var patterns: [TokenPattern]
    /// The CQP pattern, when the query is written as one.
    package var tokenPattern: TokenPatternQuery?
    /// With `--case`, surface forms must match as written; otherwise types (folded forms) match.
    package var caseSensitive: Bool
    /// The query as the user wrote it, for headings and errors.
    package var text: String

    /// Parses `text`: words separated by spaces, where `*` alone is any token, `/…/` a regular
    /// expression, a word with `*` or `?` a wildcard, and any other word the tokens it contains.
    package init(_ text: String, caseSensitive: Bool = false) throws(QueryError) {
        self.text = text
        self.caseSensitive = caseSensitive
        if TokenPatternQuery.looksLikePattern(text) {
            if caseSensitive { throw .caseOnPattern }
            tokenPattern = try TokenPatternQuery(text)
            patterns = []
            return
        }
        var patterns: [TokenPattern] = []
        for word in Self.split(text) {
            if word.count > 2, word.hasPrefix("{"), word.hasSuffix("}") {
                patterns.append(.lemma(String(word.dropFirst().dropLast()).lowercased().replacing("\u{2019}", with: "'")))
            } else if word == "*" {
                patterns.append(.any)
            } else if word.count >= 2, word.hasPrefix("/"), word.hasSuffix("/") {
                let source = String(word.dropFirst().dropLast())
                patterns.append(.regex(try RegexPattern(source)))
            } else if word.contains("*") || word.contains("?") {
                patterns.append(.wildcard(Wildcard(word.replacing("\u{2019}", with: "'"))))
            } else {
                let tokens = Tokenizer().tokens(of: word)
                guard !tokens.isEmpty else { throw .noWordCharacters(word) }
                patterns += tokens.map { .word($0.replacing("\u{2019}", with: "'")) }
            }
        }
        guard !patterns.isEmpty else { throw .empty }
        guard patterns.contains(where: { $0 != .any }) else { throw .onlyAny }
        self.patterns = patterns
    }

    /// Splits on white space, keeping a `/regex/` whole even when it contains spaces.
    private static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inRegex = false
        for character in text {
            if character == "/" && (current.isEmpty || inRegex) { inRegex.toggle() }
            if character.isWhitespace && !inRegex {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

/// What one token of a query matches.
package enum TokenPattern: Sendable, Equatable {
    /// A word, compared by type (or by surface form with `--case`).
    case word(String)
    /// `*` for any run of characters and `?` for one character.
    case wildcard(Wildcard)
    /// A regular expression that must match the whole word.
    case regex(RegexPattern)
    /// `*` alone in a phrase: any one token.
    case any
    /// `{go}`: every type whose lemma is `go` (went, gone, going…).
    case lemma(String)
}

/// Why a query could not be parsed.
package enum QueryError: Error, Equatable, CustomStringConvertible {
    case empty
    case onlyAny
    case noWordCharacters(String)
    case invalidRegex(String, reason: String)
    /// A CQP pattern that does not parse, or asks for what Parley has not: the message and
    /// the characters of the pattern it is about.
    case pattern(String, at: Range<Int>)
    /// `--case` on a CQP pattern, which says case with `%c` instead.
    case caseOnPattern

    package var description: String {
        switch self {
        case .empty: "the query is empty; give a word, a wildcard (terror*), a /regex/ or a phrase in quotes"
        case .onlyAny: "a query needs at least one word besides *"
        case .noWordCharacters(let word): "\"\(word)\" has no letters or digits, so it can never match a word"
        case .invalidRegex(let source, let reason): "invalid regular expression /\(source)/: \(reason)"
        case .pattern(let message, _): message
        case .caseOnPattern: "--case is for simple queries; in a pattern, word=\"...\" matches case as written and %c ignores it"
        }
    }
}
