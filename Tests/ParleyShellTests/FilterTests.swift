import Foundation
import ParleyShell
import Testing

/// Filters and subsets on the seed: turns 1, 3, 5 are Putin's (29, 5, 726 tokens), turns 2 and
/// 4 Petrenko's (39, 128); "terror*" occurs in turns 1, 4 and 5.
@Suite("Filters and subsets")
struct FilterTests {
    private func session() -> Session { Session.withSeed(baseDirectory: FileManager.default.temporaryDirectory.path) }

    private func output(_ line: String, in session: inout Session) throws -> String {
        return try session.execute(line)?.text ?? ""
    }

    private func turnsSelected(_ expression: String) throws -> [Int] {
        var session = session()
        _ = try session.execute("filter " + expression)
        return session.selection?.members.map { $0 + 1 } ?? []
    }

    @Test("terms, and, or, not and parentheses, with not tightest and and before or")
    func expressions() throws {
        #expect(try turnsSelected("speaker:Putin") == [1, 3, 5])
        #expect(try turnsSelected("speaker:\"Ilya Petrenko\"") == [2, 4])
        #expect(try turnsSelected("speaker:*renko") == [2, 4])
        #expect(try turnsSelected("contains:terror*") == [1, 4, 5])
        #expect(try turnsSelected("not contains:terror*") == [2, 3])
        #expect(try turnsSelected("speaker:Putin and contains:terror*") == [1, 5])
        #expect(try turnsSelected("speaker:Petrenko or speaker:Putin and contains:terror*") == [1, 2, 4, 5])
        #expect(try turnsSelected("(speaker:Petrenko or speaker:Putin) and contains:terror*") == [1, 4, 5])
        #expect(try turnsSelected("not (speaker:Petrenko or contains:evident)") == [1, 5])
        #expect(try turnsSelected("doc:000_*") == [1, 2, 3, 4, 5])
        #expect(try turnsSelected("contains:\"fight against terrorism\"") == [1, 5])
    }

    @Test("the filter applies to later commands, info shows it, filter off clears it")
    func applies() throws {
        var session = session()
        #expect(try output("filter speaker:Petrenko", in: &session)
            == "filter speaker:Petrenko: 2 turns, 167 tokens (18.0% of the corpus)\n")
        #expect(try output("count terror*", in: &session).contains("terror*     1     167    59.88      1"))
        #expect(try output("info", in: &session).contains("filter                 speaker:Petrenko\nselected_turns         2\nselected_tokens        167\nanalysed_tokens        167\n"))
        #expect(try output("filter", in: &session).hasPrefix("filter speaker:Petrenko: 2 turns"))
        #expect(try output("filter off", in: &session) == "filter off: 5 turns, 927 tokens (100.0% of the corpus)\n")
        #expect(session.selection == nil)
    }

    @Test("subsets: in:NAME, compare by name, listing, removal; a load clears them")
    func subsets() throws {
        var session = session()
        _ = try session.execute("subset terror contains:terror*")
        _ = try session.execute("subset quiet not in:terror")
        #expect(session.subsets["quiet"]?.turns.members == [1, 2])
        #expect(try output("subset", in: &session).contains("quiet       2      44  not in:terror"))
        _ = try session.execute("filter in:terror and speaker:Putin")
        #expect(session.selection?.members == [0, 4])
        #expect(try output("subset quiet off", in: &session) == "removed subset quiet\n")
        #expect(session.subsets["quiet"] == nil)
        #expect(try output("load ../nowhere-else-but-here", in: &session, orError: true).contains("no such file"))
        #expect(session.subsets["terror"] != nil)
    }

    @Test("bad expressions: one line naming the word; the filter stays as it was")
    func errors() throws {
        var session = session()
        _ = try session.execute("filter speaker:Putin")
        let before = session.filter
        let cases: [(String, String)] = [
            ("filter speaker:Putn", #"unknown speaker "Putn"; did you mean "Vladimir Putin"? ("speakers" lists them)"#),
            ("filter in:early", #"unknown subset "early"; no subsets yet; subset NAME EXPR makes one"#),
            ("filter speaker:Putin and", "the expression ends too early; expected speaker:, doc:, contains:, in: or meta: here"),
            ("filter (speaker:Putin or speaker:Petrenko", "this ( is never closed"),
            ("filter speaker:Putin)", "this ) has no matching ("),
            ("filter Putin", #"expected speaker:NAME, doc:NAME, contains:QUERY, in:SUBSET, meta:KEY=VALUE or corpus:NAME, got "Putin""#),
            ("filter speaker:", #"speaker: needs a value, as in speaker:"Vladimir Putin" or speaker:Putin*"#),
            ("filter contains:/terror(/", "invalid regular expression /terror(/: expected ')'"),
            ("filter speaker:Putin and speaker:Petrenko", "speaker:Putin and speaker:Petrenko selects no turns; the filter is unchanged"),
            ("subset x speaker:Putin and contains:nothingatall", "speaker:Putin and contains:nothingatall selects no turns; no subset made"),
        ]
        for (line, message) in cases {
            #expect(throws: CommandError.self, "\(line)") { try session.execute(line) }
            do { _ = try session.execute(line) } catch { #expect(error.message == message, "\(line)") }
            #expect(session.filter == before)
        }
    }
}

extension FilterTests {
    /// The output, or the error message when `orError` and the command fails.
    fileprivate func output(_ line: String, in session: inout Session, orError: Bool) throws -> String {
        do { return try output(line, in: &session) } catch let error as CommandError { return error.message }
    }
}
