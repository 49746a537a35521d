import Foundation
import ParleyShell
import Testing

/// Several corpora in one session, on the seed (927 tokens) and the briefing fixture (51 tokens,
/// 40 of them speech).
@Suite("Several corpora")
struct CorporaTests {
    private func session() throws -> Session {
        var session = Session.withSeed(baseDirectory: MetadataCommandTests.formats.path)
        _ = try session.execute("load ../../../seeds --as kremlin")
        _ = try session.execute("load briefing.md --add --as briefing")
        return session
    }

    private func output(_ line: String, in session: inout Session) throws -> String {
        try session.execute(line)?.text ?? ""
    }

    @Test("load --add --as merges: every turn has its corpus, info lists them, corpus: and meta:corpus= select them")
    func merged() throws {
        var session = try session()
        #expect(session.corpusLabel == "kremlin + briefing")
        let info = try output("info --format json", in: &session)
        #expect(info.contains("\"tokens\": 978,") && info.contains("\"documents\": 2,"))
        #expect(info.contains("\"corpora\": [") && info.contains("\"corpus\": \"briefing\""))
        _ = try session.execute("filter corpus:briefing")
        #expect(session.selection?.count == 7)
        _ = try session.execute("filter meta:corpus=kremlin")
        #expect(session.selection?.count == 5)
        _ = try session.execute("filter off")
        // Psaki's "vaccine" (once in the briefing's 40 tokens of speech), counted in its corpus.
        let counted = try output("count vaccine --by corpus --format csv", in: &session)
        #expect(counted == "corpus,hits,tokens,per_10k,turns\nbriefing,1,40,250.00,1\nkremlin,0,927,0.00,0\n")
        // The documents are told apart by their corpus.
        _ = try session.execute("set doc-label path")
        #expect(try output("turns --format csv", in: &session).contains("briefing/briefing.md,"))
        #expect(throws: CommandError.self) { try session.execute("load briefing.md --add --as briefing") }
        #expect(throws: CommandError.self) { try session.execute("load briefing.md --as \"two words\"") }
        #expect(throws: CommandError.self) { try session.execute("filter corpus:nothing") }
    }

    @Test("keywords: the target against the rest or a reference; the same as compare of corpus: terms")
    func keywords() throws {
        var session = try session()
        let keywords = try output("keywords kremlin --reference briefing --min 1 --p 1 --top all --format csv", in: &session)
        let compared = try output("compare corpus:kremlin corpus:briefing --min 1 --p 1 --top all --format csv", in: &session)
        #expect(keywords == compared)
        #expect(try output("keywords kremlin --min 1 --p 1 --top all --format csv", in: &session) == keywords)
        #expect(throws: CommandError.self) { try session.execute("keywords kremlin --reference kremlin") }
        #expect(throws: CommandError.self) { try session.execute("keywords nowhere") }
        var single = Session.withSeed(baseDirectory: MetadataCommandTests.formats.path)
        #expect(throws: CommandError.self) { try single.execute("keywords seeds") }
    }
}
