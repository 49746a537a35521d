/// A CQP token pattern (DESIGN.md §5; CWB's CQP Query Language Tutorial is the reference):
/// token conditions in brackets, sequences, repetition, alternation and turn anchors.
package indirect enum PatternNode: Sendable, Equatable {
    /// One token meeting a condition (`[]`: any token).
    case token(TokenCondition)
    case sequence([PatternNode])
    case alternatives([PatternNode])
    /// `{min,max}`, `?`, `*` and `+`; `max` nil for no upper bound.
    case repeated(PatternNode, min: Int, max: Int?)
    /// `<turn>`: the next token starts a turn. `</turn>`: the last token ended one.
    case turnStart
    case turnEnd

    /// The fewest and most tokens a match of the node covers (nil: no upper bound).
    var lengths: (min: Int, max: Int?) {
        switch self {
        case .token: return (1, 1)
        case .turnStart, .turnEnd: return (0, 0)
        case .sequence(let nodes):
            return nodes.reduce((0, 0)) { total, node in
                let part = node.lengths
                return (total.0 + part.min, total.1.flatMap { sum in part.max.map { sum + $0 } })
            }
        case .alternatives(let nodes):
            let parts = nodes.map(\.lengths)
            let highest = parts.contains { $0.max == nil } ? nil : parts.compactMap(\.max).max()
            return (parts.map(\.min).min() ?? 0, highest)
        case .repeated(let node, let min, let max):
            let part = node.lengths
            let upper: Int? = max.flatMap { count in part.max.map { $0 * count } }
            return (part.min * min, part.max == 0 ? 0 : upper)
        }
    }
}

/// The Boolean condition on one token inside `[...]`.
package indirect enum TokenCondition: Sendable, Equatable {
    case any
    case test(AttributeTest)
    case not(TokenCondition)
    case and(TokenCondition, TokenCondition)
    case or(TokenCondition, TokenCondition)
}

/// `attribute = "regex"` or `attribute != "regex"`, with CQP's `%c`, `%d` and `%l` flags.
package struct AttributeTest: Sendable, Equatable {
    package enum Attribute: String, Sendable, CaseIterable {
        /// The token as written; `lower` its type (lower case, ’ as '); `lemma` the type's lemma.
        case word, lower, lemma, speaker
    }

    package var attribute: Attribute
    package var negated: Bool
    /// The value as a regular expression over the whole value (a literal one with `%l`).
    package var source: String
    package var ignoresCase: Bool
    package var ignoresDiacritics: Bool
    package var isLiteral: Bool
}

/// A whole pattern query: the pattern and whether matches may cross turns (`within doc`).
package struct TokenPatternQuery: Sendable, Equatable {
    package var root: PatternNode
    package var withinDocument: Bool

    /// Parses `text` as CQP syntax; errors name the offending characters' offsets in `text`.
    package init(_ text: String) throws(QueryError) {
        var parser = PatternParser(text)
        (root, withinDocument) = try parser.parseQuery()
    }

    /// True when `text` is written as a CQP pattern rather than a simple query: it starts with
    /// `[` or `<`, with `(` before a bracket, or with a quoted string followed by more pattern.
    package static func looksLikePattern(_ text: String) -> Bool {
        var characters = Substring(text).drop { $0.isWhitespace }
        while characters.first == "(" { characters = characters.dropFirst().drop { $0.isWhitespace } }
        guard let first = characters.first else { return false }
        if first == "[" || first == "<" { return true }
        guard first == "\"" || first == "'" || first == "{", characters.count > 1 else { return false }
        // A quoted string or a {lemma}, then more pattern: `"may" []{0,3} "court"`, `"may"%c`.
        guard let close = characters.dropFirst().firstIndex(of: first == "{" ? "}" : first) else { return false }
        let rest = characters[characters.index(after: close)...].drop { $0.isWhitespace }
        guard let next = rest.first else { return false }
        return "[(<\"'|{?*+%".contains(next) || rest.hasPrefix("within")
    }
}

/// A recursive-descent parser over the pattern's characters.
private struct PatternParser {
    let characters: [Character]
    var position = 0

