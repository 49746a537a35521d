import Foundation

/// A token condition of a CQP pattern made ready for a corpus: what each type's tokens do, and
/// the rest of the test for the tokens whose type does not decide it.
///
/// `lower` and `lemma` are properties of a type; `speaker` of a turn; `word` (as written) of a
/// token, but a type can rule a token out: a spelling that matches a pattern case as written
/// matches it ignoring case in lower case too. So every type is decided (`yes`, `no`) or left
/// to its tokens (`depends`), by three-valued logic, and only tokens of undecided types are
/// read again.
package struct CompiledCondition: Sendable {
    /// Per type: `no`, `yes` or `depends` (on the token's spelling or speaker).
    package let typeStates: [UInt8]
    private let tree: Node

    static let no: UInt8 = 0
    static let yes: UInt8 = 1
    static let depends: UInt8 = 2

    private indirect enum Node: Sendable {
        case any
        /// A test of the type (lower, lemma, word ignoring case or as a first sieve).
        case types(TypeTest)
        /// Per speaker id: whether the test holds; last entry for turns without a speaker.
        case speakers([Bool])
        case not(Node)
        case and(Node, Node)
        case or(Node, Node)
    }

    init(_ condition: TokenCondition, in corpus: Corpus) throws(QueryError) {
        let typeCount = corpus.lexicon.count
        let tree = try Self.compile(condition, corpus)
        self.tree = tree
        // Type by type, so that `&` and `|` decide without the other side where they can: a
        // regex with no literal prefix is tried only on the types the rest leaves open.
        typeStates = (0..<typeCount).map { Self.state(of: tree, type: $0) }
    }

    /// Whether the token at `token` (of type `type`, in a turn of speaker `speaker`) meets the
    /// condition; `surface` gives its spelling when a test needs it.
    /// `memo` remembers each spelling's verdict: a word's few spellings recur thousands of times.
    func accepts(type: Int, speaker: UInt32, memo: inout [SpellingKey: Bool], surface: () -> String) -> Bool {
        switch typeStates[type] {
        case Self.yes: return true
        case Self.no: return false
        default:
            var spelling: String?
            return Self.evaluate(tree, type: type, speaker: speaker, memo: &memo) {
                if let spelling { return spelling }
                let text = surface()
                spelling = text
                return text
            }
        }
    }

    /// A spelling and the test it was tried on.
    struct SpellingKey: Hashable {
        let test: ObjectIdentifier
        let spelling: String
    }

    private static func state(of node: Node, type: Int) -> UInt8 {
        switch node {
        case .any: return yes
        case .types(let test): return test.state(of: type, remembering: true)
        case .speakers: return depends
        case .not(let inner):
            let value = state(of: inner, type: type)
            return value == depends ? depends : (value == yes ? no : yes)
        case .and(let left, let right):
            let a = state(of: left, type: type)
            if a == no { return no }
            let b = state(of: right, type: type)
            if b == no { return no }
            return a == yes && b == yes ? yes : depends
        case .or(let left, let right):
            let a = state(of: left, type: type)
            if a == yes { return yes }
            let b = state(of: right, type: type)
            if b == yes { return yes }
            return a == no && b == no ? no : depends
        }
    }

    private static func evaluate(_ node: Node, type: Int, speaker: UInt32, memo: inout [SpellingKey: Bool], surface: () -> String) -> Bool {
        switch node {
        case .any: return true
        case .types(let test):
            switch test.state(of: type, remembering: false) {
            case yes: return true
            case no: return false
            default:
                guard let matcher = test.surfaceMatcher else { return false }
                let key = SpellingKey(test: ObjectIdentifier(test), spelling: surface())
                if let known = memo[key] { return known }
                let verdict = matcher.matches(key.spelling)
                memo[key] = verdict
                return verdict
            }
        case .speakers(let matches):
            return speaker == Corpus.noSpeaker ? matches[matches.count - 1] : matches[Int(speaker)]
        case .not(let inner): return !evaluate(inner, type: type, speaker: speaker, memo: &memo, surface: surface)
        case .and(let left, let right):
            return evaluate(left, type: type, speaker: speaker, memo: &memo, surface: surface)
                && evaluate(right, type: type, speaker: speaker, memo: &memo, surface: surface)
        case .or(let left, let right):
            return evaluate(left, type: type, speaker: speaker, memo: &memo, surface: surface)
                || evaluate(right, type: type, speaker: speaker, memo: &memo, surface: surface)
        }
    }

    private static func compile(_ condition: TokenCondition, _ corpus: Corpus) throws(QueryError) -> Node {
        switch condition {
        case .any: return .any
        case .not(let inner): return .not(try compile(inner, corpus))
        case .and(let left, let right): return .and(try compile(left, corpus), try compile(right, corpus))
        case .or(let left, let right): return .or(try compile(left, corpus), try compile(right, corpus))
        case .test(let test):
            let node = try compile(test, corpus)
            return test.negated ? .not(node) : node
        }
    }

    private static func compile(_ test: AttributeTest, _ corpus: Corpus) throws(QueryError) -> Node {
        let matcher = try SurfaceMatcher(test)
        let lexicon = corpus.lexicon
        switch test.attribute {
        case .lower:
            return .types(TypeTest(matcher: matcher, forms: lexicon, foldingCase: false, verdict: yes, surfaceMatcher: nil))
        case .word:
            // Ignoring case, the type decides; otherwise a type that fails ignoring case rules
            // out all its tokens, and the others depend on how each is written.
            return .types(TypeTest(
                matcher: matcher.ignoringCase, forms: lexicon, foldingCase: true, verdict: test.ignoresCase ? yes : depends,
                surfaceMatcher: test.ignoresCase ? nil : matcher))
        case .lemma:
            guard let lemmas = corpus.lemmas else {
                throw .pattern("this corpus has no lemma layer: load it without --lemmas none, or with --lemmas FILE", at: 0..<0)
            }
            var lemmaMatches = [Bool](repeating: false, count: lemmas.count)
            for lemma in matcher.candidates(in: lexicon, foldingCase: false) where matcher.matches(lexicon.forms[lemma]) {
                lemmaMatches[lemma] = true
            }
            for (index, form) in lemmas.extraForms.enumerated() where matcher.matches(form) {
                lemmaMatches[lexicon.count + index] = true
            }
            return .types(TypeTest(states: lemmas.typeLemma.map { lemmaMatches[Int($0)] ? yes : no }))
        case .speaker:
            var matches = corpus.speakers.map { matcher.matches($0) }
            matches.append(matcher.matches(""))
            return .speakers(matches)
        }
    }
}

