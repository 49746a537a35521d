import ParleyCore

/// Filter expressions (DESIGN.md §5): `speaker:`, `doc:`, `contains:`, `in:` and `meta:` terms combined
/// with `and`, `or`, `not` and parentheses; `not` binds tightest, then `and`, then `or`.
/// Evaluation yields a set of turns and the expression in a normal form.
package struct FilterExpression {
    private enum Token {
        case open(Range<Int>)
        case close(Range<Int>)
        case word(Word)
    }

    private let corpus: Corpus
    private let subsets: [String: NamedSelection]
    private var tokens: [Token] = []
    private var index = 0
    /// How many parentheses and `not`s are open: the parser recurses once for each.
    private var depth = 0

    /// The deepest an expression may nest parentheses and `not`s, far more than any filter
    /// needs and far less than the stack holds.
    package static let maximumDepth = 100
    /// Where the expression ends, for errors about a missing term.
    private let end: Range<Int>

    /// The turns `words` select in `corpus`, with `in:NAME` looked up in `subsets`.
    package static func evaluate(
        _ words: [Word], in corpus: Corpus, subsets: [String: NamedSelection]
    ) throws(CommandError) -> NamedSelection {
        var parser = FilterExpression(corpus: corpus, subsets: subsets, end: words.last.map { $0.columns.upperBound..<($0.columns.upperBound + 1) } ?? 0..<1)
        parser.tokens = words.flatMap(Self.split)
        let (turns, text) = try parser.disjunction()
        if parser.index < parser.tokens.count {
            switch parser.tokens[parser.index] {
            case .close(let columns): throw CommandError("this ) has no matching (", columns: columns)
            case .open(let columns): throw CommandError("expected and or or before (", columns: columns)
            case .word(let word): throw CommandError("expected and or or before \"\(word.text)\"", at: word)
            }
        }
        return NamedSelection(expression: text, turns: turns)
    }

    private init(corpus: Corpus, subsets: [String: NamedSelection], end: Range<Int>) {
        self.corpus = corpus
        self.subsets = subsets
        self.end = end
    }

    // MARK: Grammar

    private mutating func disjunction() throws(CommandError) -> (TurnSet, String) {
        var (turns, text) = try conjunction()
        while isKeyword("or") {
            index += 1
            let (right, rightText) = try conjunction()
            turns = turns.union(right)
            text += " or " + rightText
        }
        return (turns, text)
    }

    private mutating func conjunction() throws(CommandError) -> (TurnSet, String) {
        var (turns, text) = try negation()
        while isKeyword("and") {
            index += 1
            let (right, rightText) = try negation()
            turns = turns.intersection(right)
            text += " and " + rightText
        }
        return (turns, text)
    }

    private mutating func negation() throws(CommandError) -> (TurnSet, String) {
        guard isKeyword("not") else { return try primary() }
        try enter(at: index)
        defer { depth -= 1 }
        index += 1
        let (turns, text) = try negation()
        return (turns.complement, "not " + text)
    }

    /// One level deeper, or an error at the token that goes past `maximumDepth`.
    private mutating func enter(at position: Int) throws(CommandError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            let message = "the expression nests more than \(Self.maximumDepth) levels of parentheses and not"
            switch tokens[position] {
            case .open(let columns), .close(let columns): throw CommandError(message, columns: columns)
            case .word(let word): throw CommandError(message, at: word)
            }
        }
    }

    private mutating func primary() throws(CommandError) -> (TurnSet, String) {
        guard index < tokens.count else {
            throw CommandError("the expression ends too early; expected speaker:, doc:, contains:, in: or meta: here", columns: end)
        }
        let token = tokens[index]
        index += 1
        switch token {
        case .open(let columns):
            try enter(at: index - 1)
            defer { depth -= 1 }
            let (turns, text) = try disjunction()
            guard index < tokens.count, case .close = tokens[index] else {
                throw CommandError("this ( is never closed", columns: columns)
            }
            index += 1
            return (turns, "(" + text + ")")
        case .close(let columns):
            throw CommandError("expected a term before )", columns: columns)
        case .word(let word):
            if !word.quoted, ["and", "or", "not"].contains(word.text.lowercased()) {
                throw CommandError("\"\(word.text)\" needs a term before it", at: word)
            }
            return try term(word)
        }
    }

    private func isKeyword(_ keyword: String) -> Bool {
        guard index < tokens.count, case .word(let word) = tokens[index] else { return false }
        return !word.quoted && word.text.lowercased() == keyword
    }

    // MARK: Terms

    private static let prefixes = ["speaker", "doc", "contains", "in", "meta", "corpus"]

    private func term(_ word: Word) throws(CommandError) -> (TurnSet, String) {
        guard let colon = word.text.firstIndex(of: ":"),
            Self.prefixes.contains(word.text[..<colon].lowercased())
        else {
            throw CommandError(
                "expected speaker:NAME, doc:NAME, contains:QUERY, in:SUBSET, meta:KEY=VALUE or corpus:NAME, got \"\(word.text)\"", at: word)
        }
        let prefix = word.text[..<colon].lowercased()
        var value = String(word.text[word.text.index(after: colon)...])
        let valueWord = Word(text: value, columns: word.columns)
        guard !value.isEmpty else {
            throw CommandError("\(prefix): needs a value, as in \(Self.example(prefix))", at: word)
        }
        // A CQP pattern keeps its quotes: contains:[lower="may"] is read as typed.
        if prefix == "contains", let rawColon = word.raw.firstIndex(of: ":") {
            let raw = String(word.raw[word.raw.index(after: rawColon)...])
            if TokenPatternQuery.looksLikePattern(raw) { value = raw }
        }
        let needsQuotes = value.contains { (character: Character) -> Bool in
            character.isWhitespace || character == "(" || character == ")" || character == "\""
        }
        let quote: String = value.contains("\"") && !value.contains("'") ? "'" : "\""
        let text = prefix + ":" + (needsQuotes ? quote + value + quote : value)
        switch prefix {
        case "speaker": return (try speakerTurns(valueWord), text)
        case "doc": return (try documentTurns(valueWord), text)
        case "meta": return (try metadataTurns(valueWord), text)
        case "corpus": return (try corpusTurns(valueWord), text)
        case "contains":
            do throws(QueryError) {
                return (try corpus.turns(containing: try Query(value)), text)
            } catch {
                throw CommandError(error.description, at: word)
            }
        default:
            guard let subset = subsets[value] else {
                throw CommandError.unknown("subset", valueWord, among: subsets.keys.sorted(),
                    hint: subsets.isEmpty ? "no subsets yet; subset NAME EXPR makes one" : "\"subset\" lists them")
            }
            return (subset.turns, text)
        }
    }

    private static func example(_ prefix: String) -> String {
        switch prefix {
        case "speaker": "speaker:\"Vladimir Putin\" or speaker:Putin*"
        case "doc": "doc:2019*"
        case "contains": "contains:terror*"
        case "meta": "meta:date>=2021-06 or meta:title~briefing"
        case "corpus": "corpus:debates (load PATH --as NAME names a corpus)"
        default: "in:early"
        }
    }

    /// The turns of the corpus named `value` (load --as), any case, * and ? as wildcards.
    private func corpusTurns(_ value: Word) throws(CommandError) -> TurnSet {
        let names = corpus.corpusNames
        let pattern = Wildcard(value.text.lowercased())
        let turns = corpus.turns(withMetadata: Corpus.corpusKey) { pattern.matches($0.lowercased()) }
        guard !turns.isEmpty else {
            throw CommandError.unknown("corpus", value, among: names, hint: names.isEmpty ? "no corpus has a name: load PATH --as NAME gives one" : "\"info\" lists them")
        }
        return turns
    }

    private func speakerTurns(_ value: Word) throws(CommandError) -> TurnSet {
        corpus.turns(ofSpeakers: try SpeakerPattern.resolve(value, in: corpus.speakers))
    }

    private func metadataTurns(_ value: Word) throws(CommandError) -> TurnSet {
        let condition: MetadataCondition?
        do throws(QueryError) {
            condition = try MetadataCondition(value.text)
        } catch {
            throw CommandError(error.description, at: value)
        }
        guard let condition else {
            throw CommandError(
                "meta: expects KEY=VALUE, KEY!=VALUE, KEY~PATTERN or KEY>=VALUE (also >, <=, <), got \"\(value.text)\"", at: value)
        }
        let key = try MetadataArguments.key(condition.key, word: value, in: corpus)
        return corpus.turns(withMetadata: key, where: condition.predicate())
    }

    private func documentTurns(_ value: Word) throws(CommandError) -> TurnSet {
        let documents = try Self.documents(matching: value, in: corpus)
        var turns = TurnSet(universe: corpus.turnCount)
        for document in documents {
            for turn in corpus.documents[document].turns { turns.insert(turn) }
        }
        return turns
    }

    // MARK: Words to tokens

    /// Splits unquoted parentheses off the ends of a word: `(speaker:x)` → `(`, `speaker:x`, `)`;
    /// one inside a name (`doc:file(1).txt`) stays.
    private static func split(_ word: Word) -> [Token] {
        let characters = Array(word.raw)
        var closingFrom = characters.count
        while closingFrom > 0, characters[closingFrom - 1] == ")" { closingFrom -= 1 }
        var tokens: [Token] = []
        var text = ""
        // The piece as typed, quotes and all: a CQP pattern in contains: reads it.
        var raw = ""
        var quoted = false
        var quote: Character?
        var pieceStart = word.columns.lowerBound
        func flush(at column: Int) {
            if !text.isEmpty || quoted {
                tokens.append(.word(Word(text: text, columns: pieceStart..<column, quoted: quoted, raw: raw)))
            }
            text = ""
            raw = ""
            quoted = false
            pieceStart = column + 1
        }
        for (offset, character) in characters.enumerated() {
            let column = word.columns.lowerBound + offset
            if let open = quote {
                raw.append(character)
                if character == open { quote = nil } else { text.append(character) }
                continue
            }
            switch character {
            case "\"", "'":
                raw.append(character)
                if character == "'", let last = text.last, last.isLetter || last.isNumber {
                    text.append(character)
                } else {
                    quote = character
                    quoted = true
                }
            case "(" where text.isEmpty && !quoted:
                tokens.append(.open(column..<(column + 1)))
                pieceStart = column + 1
            case ")" where offset >= closingFrom:
                flush(at: column)
                tokens.append(.close(column..<(column + 1)))
            default:
                raw.append(character)
                text.append(character)
            }
        }
        flush(at: word.columns.upperBound)
        return tokens
    }
}

