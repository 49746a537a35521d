import ParleyCore
import Testing

/// Three turns of one document; each test's answer is read off these tokens by hand:
/// turn 0: The court may if it please the Court rule May it please the court (14 tokens)
/// turn 1: Thank you We went home she goes there going is good Déjà vu deja vu (15)
/// turn 2: Thank you Bob The Court may decide (7)
private let text = """
    Alice: The court may, if it please the Court, rule. May it please the court.

    Bob: Thank you. We went home; she goes there; going is good. Déjà vu, deja vu.

    Alice: Thank you, Bob. The Court may decide.
    """

private func hits(_ pattern: String) throws -> [String] {
    let corpus = try Fixtures.corpus(text)
    let matches = try corpus.matches(of: try Query(pattern))
    return matches.map { match in
        match.tokens.map { token in
            let turn = (0..<corpus.turnCount).first { corpus.tokens(ofTurn: $0).contains(token) }!
            return corpus.surface(ofToken: token, in: turn)
        }.joined(separator: " ")
    }
}

private func error(_ pattern: String) -> (String, Range<Int>)? {
    do {
        _ = try Query(pattern)
        return nil
    } catch {
        guard case .pattern(let message, let range) = error else { return (error.description, 0..<0) }
        return (message, range)
    }
}

@Suite("CQP token patterns")
struct PatternQueryTests {
    @Test("attributes: lower is the type, word is as written, %c ignores case, %d diacritics")
    func attributes() throws {
        #expect(try hits(#"[lower="court"]"#) == ["court", "Court", "court", "Court"])
        #expect(try hits(#"[word="Court"]"#) == ["Court", "Court"])
        #expect(try hits(#""Court" [lower="may"]"#) == ["Court may"])
        // Alone, a quoted word is a simple query (a phrase of one word), as before patterns.
        #expect(try hits(#""Court""#) == ["court", "Court", "court", "Court"])
        #expect(try hits(#"[word="court"%c]"#) == ["court", "Court", "court", "Court"])
        #expect(try hits(#"[lower="Court"]"#) == [])
        #expect(try hits(#"[lower="déjà"]"#) == ["Déjà"])
        #expect(try hits(#"[lower="deja"%d]"#) == ["Déjà", "deja"])
        #expect(try hits(#"[word="DEJA"%cd]"#) == ["Déjà", "deja"])
    }

    @Test("values are regular expressions over the whole value, unless %l")
    func regularExpressions() throws {
        #expect(try hits(#"[lower="co.*"]"#) == ["court", "Court", "court", "Court"])
        #expect(try hits(#"[lower="go(es|ing)"]"#) == ["goes", "going"])
        #expect(try hits(#"[lower="ou"]"#) == [])
        #expect(try hits(#"[word="[A-Z].*" & lower="t.*"]"#) == ["The", "Thank", "Thank", "The"])
        #expect(try hits(#"[word="T.*"%l]"#) == [])
    }

    @Test("& | ! and parentheses inside a token")
    func booleans() throws {
        #expect(try hits(#"[lower="we"|lower="she"]"#) == ["We", "she"])
        #expect(try hits(#"[!lower="the" & lower="t.*"]"#) == ["Thank", "there", "Thank"])
        #expect(try hits(#"[(lower="went"|lower="goes") & word="g.*"]"#) == ["goes"])
        #expect(try hits(#"[lower="the"] [word!="Court"]"#) == ["The court", "the court"])
    }

    @Test("[] is any token; repetition {n}, {m,n}, ?, * and +")
    func repetition() throws {
        #expect(try hits(#"[]{3} [lower="court"]"#) == ["it please the Court", "it please the court", "you Bob The Court"])
        #expect(try hits(#"[lower="may"] []{0,3} [lower="court"]"#) == ["May it please the court"])
        #expect(try hits(#"[lower="may"] []{0,4} [lower="court"]"#) == ["may if it please the Court", "May it please the court"])
        #expect(try hits(#"[lower="thank"] []+ [lower="court"]"#) == ["Thank you Bob The Court"])
        #expect(try hits(#"[lower="thank"] []* [lower="bob"]"#) == ["Thank you Bob"])
        #expect(try hits(#"[lower="thank"] [lower="you"]+"#) == ["Thank you", "Thank you"])
    }