/// A test of each type's form: worked out at once for the few candidates of a literal or a
/// literal prefix, type by type (and remembered) for a regex that must look at every form.
private final class TypeTest: @unchecked Sendable {
    /// Per type: `no`, the verdict, or `unknown` (not looked at yet).
    private var states: [UInt8]
    private let matcher: SurfaceMatcher?
    private let forms: [String]
    private let verdict: UInt8
    /// The test of the spelling when the type leaves it open (`word` as written).
    let surfaceMatcher: SurfaceMatcher?

    private static let unknown: UInt8 = 255

    init(matcher: SurfaceMatcher, forms lexicon: Lexicon, foldingCase: Bool, verdict: UInt8, surfaceMatcher: SurfaceMatcher?) {
        self.verdict = verdict
        self.surfaceMatcher = surfaceMatcher
        forms = lexicon.forms
        if let candidates = matcher.narrowCandidates(in: lexicon, foldingCase: foldingCase) {
            states = [UInt8](repeating: CompiledCondition.no, count: lexicon.count)
            for type in candidates where matcher.matches(lexicon.forms[type]) { states[type] = verdict }
            self.matcher = nil
        } else {
            states = [UInt8](repeating: Self.unknown, count: lexicon.count)
            self.matcher = matcher
        }
    }

    init(states: [UInt8]) {
        self.states = states
        matcher = nil
        forms = []
        verdict = CompiledCondition.yes
        surfaceMatcher = nil
    }

    /// The state of `type`, remembered when `remembering` (only while the condition is
    /// compiled, on one thread; afterwards every type asked for was looked at already).
    func state(of type: Int, remembering: Bool) -> UInt8 {
        let known = states[type]
        if known != Self.unknown { return known }
        let state = matcher!.matches(forms[type]) ? verdict : CompiledCondition.no
        if remembering { states[type] = state }
        return state
    }
}