    init(_ text: String) { characters = Array(text) }

    /// The most copies a `{m,n}` repetition may stand for, to keep the automaton small.
    static let maximumRepetition = 100

    mutating func parseQuery() throws(QueryError) -> (PatternNode, Bool) {
        skipSpace()
        guard position < characters.count else { throw error("the pattern is empty", at: 0..<0) }
        let root = try parseAlternatives()
        skipSpace()
        var withinDocument = false
        if matchesWord("within") {
            let start = position
            position += 6
            skipSpace()
            let name = readName()
            switch name {
            case "doc", "document", "text": withinDocument = true
            case "turn", "utterance", "u": withinDocument = false
            default:
                throw error("within takes turn or doc, got \"\(name)\"", at: start..<position)
            }
            skipSpace()
        }
        if position < characters.count, characters[position] == ";" {
            position += 1
            skipSpace()
        }
        if position < characters.count {
            let character = characters[position]
            let hint: String
            switch character {
            case "]": hint = "a ] with no [ before it"
            case ")": hint = "a ) with no ( before it"
            case ":": hint = "global constraints (::) are not supported"
            case "@": hint = "target markers (@) are not supported"
            default: hint = "unexpected \(character)"
            }
            throw error(hint, at: position..<(position + 1))
        }
        let lengths = root.lengths
        if lengths.min == 0 {
            throw error("the pattern can match no token at all; every match needs at least one token", at: 0..<characters.count)
        }
        return (root, withinDocument)
    }

    private mutating func parseAlternatives() throws(QueryError) -> PatternNode {
        var options = [try parseSequence()]
        while peek() == "|" {
            position += 1
            options.append(try parseSequence())
        }
        return options.count == 1 ? options[0] : .alternatives(options)
    }

    private mutating func parseSequence() throws(QueryError) -> PatternNode {
        var elements: [PatternNode] = []
        while let character = peek(), !"|);:@".contains(character), !matchesWord("within") {
            elements.append(try parseElement())
        }
        guard !elements.isEmpty else {
            let at = min(position, characters.count)
            throw error("expected a token ([...], \"word\" or {lemma}) here", at: at..<(at + 1))
        }
        return elements.count == 1 ? elements[0] : .sequence(elements)
    }

    private mutating func parseElement() throws(QueryError) -> PatternNode {
        var node = try parseAtom()
        while let character = peek(), "?*+{".contains(character) {
            // `{` repeats only before a number or a comma; otherwise it opens a {lemma}.
            if character == "{" {
                let next = position + 1 < characters.count ? characters[position + 1] : " "
                guard next == "," || (next.isASCII && next.isNumber) else { return node }
            }
            guard isRepeatable(node) else {
                throw error("\(character) repeats a token or a group, not a turn anchor", at: position..<(position + 1))
            }
            switch character {
            case "?": node = .repeated(node, min: 0, max: 1)
            case "*": node = .repeated(node, min: 0, max: nil)
            case "+": node = .repeated(node, min: 1, max: nil)
            default:
                let (low, high) = try parseBounds()
                node = .repeated(node, min: low, max: high)
                continue
            }
            position += 1
        }
        return node
    }

    private func isRepeatable(_ node: PatternNode) -> Bool {
        switch node {
        case .turnStart, .turnEnd: false
        default: true
        }
    }

    /// `{n}`, `{n,}`, `{,m}` or `{n,m}`.
    private mutating func parseBounds() throws(QueryError) -> (Int, Int?) {
        let open = position
        position += 1
        let low = readNumber()
        var high = low
        if position < characters.count, characters[position] == "," {
            position += 1
            high = readNumber()
        } else if low == nil {
            throw error("a repetition is {n}, {n,m}, {n,} or {,m}", at: open..<(position + 1))
        }
        guard position < characters.count, characters[position] == "}" else {
            throw error("a repetition is {n}, {n,m}, {n,} or {,m}: this { has no }", at: open..<(open + 1))
        }
        position += 1
        let lower = low ?? 0
        if let high, high < lower {
            throw error("the repetition {\(lower),\(high)} asks for fewer at most than at least", at: open..<position)
        }
        if (high ?? lower) > Self.maximumRepetition {
            throw error("a repetition may count up to \(Self.maximumRepetition); use * or + for any number", at: open..<position)
        }
        return (lower, high)
    }