/// A speaker pattern: a name or a wildcard, matched without regard to case against the whole
/// name or its last words, so `Putin` and `Putin*` both find "Vladimir Putin".
package struct SpeakerPattern {
    private let wildcard: Wildcard

    package init(_ pattern: String) { wildcard = Wildcard(pattern.lowercased()) }

    package func matches(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if wildcard.matches(lowered) { return true }
        var rest = Substring(lowered)
        while let space = rest.firstIndex(of: " ") {
            rest = rest[rest.index(after: space)...]
            if wildcard.matches(String(rest)) { return true }
        }
        return false
    }

    package func matchingIDs(in speakers: [String]) -> [Int] {
        speakers.indices.filter { matches(speakers[$0]) }
    }

    /// The speakers `word` names: the one whose full name it is (any case), else every speaker
    /// it matches. A bare name that matches several speakers (`Clinton`, `Bush`) is an error
    /// listing them, so that nobody merges two people without meaning to; a wildcard
    /// (`*Clinton`) takes all of them on purpose.
    static func resolve(_ word: Word, in speakers: [String], what: String = "speaker", among others: [String] = [],
        hint: String = "\"speakers\" lists them") throws(CommandError) -> [Int] {
        if let exact = speakers.firstIndex(of: word.text) { return [exact] }
        let lowered = word.text.lowercased()
        let sameButCase = speakers.indices.filter { speakers[$0].lowercased() == lowered }
        if sameButCase.count == 1 { return sameButCase }
        let ids = SpeakerPattern(word.text).matchingIDs(in: speakers)
        guard !ids.isEmpty else { throw CommandError.unknown(what, word, among: speakers + others, hint: hint) }
        let isWildcard = word.text.contains("*") || word.text.contains("?")
        // Several spellings of one name (MS. PSAKI, MR. PSAKI, S. PSAKI, as speakers --check
        // groups them) are the one speaker a last name means.
        let oneName = ids.count > 1 && SpeakerVariants.groups(ids.map { speakers[$0] }, turns: ids.map { _ in 0 }).count == 1
            && SpeakerVariants.groups(ids.map { speakers[$0] }, turns: ids.map { _ in 0 })[0].count == ids.count
        guard isWildcard || oneName || ids.count == 1 else {
            let names = ids.prefix(6).map { "\"\(speakers[$0])\"" }.joined(separator: ", ") + (ids.count > 6 ? ", …" : "")
            throw CommandError(
                "\"\(word.text)\" names \(ids.count) speakers: \(names); give the full name in quotes, or *\(word.text) to take them all",
                at: word)
        }
        return ids
    }
}

extension FilterExpression {
    /// The documents a name pattern names (`doc:` and `turns --doc`): its path, file name or
    /// stem matches, ignoring case, with * and ? as wildcards. None is an error that lists
    /// the nearest names.
    static func documents(matching value: Word, in corpus: Corpus) throws(CommandError) -> [Int] {
        let pattern = Wildcard(value.text.lowercased())
        let documents = corpus.documents.indices.filter { index in
            let name = corpus.documents[index].name.lowercased()
            let base = name.split(separator: "/").last.map(String.init) ?? name
            return pattern.matches(name) || pattern.matches(base) || pattern.matches(DocumentLabels.stem(name))
        }
        guard !documents.isEmpty else {
            throw CommandError.unknown("document", value, among: corpus.documents.map(\.name))
        }
        return documents
    }
}
