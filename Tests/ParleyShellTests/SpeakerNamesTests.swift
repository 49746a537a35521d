import Foundation
import ParleyShell
import Testing

/// Names you can trust (issue 12, rule 5), the load options of every reader rule (rule 6) and
/// note queries, through the commands. Each test writes a small transcript to a temporary folder.
@Suite("Speaker names and reader options")
struct SpeakerNamesTests {
    /// Bill Clinton 2 turns, Hillary Clinton 1, Donald Trump 2 (3 tokens); "(Laughter.)" twice,
    /// both in Trump's turns, "[crosstalk]" once in Bill Clinton's.
    static let debate = """
        Bill Clinton: We will build a bridge. [crosstalk]

        Donald Trump: Wrong. (Laughter.)

        Hillary Clinton: Let me answer that.

        Donald Trump: Wrong again. (Laughter.)

        Bill Clinton: Thank you.
        """

    /// MS. PSAKI 3 turns and two misspellings, MODERATOR 2 and one, two Bushes who are not
    /// one person.
    static let briefing = """
        MODERATOR: Welcome.

        MS. PSAKI: Good afternoon.

        S. PSAKI: Two items.

        MS PSAKI: First.

        MS. PSAKI: Second.

        MODEARTOR: Next question.

        MS. PSAKI: Go ahead.

        GEORGE W BUSH: Thank you.

        GEORGE HW BUSH: And I.

        MODERATOR: Thanks.
        """