    private mutating func parseAtom() throws(QueryError) -> PatternNode {
        skipSpace()
        let start = position
        guard position < characters.count else { throw error("the pattern ends where a token was expected", at: start..<start) }
        switch characters[position] {
        case "[":
            position += 1
            skipSpace()
            if peek() == "]" {
                position += 1
                return .token(.any)
            }
            let condition = try parseOr()
            guard peek() == "]" else {
                if position >= characters.count { throw error("this [ has no closing ]", at: start..<(start + 1)) }
                throw error("expected & | or ] in the token condition", at: position..<(position + 1))
            }
            position += 1
            return .token(condition)
        case "(":
            position += 1
            let inner = try parseAlternatives()
            guard peek() == ")" else { throw error("this ( has no closing )", at: start..<(start + 1)) }
            position += 1
            return inner
        case "\"", "'":
            let (source, flags) = try parseValue()
            return .token(.test(AttributeTest(attribute: .word, negated: false, source: source, flags: flags)))
        case "{":
            position += 1
            let name = readUntil("}")
            guard position < characters.count else { throw error("this { has no closing }", at: start..<(start + 1)) }
            position += 1
            let lemma = name.trimmingWhitespace
            guard !lemma.isEmpty else { throw error("{lemma} needs a lemma, as in {go}", at: start..<position) }
            return .token(.test(AttributeTest(attribute: .lemma, negated: false, source: Self.escaped(lemma), flags: [])))
        case "<":
            let text = readUntil(">")
            guard position < characters.count else { throw error("this < has no closing >", at: start..<(start + 1)) }
            position += 1
            let tag = text.dropFirst().trimmingWhitespace
            switch tag {
            case "turn", "u": return .turnStart
            case "/turn", "/u": return .turnEnd
            default:
                throw error("the only structure is the turn: <turn> and </turn>; \"<\(tag)>\" is not one", at: start..<position)
            }
        case "]": throw error("a ] with no [ before it", at: start..<(start + 1))
        default:
            throw error("expected a token ([...], \"word\" or {lemma}) here; a pattern's words are in quotes or brackets", at: start..<(start + 1))
        }
    }

    // MARK: Token conditions

    private mutating func parseOr() throws(QueryError) -> TokenCondition {
        var condition = try parseAnd()
        while peek() == "|" {
            position += 1
            condition = .or(condition, try parseAnd())
        }
        return condition
    }

    private mutating func parseAnd() throws(QueryError) -> TokenCondition {
        var condition = try parseNot()
        while peek() == "&" {
            position += 1
            condition = .and(condition, try parseNot())
        }
        return condition
    }

    private mutating func parseNot() throws(QueryError) -> TokenCondition {
        if peek() == "!" {
            position += 1
            return .not(try parseNot())
        }
        if peek() == "(" {
            let open = position
            position += 1
            let inner = try parseOr()
            guard peek() == ")" else { throw error("this ( has no closing )", at: open..<(open + 1)) }
            position += 1
            return inner
        }
        return .test(try parseTest())
    }

    private mutating func parseTest() throws(QueryError) -> AttributeTest {
        skipSpace()
        let start = position
        let name = readName()
        guard !name.isEmpty else {
            throw error("expected an attribute (word, lower, lemma, speaker) here", at: start..<(start + 1))
        }
        guard let attribute = AttributeTest.Attribute(rawValue: name) else {
            let known = AttributeTest.Attribute.allCases.map(\.rawValue).joined(separator: ", ")
            let reason = ["pos", "tag", "xpos", "upos"].contains(name) ? "the corpus has no part-of-speech layer" : "no such attribute"
            throw error("unknown attribute \"\(name)\": \(reason); the attributes are \(known)", at: start..<position)
        }
        skipSpace()
        var negated = false
        if peek() == "!", position + 1 < characters.count, characters[position + 1] == "=" {
            negated = true
            position += 2
        } else if peek() == "=" {
            position += 1
        } else {
            let at = min(position, characters.count)
            throw error("expected = or != after \(name)", at: at..<(at + 1))
        }
        skipSpace()
        guard peek() == "\"" || peek() == "'" else {
            let at = min(position, characters.count)
            throw error("expected a value in quotes after \(name)\(negated ? "!=" : "=")", at: at..<(at + 1))
        }
        let (source, flags) = try parseValue()
        return AttributeTest(attribute: attribute, negated: negated, source: source, flags: flags)
    }

