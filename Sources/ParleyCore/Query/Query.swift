/// A query of DESIGN.md §5: one token pattern, or a phrase of them (`"fight against *"`).
/// Patterns are matched against the lexicon, never by scanning text.
package struct Query: Sendable, Equatable {
    /// One pattern per token of the phrase.
    package var patterns: [TokenPattern]
    /// With `--case`, surface forms must match as written; otherwise types (folded forms) match.
    package var caseSensitive: Bool
    /// The query as the user wrote it, for headings and errors.
    package var text: String

    /// Parses `text`: words separated by spaces, where `*` alone is any token, `/…/` a regular
    /// expression, a word with `*` or `?` a wildcard, and any other word the tokens it contains.
    package init(_ text: String, caseSensitive: Bool = false) throws(QueryError) {
        self.text = text
        self.caseSensitive = caseSensitive
        var patterns: [TokenPattern] = []
        for word in Self.split(text) {
            if word == "*" {
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
}

/// Why a query could not be parsed.
package enum QueryError: Error, Equatable, CustomStringConvertible {
    case empty
    case onlyAny
    case noWordCharacters(String)
    case invalidRegex(String, reason: String)

    package var description: String {
        switch self {
        case .empty: "the query is empty; give a word, a wildcard (terror*), a /regex/ or a phrase in quotes"
        case .onlyAny: "a query needs at least one word besides *"
        case .noWordCharacters(let word): "\"\(word)\" has no letters or digits, so it can never match a word"
        case .invalidRegex(let source, let reason): "invalid regular expression /\(source)/: \(reason)"
        }
    }
}