    private func session(_ text: String, load options: String = "") throws -> (Session, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("t.txt"), atomically: true, encoding: .utf8)
        var session = Session.withSeed(baseDirectory: folder.path)
        let loaded = try output("load t.txt --no-cache " + options, in: &session)
        return (session, loaded)
    }

    private func output(_ line: String, in session: inout Session) throws -> String {
        return try session.execute(line)?.text ?? ""
    }

    private func error(_ line: String, in session: inout Session) -> String? {
        do {
            _ = try session.execute(line)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("a bare name that matches several speakers is an error listing them in filter, subset, compare and turns")
    func ambiguousNames() throws {
        var (session, _) = try session(Self.debate)
        let message = #""Clinton" names 2 speakers: "Bill Clinton", "Hillary Clinton"; give the full name in quotes, or *Clinton to take them all"#
        #expect(error("filter speaker:Clinton", in: &session) == message)
        #expect(error("subset c speaker:Clinton", in: &session) == message)
        #expect(error("compare Trump Clinton", in: &session) == message)
        #expect(error("turns --speaker Clinton", in: &session) == message)
        // A wildcard takes both on purpose; a full name or a unique last name takes one.
        _ = try session.execute("filter speaker:*Clinton")
        #expect(session.selection?.members == [0, 2, 4])
        _ = try session.execute("filter speaker:\"Hillary Clinton\"")
        #expect(session.selection?.members == [2])
        _ = try session.execute("filter speaker:Trump")
        #expect(session.selection?.members == [1, 3])
        _ = try session.execute("filter off")
        #expect(try output("turns --speaker Trump --format tsv", in: &session).split(separator: "\n").count == 3)
    }

    @Test("speakers --check lists likely variants with the alias that merges them; load says so in one line")
    func variants() throws {
        var (session, loaded) = try session(Self.briefing)
        #expect(loaded.split(separator: "\n").last == "5 speaker names look like spellings of 2 names; speakers --check lists them")
        let table = try output("speakers --check --format tsv", in: &session)
        #expect(table == """
            speaker\tvariants\tturns\tmerge with
            MS. PSAKI\tMS PSAKI | S. PSAKI\t3 | 1 | 1\talias "MS. PSAKI" "MS PSAKI" "S. PSAKI"
            MODERATOR\tMODEARTOR\t2 | 1\talias MODERATOR MODEARTOR

            """)
        // The alias it proposes runs as it is.
        _ = try session.execute(#"alias "MS. PSAKI" "MS PSAKI" "S. PSAKI""#)
        #expect(try output("speakers --check --format tsv", in: &session).split(separator: "\n").count == 2)
    }

    @Test("a last name that names several spellings of one name takes them all; two people stay an error")
    func lastNameOfVariants() throws {
        var (session, _) = try session(Self.briefing)
        // MS. PSAKI (3 turns), MS PSAKI and S. PSAKI: the five turns of one press secretary.
        _ = try session.execute("filter speaker:Psaki")
        #expect(session.selection?.count == 5)
        // George W Bush and George HW Bush are two people: "Bush" stays ambiguous.
        #expect(throws: CommandError.self) { try session.execute("filter speaker:Bush") }
    }

    @Test("load takes an option for every rule: --all-labels, --strict-alternation, --no-lists, --keep-notes")
    func loadOptions() throws {
        let text = """
            MS. PSAKI: These steps include:

            - More support.

            Newsweek: reported it.

            MS. PSAKI: (Laughter.) Next.
            """
        var (session, loaded) = try session(text)
        // These steps include More support Newsweek reported it (8) + Next (1); the note is no word.
        #expect(loaded.hasPrefix("loaded 1 document, 2 turns, 1 speaker, 9 tokens"))
        (session, loaded) = try self.session(text, load: "--all-labels")
        #expect(loaded.hasPrefix("loaded 1 document, 3 turns, 2 speakers"))
        (session, loaded) = try self.session(text, load: "--no-lists")
        #expect(loaded.hasPrefix("loaded 1 document, 3 turns"))
        (session, loaded) = try self.session(text, load: "--keep-notes")
        #expect(loaded.hasPrefix("loaded 1 document, 2 turns, 1 speaker, 10 tokens"))
        // A greeting after someone else's turn is a third person's; strict alternation says Ann Lee.
        let greeting = "Ann Lee: Hi.\n\n- John Smith, News. A question.\n\n- Good afternoon. Why now?"
        (session, loaded) = try self.session(greeting)
        #expect(try output("turns --format tsv", in: &session).contains("\tUnknown\t4\tGood afternoon. Why now?"))
        (session, loaded) = try self.session(greeting, load: "--strict-alternation")
        #expect(try output("turns --format tsv", in: &session).contains("\tAnn Lee\t4\tGood afternoon. Why now?"))
        let help = try output("help load", in: &session)
        for option in ["--all-labels", "--strict-alternation", "--no-alternation", "--no-lists", "--no-merge", "--keep-notes"] {
            #expect(help.contains(option), "\(option)")
        }
    }

    @Test("count and kwic find notes with a query in parentheses; other verbs say they take words")
    func noteQueries() throws {
        var (session, _) = try session(Self.debate)
        #expect(try output("count \"(laughter)\" --by speaker --format tsv", in: &session) == """
            speaker\thits\ttokens\tper_10k\tturns
            Donald Trump\t2\t3\t6666.67\t2
            Bill Clinton\t0\t7\t0.00\t0
            Hillary Clinton\t0\t4\t0.00\t0

            """)
        #expect(try output("count \"(*)\" --format tsv", in: &session).contains("(*)\t3\t"))
        #expect(try output("kwic \"(cross*)\" --format tsv", in: &session) == """
            number\tdocument\tturn\tspeaker\tposition\tleft\tnode\tright
            1\tt\t1\tBill Clinton\t5\tWe will build a bridge.\t[crosstalk]\t

            """)
        #expect(error("collocates \"(laughter)\"", in: &session)?.hasPrefix("collocates works on words") == true)
        #expect(error("kwic \"(laughter)\" --sort 1R", in: &session) == "--sort orders words; notes are listed in corpus order")
        // The note is not a word: the word query finds nothing.
        #expect(try output("count laughter --format tsv", in: &session).contains("laughter\t0\t"))
    }
}
