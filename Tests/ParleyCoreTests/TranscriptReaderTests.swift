import ParleyCore
import Testing

@Suite("Transcript reader (DESIGN.md §3)")
struct TranscriptReaderTests {
    @Test("closing lines (a time stamp, END, ###) are no one's turn; a sentence with a time stays")
    func closingLines() throws {
        let closed = try Fixtures.corpus("A: Hello there.\n\nB: Bye now.\n\n7:37 P.M. EST\n\n\\###")
        #expect(Fixtures.turns(closed).map(\.0) == ["A", "B", nil])
        // 7, 37, P, M, EST.
        #expect(Fixtures.turns(closed).map(\.1) == [2, 2, 5])
        let ended = try Fixtures.corpus("A: Hello there.\n\nB: Bye now.\n\nEND                5:42 P.M. EDT")
        #expect(Fixtures.turns(ended).map(\.0) == ["A", "B", nil])
        let endAlone = try Fixtures.corpus("A: Hello.\n\nB: Bye.\n\n4:37 P.M EDT\n\nEND")
        #expect(Fixtures.turns(endAlone).map(\.0) == ["A", "B", nil])
        // Words around a time are the speaker's: the paragraph joins the turn before.
        let spoken = try Fixtures.corpus("A: Hello.\n\nB: Bye.\n\nWe meet at 7:37 P.M. EST")
        #expect(Fixtures.turns(spoken).map(\.0) == ["A", "B"])
        // A time stamp in the middle is the turn's too.
        let middle = try Fixtures.corpus("A: Hello.\n\n7:37 P.M. EST\n\nB: Bye.")
        #expect(Fixtures.turns(middle).map(\.0) == ["A", "B"])
    }

    @Test("turns outside speech: a document's turns without a speaker before the first speaker and after the last")
    func outsideSpeech() throws {
        let corpus = try Fixtures.corpus("The Room\n\n7:06 P.M. EST\n\nA: Hello.\n\nB: Bye.\n\nEND 7:37 P.M. EST")
        #expect(Fixtures.turns(corpus).map(\.0) == [nil, "A", "B", nil])
        #expect(corpus.turnsOutsideSpeech().members == [0, 3])
        // Without any speaker (captions without voices) everything is speech.
        let unvoiced = try Fixtures.corpus("Just words.\n\nMore words.")
        #expect(unvoiced.turnsOutsideSpeech().isEmpty)
    }

    @Test("a label followed by a non-breaking space starts a turn")
    func nonBreakingSpaceAfterLabel() throws {
        let corpus = try Fixtures.corpus("MS. PSAKI:\u{00A0}\u{00A0}Good afternoon.\n\nQ:\u{00A0}Thanks, Jen.")
        #expect(Fixtures.turns(corpus).map(\.0) == ["MS. PSAKI", "Q"])
        #expect(Fixtures.turns(corpus).map(\.1) == [2, 2])
    }

    @Test("labels with initials and titles; sentences with a colon are not labels")
    func labelShapes() throws {
        let text = """
            W. Mitt Romney: One.

            Mr. Lehrer: Two.

            This is what we said: three.

            Note, however: four.
            """
        let corpus = try Fixtures.corpus(text)
        #expect(Fixtures.turns(corpus).map(\.0) == ["W. Mitt Romney", "Mr. Lehrer"])
        // Two / This is what we said three / Note however four: 1 + 6 + 3 tokens.
        #expect(Fixtures.turns(corpus).map(\.1) == [1, 10])
    }

    @Test("short roles with a lowercase word are labels; sentence openings are not")
    func roles() throws {
        let text = """
            Audience questioner: Why now?

            Announcer offscreen: Welcome back.

            My question: is this fair?

            The answer is: no.

            Well said: indeed.
            """
        let corpus = try Fixtures.corpus(text)
        #expect(Fixtures.turns(corpus).map(\.0) == ["Audience questioner", "Announcer offscreen"])
        // Welcome back (2) / My question is this fair (5) / The answer is no (4) / Well said indeed (3).
        #expect(Fixtures.turns(corpus).map(\.1) == [2, 14])
    }

    @Test("a dash turn with a self-introduction belongs to the person introduced")
    func selfIntroduction() throws {
        let corpus = try Fixtures.corpus("Anna Lee: Welcome.\n\n- John Smith, Daily News. My question is short.")
        #expect(Fixtures.turns(corpus).map(\.0) == ["Anna Lee", "John Smith"])
        // The introduction is part of what was said: John Smith Daily News My question is short.
        #expect(Fixtures.turns(corpus).map(\.1) == [1, 8])
    }

    @Test("a dash turn without an introduction goes to the speaker before the previous one")
    func alternation() throws {
        let text = "A Person: One.\n\n– Second speaker here.\n\nA Person: Two.\n\n— Third?"
        let corpus = try Fixtures.corpus(text)
        #expect(Fixtures.turns(corpus).map(\.0) == ["A Person", "Unknown", "A Person", "Unknown"])
        let twoParty = try Fixtures.corpus("Ann Bell: One.\n\nBob Hale: Two.\n\nAnn Bell: Three.\n\n- Four.\n\n- Five.")
        #expect(Fixtures.turns(twoParty).map(\.0) == ["Ann Bell", "Bob Hale", "Ann Bell", "Bob Hale", "Ann Bell"])
    }

