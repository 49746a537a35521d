import ParleyCore
import Testing

/// Three turns whose tokens are counted by hand in each test.
private let text = """
    Alice: The Terrorists fought terrorism. Counter-terrorism works; don't stop.

    Bob: Terror is real. We fight against terror every day.

    Alice: Fight against it!
    """

private func hits(_ query: String, caseSensitive: Bool = false, in selection: TurnSet? = nil) throws -> [String] {
    let corpus = try Fixtures.corpus(text)
    let matches = try corpus.matches(of: try Query(query, caseSensitive: caseSensitive), in: selection)
    return matches.map { match in match.tokens.map { corpus.surface(ofToken: $0, in: Int(match.turn)) }.joined(separator: " ") }
}

@Suite("Queries on the lexicon")
struct QueryTests {
    @Test("a word matches its type, ignoring case; a hyphenated word is another type")
    func word() throws {
        #expect(try hits("terrorism") == ["terrorism"])
        #expect(try hits("TERROR") == ["Terror", "terror"])
        #expect(try hits("don't") == ["don't"])
    }

    @Test("wildcards: * any run, ? one character, prefix or not")
    func wildcards() throws {
        #expect(try hits("terror*") == ["Terrorists", "terrorism", "Terror", "terror"])
        #expect(try hits("?error") == ["Terror", "terror"])
        #expect(try hits("*terrorism") == ["terrorism", "Counter-terrorism"])
        #expect(try hits("f*t") == ["fought", "fight", "Fight"])
    }

    @Test("a regex must match the whole word")
    func regex() throws {
        #expect(try hits("/terror(ism|ists)?/") == ["Terrorists", "terrorism", "Terror", "terror"])
        #expect(try hits("/error/") == [])
        #expect(try hits("/t.e/") == ["The"])
    }

    @Test("phrases: * alone is any word; a phrase never crosses a turn")
    func phrases() throws {
        #expect(try hits("fight against *") == ["fight against terror", "Fight against it"])
        #expect(try hits("day fight") == [])
        #expect(try hits("terror* is") == ["Terror is"])
    }

    @Test("--case compares surface forms as written")
    func caseSensitive() throws {
        #expect(try hits("Terror", caseSensitive: true) == ["Terror"])
        #expect(try hits("terror", caseSensitive: true) == ["terror"])
        #expect(try hits("T*", caseSensitive: true) == ["The", "Terrorists", "Terror"])
        #expect(try hits("/[A-Z].*/", caseSensitive: true) == ["The", "Terrorists", "Counter-terrorism", "Terror", "We", "Fight"])
    }

    @Test("hits are limited to the selection's turns")
    func selection() throws {
        var bob = TurnSet(universe: 3)
        bob.insert(1)
        #expect(try hits("terror*", in: bob) == ["Terror", "terror"])
    }

    @Test("bad queries are errors that say what is wrong")
    func errors() {
        #expect(throws: QueryError.empty) { try Query("  ") }
        #expect(throws: QueryError.noWordCharacters("...")) { try Query("...") }
        #expect(throws: QueryError.onlyAny) { try Query("* *") }
        #expect(throws: QueryError.invalidRegex("terror(", reason: "expected ')'")) { try Query("/terror(/") }
    }

    @Test("a prefix is a contiguous range of type ids")
    func prefixRange() throws {
        let corpus = try Fixtures.corpus(text)
        let ids = corpus.lexicon.ids(withPrefix: "terror")
        #expect(ids.map { corpus.lexicon.forms[$0] } == ["terror", "terrorism", "terrorists"])
        #expect(corpus.lexicon.ids(withPrefix: "zzz").isEmpty)
    }

    @Test("concordance context stays inside the turn, white space as single spaces")
    func concordance() throws {
        let corpus = try Fixtures.corpus(text)
        let matches = try corpus.matches(of: try Query("fight"))
        let lines = matches.map { corpus.concordanceLine(for: $0, width: 12) }
        // The last 12 characters before the node, its own space trimmed: " is real. We".
        #expect(lines.map(\.left) == [" is real. We", ""])
        #expect(lines.map(\.node) == ["fight", "Fight"])
        #expect(lines.map(\.right) == ["against terr", "against it!"])
    }

    @Test("sorting by 1R, then by node, keeps ties in corpus order")
    func sorting() throws {
        let corpus = try Fixtures.corpus(text)
        let matches = try corpus.matches(of: try Query("terror*"))
        // Right neighbours: Terrorists fought, terrorism counter-terrorism, Terror is, terror every.
        let byRight = corpus.sorted(matches, by: [.right(1)]).map { corpus.concordanceLine(for: $0, width: 5).node }
        #expect(byRight == ["terrorism", "terror", "Terrorists", "Terror"])
        // "stop" ends its turn: no right neighbour sorts first.
        let mixed = try corpus.matches(of: try Query("/stop|works/"))
        #expect(corpus.sorted(mixed, by: [.right(1)]).map { corpus.concordanceLine(for: $0, width: 5).node } == ["stop", "works"])
        let byNode = corpus.sorted(matches, by: [.node]).map { corpus.concordanceLine(for: $0, width: 5).node }
        #expect(byNode == ["Terror", "terror", "terrorism", "Terrorists"])
    }

    @Test("frequencies: n-grams stay inside turns; ranges count turns")
    func frequencies() throws {
        let corpus = try Fixtures.corpus(text)
        // Turns of 8, 9 and 3 tokens hold 7 + 8 + 2 = 17 bigrams.
        let bigrams = try corpus.frequencyList(n: 2, in: nil)
        #expect(bigrams.frequencies.reduce(0) { $0 + Int($1) } == 17)
        #expect(bigrams.count > 0)
        #expect(bigrams.form(0, in: corpus) == "fight against")
        #expect(bigrams.frequencies[0] == 2 && bigrams.ranges[0] == 2)
        let words = try corpus.frequencyList(n: 1, in: nil)
        #expect((0..<3).map { words.form($0, in: corpus) } == ["against", "fight", "terror"])
        let stopped = try corpus.frequencyList(n: 1, in: nil, excluded: Set([corpus.lexicon.id(of: "against")!]))
        #expect(stopped.form(0, in: corpus) == "fight")
    }
}
