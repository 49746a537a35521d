import ParleyCore
import Testing

/// Who speaks each turn (DESIGN.md §3): label shapes, the per-document label check, dash turns
/// in multi-party transcripts, merges, and transcription notes. Each fixture is one shape that
/// real transcripts print; the expected speakers are read off the fixture by hand.
@Suite("Speaker attribution")
struct SpeakerAttributionTests {
    private func speakers(_ text: String, _ configure: (inout ReaderOptions) -> Void = { _ in }) throws -> [String?] {
        var options = ReaderOptions()
        configure(&options)
        return Fixtures.turns(try Fixtures.corpus(text, options: options)).map(\.0)
    }

    // MARK: Labels (rule 1)

    @Test("name suffixes, a trailing comma, stray spaces in initials and non-ASCII capitals are labels")
    func suffixesAndInitials() throws {
        let text = """
            John G. Roberts, Jr.: We will hear argument first.

            James M. Nabrit, III,: Mr. Chief Justice, may it please the Court.

            H. Bartow Farr, III: Thank you.

            John F . Davis: The record shows otherwise.

            Jörg Schönenborn: Mr President, one question.

            William B.Moore, Jr.: Yes.
            """
        #expect(try speakers(text) == [
            "John G. Roberts, Jr.", "James M. Nabrit, III", "H. Bartow Farr, III", "John F. Davis", "Jörg Schönenborn",
            "William B.Moore, Jr.",
        ])
    }

    @Test("long role labels with connectors, common words, a dotted name and non-breaking spaces end in a name")
    func longRoles() throws {
        let text = """
            Minister of Natural Resources and the Environment Sergei Donskoy: The fires are out.

            Editor-in-Chief of the Lenta.Ru online\u{00A0}media outlet Vladimir Todorov: A question.

            Argumenty i Fakty Editor-in-Chief Igor Chernyak: Another one.

            Commander of the 58th Army of the Southern Military District Andrey Gurulyov: Ready.
            """
        #expect(try speakers(text) == [
            "Minister of Natural Resources and the Environment Sergei Donskoy",
            "Editor-in-Chief of the Lenta.Ru online media outlet Vladimir Todorov",
            "Argumenty i Fakty Editor-in-Chief Igor Chernyak",
            "Commander of the 58th Army of the Southern Military District Andrey Gurulyov",
        ])
    }

    @Test("a role after a comma or a note in parentheses before the colon; the name is the speaker")
    func rolesAfterTheName() throws {
        let text = """
            Sergei Mironov: We agree.

            Sergei Mironov, Leader of A Just Russia Faction in the State Duma: Mr President, one request.

            Emma Marcegaglia (ENI): Mr President, thank you.

            Tatyana Remezova, reporter at VGTRK: Over this week we received many questions.
            """
        // The comma label merges into "Sergei Mironov", a label of the same document.
        #expect(try speakers(text) == ["Sergei Mironov", "Sergei Mironov", "Emma Marcegaglia", "Tatyana Remezova, reporter at VGTRK"])
    }

    // MARK: In-speech colons (rule 2)

    @Test("phrases with a colon are speech in a document labelled in upper case; MS. PSAKI before a quote stays a label")
    func upperCaseDocument() throws {
        let text = """
            MS. PSAKI: Good afternoon. On a few items.

            On evictions: the moratorium ends today.

            Newsweek: reported it first.

            MS. PSAKI: “No” is the answer.

            Q Thanks, Jen.

            MR. KIRBY: Two things.

            Mr. KIRBY: Pillar four.
            """
        let corpus = try Fixtures.corpus(text)
        // "Mr. KIRBY" is written in the upper-case style (a title before a name in capitals).
        #expect(Fixtures.turns(corpus).map(\.0) == ["MS. PSAKI", "MS. PSAKI", "Q", "MR. KIRBY", "Mr. KIRBY"])
        // Good afternoon On a few items (6) + On evictions the moratorium ends today (6) +
        // Newsweek reported it first (4).
        #expect(Fixtures.turns(corpus).map(\.1) == [16, 4, 2, 2, 2])
    }

    @Test("a candidate used once before a lowercase word or a quote is speech where labels recur; a lone label is kept")
    func singleUse() throws {
        let text = """
            Anna Lee: Welcome back.

            Bob Hale: Thanks. The old rule was simple.

            Question: “How much funding is required?” That is what we ask.

            Anna Lee: And the answer?

            Bob Hale: the answer is: nobody knows.
            """
        // Bob Hale opens with a lowercase word too, but he is a label the document uses twice.
        #expect(try speakers(text) == ["Anna Lee", "Bob Hale", "Anna Lee", "Bob Hale"])
        #expect(try speakers("Ann Bell: café ok") == ["Ann Bell"])
    }

    @Test("phrases that read as the start of a sentence are not labels")
    func sentenceOpenings() throws {
        let text = """
            Anna Lee: Three points.

            Another suggestion: raise the limit.

            Second: lower the fee.

            You are right: it is late.

            There is a catch: money.

            Here’s what’s clear: nothing.
            """
        #expect(try speakers(text) == ["Anna Lee"])
    }

    @Test("a debate moderator whose speech opens in lower case stays a label")
    func moderatorLowercase() throws {
        let text = """
            Jim Lehrer: Good evening.

            Barack Obama: Thank you, Jim.

            Jim Lehrer: and now, the second segment.

            Mitt Romney: Thank you.
            """
        #expect(try speakers(text) == ["Jim Lehrer", "Barack Obama", "Jim Lehrer", "Mitt Romney"])
    }

    @Test("--all-labels takes every label-shaped opening, as before the per-document check")
    func allLabels() throws {
        let text = "MS. PSAKI: Hello.\n\nNewsweek: reported it.\n\nMS. PSAKI: Next."
        #expect(try speakers(text) == ["MS. PSAKI", "MS. PSAKI"])
        #expect(try speakers(text) { $0.checkLabels = false } == ["MS. PSAKI", "Newsweek", "MS. PSAKI"])
    }

    // MARK: Merges

    @Test("suffix merges join labels of one case style only; space variants join")
    func merges() throws {
        let text = """
            President of Russia Vladimir Putin: Good afternoon.

            DR. FAUCI: Thank you.

            For Dr. Fauci: a question.

            Maxim Topilin: Yes.

            Labour and Social Protection MINISTER MAXIM TOPILIN: Mr President, colleagues.

            Vladimir Putin: Thank you.

            VladimirPutin: Firstly.
            """
        // --all-labels, so that the merge itself is what is tested.
        #expect(try speakers(text) { $0.checkLabels = false } == [
            "Vladimir Putin", "DR. FAUCI", "For Dr. Fauci", "Maxim Topilin",
            "Labour and Social Protection MINISTER MAXIM TOPILIN", "Vladimir Putin", "Vladimir Putin",
        ])
    }

    @Test("a reader that has met the names before merges a document's labels as a fresh reader does")
    func mergingWithKnownNames() throws {
        let documents = [
            "Sergei Mironov: We agree.\n\nSergei Mironov, Leader of A Just Russia Faction: One request.\n\nJohn Roberts, Jr.: Yes.",
            "Maxim Topilin: Yes.\n\nMINISTER MAXIM TOPILIN: Colleagues.\n\nVladimir Putin: Thank you.\n\nVladimirPutin: Firstly.",
            // The same names in another document, where what they join differs.
            "Sergei Mironov, Leader of A Just Russia Faction: Again.\n\nJohn Roberts: No.\n\nJohn Roberts, Jr.: Yes.",
            "VladimirPutin: Firstly.\n\nLabour Minister Maxim Topilin: Yes.\n\nMaxim Topilin: Indeed.",
        ]
        var options = ReaderOptions()
        options.checkLabels = false
        let shared = try TranscriptReader(options: options)
        for text in documents + documents.reversed() {
            let bytes = Array(text.utf8)
            let again = bytes.withUnsafeBufferPointer { shared.read($0) }
            let fresh = try bytes.withUnsafeBufferPointer { try TranscriptReader(options: options).read($0) }
            #expect(again == fresh)
        }
        // And what the merge does in the third document: the comma label has no label to join there.
        let third = Array(documents[2].utf8)
        let layout = try third.withUnsafeBufferPointer { try TranscriptReader(options: options).read($0) }
        #expect(layout.turns.map(\.speaker) == ["Sergei Mironov, Leader of A Just Russia Faction", "John Roberts", "John Roberts, Jr."])
    }

    // MARK: Dash turns (rule 3)

    @Test("a vocative to the principal means someone else; a vocative is never taken for a name")
    func vocatives() throws {
        let text = """
            Vladimir Putin: Good afternoon. Mr Shoigu, please.

            - Comrade Supreme Commander-in-Chief, the exercise has begun.

            Vladimir Putin: Thank you.

            - Mr Gerasimov, what about the fleet?

            - Mr President, the fleet is at sea.

            - Vladimir Vladimirovich, may I add something?
            """
        // Nobody introduces themselves, so the others are Unknown. "- Mr Gerasimov, …" right
        // after the principal's own label is someone else's (a chair's); the next two address
        // the principal.
        #expect(try speakers(text) == ["Vladimir Putin", "Unknown", "Vladimir Putin", "Unknown", "Unknown", "Unknown"])
    }

    @Test("an introduction anywhere in the opening names the speaker, after a greeting or a vocative too")
    func introductions() throws {
        let text = """
            Vladimir Putin: Let us begin.

            - Good afternoon. My name is Galina Semya, I work with orphans.

            - Thank you. What do you propose?

            - Mr President, I am Irina Ilyicheva, director of a school in Moscow.

            - Go on.

            - Mr President, colleagues, good afternoon. Alexander Brechalov, president of OPORA Russia.
            """
        #expect(try speakers(text) == [
            "Vladimir Putin", "Galina Semya", "Vladimir Putin", "Irina Ilyicheva", "Vladimir Putin", "Alexander Brechalov",
        ])
    }

    @Test("a greeting or a hand-over after someone else's turn means another person; the next label's speaker did not speak the turn before it")
    func multiParty() throws {
        let text = """
            Vladimir Putin: Good afternoon, friends.

            - Thank you, Mr President. Our first guest has come from far away. Oleg, please.

            - Good morning. I have a question about schools.

            - We will look into it.

            - Thank you, Mr President.

            - I agree with the previous speaker.

            Vladimir Putin: Good.
            """
        // 2 follows the principal's label: someone else (the moderator). 3 follows a hand-over
        // and greets: yet another person. 4 answers: the principal. 5 thanks him: someone else.
        // 6 stands right before the principal's label: not the principal, so someone else again.
        #expect(try speakers(text) == [
            "Vladimir Putin", "Unknown", "Unknown", "Vladimir Putin", "Unknown", "Unknown", "Vladimir Putin",
        ])
    }

    @Test("with exactly two parties the other party is named; with three, nobody's name is borrowed")
    func twoParties() throws {
        let two = "Anna Lee: Welcome.\n\n- John Smith, Daily News. A question.\n\nAnna Lee: Yes?\n\n- Why now?\n\n- Because it is time."
        #expect(try speakers(two) == ["Anna Lee", "John Smith", "Anna Lee", "John Smith", "Anna Lee"])
        let three = """
            Anna Lee: Welcome.

            - John Smith, Daily News. A question.

            - Good afternoon. I have another one.

            - Both are good questions.
            """
        #expect(try speakers(three) == ["Anna Lee", "John Smith", "Unknown", "Anna Lee"])
    }

    @Test("a dash paragraph after a colon or in lower case continues the turn: lists and interrupted sentences")
    func listsAndInterruptions() throws {
        let text = """
            MS. PSAKI: These steps include:

            - More support for families.

            - Lower costs for drugs.

            Q Will Congress pass them?

            MS. PSAKI: We hope so, and we want

            — to increase that aid.
            """
        let corpus = try Fixtures.corpus(text)
        #expect(Fixtures.turns(corpus).map(\.0) == ["MS. PSAKI", "Q", "MS. PSAKI"])
        // These steps include (3) + More support for families (4) + Lower costs for drugs (4);
        // Will Congress pass them (4); We hope so and we want (6) + to increase that aid (4).
        #expect(Fixtures.turns(corpus).map(\.1) == [11, 4, 10])
        var options = ReaderOptions()
        options.dashLists = false
        #expect(Fixtures.turns(try Fixtures.corpus(text, options: options)).count == 6)
    }

    @Test("--strict-alternation gives each unintroduced dash turn the speaker before the previous one")
    func strictAlternation() throws {
        let text = "Vladimir Putin: Hello.\n\n- John Smith, Daily News. Hi.\n\n- Good afternoon. Mr President, a question.\n\n- Yes?"
        #expect(try speakers(text) == ["Vladimir Putin", "John Smith", "Unknown", "Vladimir Putin"])
        #expect(try speakers(text) { $0.dashCues = false } == ["Vladimir Putin", "John Smith", "Vladimir Putin", "John Smith"])
    }

    // MARK: Transcription notes (rule 4)

    @Test("notes in brackets are not tokens but stay in the text; editorial insertions stay words; --keep-notes counts them")
    func notes() throws {
        let text = """
            MS. PSAKI: Good afternoon. (Laughter.) Two items \\[inaudible\\] today.

            [crosstalk]

            Q You met with [President of South Ossetia] Tibilov (Applause) again.
            """
        let corpus = try Fixtures.corpus(text)
        // Good afternoon Two items today (5); You met with President of South Ossetia Tibilov again (9).
        #expect(Fixtures.turns(corpus).map(\.1) == [5, 9])
        #expect(corpus.text(ofTurn: 0).contains("(Laughter.)") && corpus.text(ofTurn: 0).contains("[crosstalk]"))
        let all = try #require(NoteQuery("(*)"))
        #expect(corpus.notes(matching: all).count == 4)
        let laughter = try #require(NoteQuery("(laugh*)"))
        #expect(corpus.notes(matching: laughter).map(\.turn) == [0])
        let line = corpus.concordanceLine(forNote: corpus.notes(matching: laughter)[0], width: 20)
        #expect(line.left == "Good afternoon." && line.node == "(Laughter.)" && line.right.hasPrefix("Two items \\[inaud"))
        var options = ReaderOptions()
        options.keepNotes = true
        // + Laughter, inaudible, crosstalk (a turn's paragraph of its own), Applause.
        #expect(Fixtures.turns(try Fixtures.corpus(text, options: options)).map(\.1) == [8, 10])
    }
}