    @Test("without alternation, an unidentified dash turn is Unknown")
    func noAlternation() throws {
        var options = ReaderOptions()
        options.alternation = false
        let corpus = try Fixtures.corpus("Ann Bell: One.\n\nBob Hale: Two.\n\n- Three.", options: options)
        #expect(Fixtures.turns(corpus).map(\.0) == ["Ann Bell", "Bob Hale", "Unknown"])
    }

    @Test("a title line with a colon is a title, not a label")
    func titleWithColon() throws {
        let corpus = try Fixtures.corpus("Summit Report: Leaders Meet in Geneva\n\nAnn Bell: Hello there.")
        #expect(corpus.documents[0].title == "Summit Report: Leaders Meet in Geneva")
        #expect(Fixtures.turns(corpus).map(\.0) == ["Ann Bell"])
        #expect(corpus.tokenCount == 2)
    }

    @Test("a first line that is a label used again is a turn, not a title")
    func firstLineLabel() throws {
        let corpus = try Fixtures.corpus("Ann Bell: Good Evening Everyone\n\nBob Hale: Hi.\n\nAnn Bell: Bye.")
        #expect(corpus.documents[0].title == nil)
        #expect(corpus.turnCount == 3)
    }

    @Test("--title none and --title first override the headline test")
    func titleOptions() throws {
        var options = ReaderOptions()
        options.title = .none
        let none = try Fixtures.corpus("Summit Report: Leaders Meet\n\nAnn Bell: Hi.", options: options)
        #expect(none.documents[0].title == nil)
        #expect(Fixtures.turns(none).map(\.0) == ["Summit Report", "Ann Bell"])
        options.title = .first
        let first = try Fixtures.corpus("the minutes, as kept.\n\nAnn Bell: Hi.", options: options)
        #expect(first.documents[0].title == "the minutes, as kept.")
        #expect(first.tokenCount == 1)
    }

    @Test("text before the first turn is preamble: kept, with no speaker")
    func preamble() throws {
        let corpus = try Fixtures.corpus("Recorded in London on a wet day, transcribed later.\n\nAnn Bell: Hi.")
        #expect(Fixtures.turns(corpus).map(\.0) == [nil, "Ann Bell"])
        #expect(Fixtures.turns(corpus).map(\.1) == [9, 1])
        #expect(corpus.speakerStatistics().map(\.tokens) == [1])
    }

    @Test("paragraphs without a label continue the turn")
    func continuation() throws {
        let corpus = try Fixtures.corpus("Ann Bell: One two.\n\nThree four.\n \t\nFive.\n\nBob Hale: Six.")
        #expect(Fixtures.turns(corpus).map(\.1) == [5, 1])
        #expect(corpus.text(ofTurn: 0) == "One two.\n\nThree four.\n\nFive.")
    }

    @Test("a label ending with another label of the document names the same speaker")
    func suffixMerge() throws {
        let text = "President of Russia Vladimir Putin: One.\n\nAnn Bell: Two.\n\nVladimir Putin: Three."
        let corpus = try Fixtures.corpus(text)
        #expect(Fixtures.turns(corpus).map(\.0) == ["Vladimir Putin", "Ann Bell", "Vladimir Putin"])
        var options = ReaderOptions()
        options.mergeLabelSuffixes = false
        let separate = try Fixtures.corpus(text, options: options)
        #expect(separate.speakers.contains("President of Russia Vladimir Putin"))
    }

    @Test("CRLF line ends and a byte order mark are normalised")
    func crlfAndBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Ann Bell: One.\r\n\r\nBob Hale: Two\r\nthree.\r\n".utf8)
        let corpus = try Fixtures.corpus(bytes: bytes)
        #expect(Fixtures.turns(corpus).map(\.0) == ["Ann Bell", "Bob Hale"])
        #expect(corpus.documents[0].text.first == UInt8(ascii: "A"))
        #expect(!corpus.documents[0].text.contains(0x0D))
        #expect(corpus.text(ofTurn: 1) == "Two three.")
        // A BOM alone (no CR to rewrite) is dropped too.
        let bomOnly = try Fixtures.corpus(bytes: [0xEF, 0xBB, 0xBF] + Array("Ann Bell: One.".utf8))
        #expect(bomOnly.documents[0].text == Array("Ann Bell: One.".utf8))
    }

    @Test("--no-dash-turns makes dash paragraphs continue the turn")
    func noDashTurns() throws {
        var options = ReaderOptions()
        options.dashTurns = false
        let corpus = try Fixtures.corpus("Ann Bell: One.\n\n- Two.", options: options)
        #expect(Fixtures.turns(corpus).map(\.1) == [2])
    }

    @Test("--label replaces the label rule; group 1 is the speaker")
    func customLabel() throws {
        var options = ReaderOptions()
        options.labelPattern = #"\[(\w+)\]\s*"#
        let corpus = try Fixtures.corpus("[ann] one two\n\n[bob] three\n\nAnn Bell: four", options: options)
        #expect(Fixtures.turns(corpus).map(\.0) == ["ann", "bob"])
        #expect(Fixtures.turns(corpus).map(\.1) == [2, 4])
    }

    @Test("an invalid --label pattern is an error naming it")
    func badLabelPattern() {
        var options = ReaderOptions()
        options.labelPattern = "([a-z"
        #expect(throws: LoadError.self) { try Fixtures.corpus("x", options: options) }
    }
}