/// The value test of one attribute: a regular expression over the whole value, or with `%l`
/// the value itself; `%c` ignores case and `%d` diacritics.
struct SurfaceMatcher: Sendable {
    let source: String
    let ignoresCase: Bool
    let ignoresDiacritics: Bool
    /// nil for a literal value.
    let regex: RegexPattern?

    init(_ test: AttributeTest) throws(QueryError) {
        try self.init(
            source: test.source, ignoresCase: test.ignoresCase, ignoresDiacritics: test.ignoresDiacritics,
            literal: test.isLiteral || !Self.hasMetacharacters(test.source))
    }

    private init(source: String, ignoresCase: Bool, ignoresDiacritics: Bool, literal: Bool) throws(QueryError) {
        let source = source.replacing("\u{2019}", with: "'")
        self.source = ignoresDiacritics ? Self.strippingDiacritics(source) : source
        self.ignoresCase = ignoresCase
        self.ignoresDiacritics = ignoresDiacritics
        if literal {
            regex = nil
        } else {
            do throws(QueryError) {
                regex = try RegexPattern(self.source)
            } catch {
                guard case .invalidRegex(_, let reason) = error else { throw error }
                throw .pattern("invalid regular expression \"\(source)\": \(reason)", at: 0..<0)
            }
        }
        literalValue = ignoresCase ? self.source.lowercased() : self.source
    }

    /// The literal value as compared (in lower case when ignoring case).
    private let literalValue: String

    /// The same test ignoring case.
    var ignoringCase: SurfaceMatcher {
        guard !ignoresCase else { return self }
        // Compiled again only when it is a regex; a literal keeps its source.
        return (try? SurfaceMatcher(source: source, ignoresCase: true, ignoresDiacritics: ignoresDiacritics, literal: regex == nil)) ?? self
    }

    /// Whether `value` (a type, a lemma, a spelling, a name) passes.
    func matches(_ value: String) -> Bool {
        // ’ is E2 80 99 in UTF-8: a byte test, not Foundation's search, keeps this cheap.
        var value = value.utf8.contains(0x99) && value.unicodeScalars.contains("\u{2019}") ? value.replacing("\u{2019}", with: "'") : value
        if ignoresDiacritics { value = Self.strippingDiacritics(value) }
        guard let regex else { return (ignoresCase ? value.lowercased() : value) == literalValue }
        return regex.matchesWhole(value, caseSensitive: !ignoresCase) == true
    }

    /// The types that can pass, ascending: one lookup for a literal, the range of a literal
    /// prefix for a regex that starts with one, every type otherwise. `foldingCase`: the forms
    /// are compared ignoring case, so the prefix is looked up in lower case.
    func candidates(in lexicon: Lexicon, foldingCase: Bool) -> [Int] {
        narrowCandidates(in: lexicon, foldingCase: foldingCase) ?? Array(0..<lexicon.count)
    }

    /// The candidates of `candidates(in:foldingCase:)`, or nil when they are every type.
    func narrowCandidates(in lexicon: Lexicon, foldingCase: Bool) -> [Int]? {
        if ignoresDiacritics { return nil }
        let fold = foldingCase || ignoresCase
        if regex == nil {
            let form = fold ? literalValue.lowercased() : literalValue
            return lexicon.id(of: form.replacing("\u{2019}", with: "'")).map { [$0] } ?? []
        }
        let prefix = Self.literalPrefix(of: source)
        guard !prefix.isEmpty else { return nil }
        return Array(lexicon.ids(withPrefix: fold ? prefix.lowercased() : prefix))
    }

    static func hasMetacharacters(_ source: String) -> Bool {
        source.contains { "\\^$.|?*+()[]{}".contains($0) }
    }

    /// The characters every match starts with: those before the first metacharacter, less
    /// the last one when a quantifier follows it; nothing when the pattern has alternatives.
    static func literalPrefix(of source: String) -> String {
        guard !source.contains("|") else { return "" }
        var prefix = ""
        for character in source {
            if "?*{".contains(character) {
                if !prefix.isEmpty { prefix.removeLast() }
                break
            }
            if "\\^$.+()[]}".contains(character) { break }
            prefix.append(character)
        }
        return prefix
    }

    /// `text` with combining marks removed after canonical decomposition (é → e).
    static func strippingDiacritics(_ text: String) -> String {
        let scalars = text.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
            $0.properties.generalCategory != .nonspacingMark && $0.properties.generalCategory != .enclosingMark
        }
        return String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping
    }
}