    /// A quoted value and its flags. Inside the quotes a backslash keeps the next character
    /// (so `\"` is a quote); the value is a regular expression unless `%l`.
    private mutating func parseValue() throws(QueryError) -> (String, Set<Character>) {
        let start = position
        let quote = characters[position]
        position += 1
        var value = ""
        while position < characters.count, characters[position] != quote {
            if characters[position] == "\\", position + 1 < characters.count {
                if characters[position + 1] != quote { value.append("\\") }
                value.append(characters[position + 1])
                position += 2
                continue
            }
            value.append(characters[position])
            position += 1
        }
        guard position < characters.count else { throw error("this \(quote) has no closing \(quote)", at: start..<(start + 1)) }
        position += 1
        var flags: Set<Character> = []
        if position < characters.count, characters[position] == "%" {
            let flagStart = position
            position += 1
            while position < characters.count, characters[position].isLetter {
                let flag = characters[position]
                guard "cdl".contains(flag) else {
                    throw error("unknown flag %\(flag): the flags are %c (ignore case), %d (ignore diacritics), %l (literal)", at: position..<(position + 1))
                }
                flags.insert(flag)
                position += 1
            }
            if position == flagStart + 1 { throw error("% needs a flag: c, d or l", at: flagStart..<position) }
        }
        if value.isEmpty, !flags.contains("l") {
            throw error("the value is empty; [] is any token", at: start..<position)
        }
        if !flags.contains("l"), SurfaceMatcher.hasMetacharacters(value) {
            do throws(QueryError) {
                _ = try RegexPattern(value)
            } catch {
                guard case .invalidRegex(_, let reason) = error else { throw error }
                throw self.error("invalid regular expression \"\(value)\": \(reason)", at: start..<position)
            }
        }
        return (value, flags)
    }

    // MARK: Characters

    private mutating func skipSpace() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    private mutating func peek() -> Character? {
        skipSpace()
        return position < characters.count ? characters[position] : nil
    }

    private mutating func readName() -> String {
        var name = ""
        while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
            name.append(characters[position])
            position += 1
        }
        return name
    }

    private mutating func readNumber() -> Int? {
        var digits = ""
        while position < characters.count, characters[position].isASCII, characters[position].isNumber, digits.count < 9 {
            digits.append(characters[position])
            position += 1
        }
        return Int(digits)
    }

    private mutating func readUntil(_ end: Character) -> String {
        var text = ""
        while position < characters.count, characters[position] != end {
            text.append(characters[position])
            position += 1
        }
        return text
    }

    private mutating func matchesWord(_ word: String) -> Bool {
        skipSpace()
        let letters = Array(word)
        guard position + letters.count <= characters.count, Array(characters[position..<(position + letters.count)]) == letters else { return false }
        let after = position + letters.count
        return after == characters.count || !(characters[after].isLetter || characters[after].isNumber)
    }

    private func error(_ message: String, at range: Range<Int>) -> QueryError {
        .pattern(message, at: range)
    }

    /// `text` with regular-expression characters escaped, so it matches only itself.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\^$.|?*+()[]{}".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

extension AttributeTest {
    init(attribute: Attribute, negated: Bool, source: String, flags: Set<Character>) {
        self.init(
            attribute: attribute, negated: negated, source: source, ignoresCase: flags.contains("c"),
            ignoresDiacritics: flags.contains("d"), isLiteral: flags.contains("l"))
    }
}

extension StringProtocol {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