    @Test("the standard strategy: the shortest match from each start, none inside an earlier one")
    func standardStrategy() throws {
        // A leading optional token is taken: "the court", not also "court".
        #expect(try hits(#"[lower="the"]? [lower="court"]"#) == ["The court", "the Court", "the court", "The Court"])
        // "the Court" lies inside "please the Court" and is dropped.
        #expect(try hits(#"[lower="please"|lower="the"]+ [lower="court"]"#)
            == ["The court", "please the Court", "please the court", "The Court"])
    }

    @Test("alternatives of sequences, with and without parentheses")
    func alternatives() throws {
        #expect(try hits(#"[lower="thank"] [lower="you"] | [lower="may"] [lower="it"]"#) == ["May it", "Thank you", "Thank you"])
        #expect(try hits(#"([lower="the"] | [lower="bob"]) [lower="court"]"#) == ["The court", "the Court", "the court", "The Court"])
    }

    @Test("<turn> and </turn> anchor a match; matches cross turns only within doc")
    func anchors() throws {
        #expect(try hits(#"<turn> [lower="thank"] [lower="you"]"#) == ["Thank you", "Thank you"])
        #expect(try hits(#"<turn> [lower="the"]"#) == ["The"])
        #expect(try hits(#"[lower="court"] </turn>"#) == ["court"])
        #expect(try hits(#"[lower="court"] [lower="thank"]"#) == [])
        #expect(try hits(#"[lower="court"] [lower="thank"] within doc"#) == ["court Thank"])
        #expect(try hits(#"[lower="court"] </turn> <turn> [lower="thank"] within doc"#) == ["court Thank"])
        #expect(try hits(#"[lower="vu"] </turn> [lower="thank"] within doc"#) == ["vu Thank"])
    }

    @Test("speaker and lemma attributes; {go} is [lemma=\"go\"]")
    func speakersAndLemmas() throws {
        #expect(try hits(#"[speaker="Bob"]"#).count == 15)
        #expect(try hits(#"[speaker="Al.*" & lower="may"]"#) == ["may", "May", "may"])
        #expect(try hits(#"[lemma="go"]"#) == ["went", "goes", "going"])
        #expect(try hits("{go}") == ["went", "goes", "going"])
        #expect(try hits(#"{go} [lower="home"]"#) == ["went home"])
        #expect(try hits(#"[lemma="be"]"#) == ["is"])
        let corpus = try Fixtures.corpus(text)
        #expect(try corpus.matches(of: try Query("{go}")).count == 3)
        #expect(try corpus.matches(of: try Query("{go} home")).count == 1)
    }

    @Test("a corpus without the lemma layer says so")
    func noLemmas() throws {
        var options = ReaderOptions()
        options.lemmas = .none
        let corpus = try Fixtures.corpus(text, options: options)
        #expect(throws: QueryError.self) { try corpus.matches(of: try Query(#"[lemma="go"]"#)) }
    }

    @Test("malformed or unsupported syntax is an error that points at it")
    func errors() {
        #expect(error(#"[pos="NN"]"#)?.1 == 1..<4)
        #expect(error(#"[pos="NN"]"#)?.0.contains("part-of-speech") == true)
        #expect(error(#"[lower="a""#)?.1 == 0..<1)
        #expect(error(#"[lower="a"] ]"#)?.0 == "a ] with no [ before it")
        #expect(error(#"[lower="a"]{3,1}"#)?.1 == 11..<16)
        #expect(error(#"[lower="(a"]"#)?.0.hasPrefix("invalid regular expression") == true)
        #expect(error(#"[lower="a"]?"#)?.0.contains("no token") == true)
        #expect(error(#"<s> [lower="a"]"#)?.1 == 0..<3)
        #expect(error(#"[lower="a"] :: x"#)?.0.contains("global constraints") == true)
        #expect(error(#"[lower="a"] within s"#)?.0 == "within takes turn or doc, got \"s\"")
        #expect(error(#"[lower="a"%x]"#)?.1 == 11..<12)
        #expect(error(#"[lower=a]"#)?.1 == 7..<8)
        #expect(error(#"[lower="a"]{101}"#) != nil)
        #expect(throws: QueryError.caseOnPattern) { try Query(#"[lower="a"]"#, caseSensitive: true) }
    }

    @Test("simple queries keep their meaning")
    func simpleQueries() throws {
        #expect(try Query("fight against *").tokenPattern == nil)
        #expect(try Query("(laughter)").tokenPattern == nil)
        #expect(try Query("court").tokenPattern == nil)
        #expect(try Query(#"[lower="court"]"#).tokenPattern != nil)
        #expect(try Query(#""may" []{0,3} "court""#).tokenPattern != nil)
        #expect(try Query(#"( [lower="a"] | [lower="b"] )"#).tokenPattern != nil)
    }

    @Test("--sample's generator is SplitMix64: its published first value from seed 0")
    func generator() {
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        // Selection sampling keeps `count` in order; the same seed, the same choice.
        #expect(Array(0..<7).sample(3, seed: 5) == [0, 2, 3])
        #expect(Array(0..<7).sample(3, seed: 5) == Array(0..<7).sample(3, seed: 5))
    }
}
