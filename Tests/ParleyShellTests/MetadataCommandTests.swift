import Foundation
import ParleyShell
import Testing

/// Metadata through the commands, on the fixtures in Tests/Fixtures/formats. episodes.csv has
/// turns Michael, Jim (season 01, episode 01), Dwight (01/02) and Pam (02/01), with 8, 9, 5 and
/// 2 tokens; "beets" occurs once in Dwight's turn and once in Pam's.
@Suite("Metadata in commands")
struct MetadataCommandTests {
    static let formats = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/formats")

    private func session(_ load: String) throws -> Session {
        var session = Session.withSeed(baseDirectory: Self.formats.path)
        _ = try session.execute(load)
        return session
    }

    private func output(_ line: String, in session: inout Session) throws -> String {
        return try session.execute(line)?.text ?? ""
    }

    private func selected(_ expression: String, in session: inout Session) throws -> [Int] {
        _ = try session.execute("filter " + expression)
        return session.selection?.members ?? []
    }

    @Test("meta: terms: =, !=, ~, ordered comparisons, combined with other terms")
    func filters() throws {
        var session = try session("load episodes.csv --doc-col season,episode")
        #expect(try selected("meta:season=01", in: &session) == [0, 1, 2])
        #expect(try selected("meta:season!=01", in: &session) == [3])
        #expect(try selected("meta:episode>=02", in: &session) == [2])
        #expect(try selected("meta:director~\"^(ken|greg) \"", in: &session) == [0, 1, 2])
        #expect(try selected("meta:DIRECTOR=*einhorn", in: &session) == [3])
        #expect(try selected("meta:season=01 and not speaker:Michael", in: &session) == [1, 2])
        #expect(try selected("meta:id>3 or contains:jim", in: &session) == [0, 3])
    }

    @Test("meta: errors name the problem: no operator, an unknown key, a bad pattern")
    func filterErrors() throws {
        var session = try session("load episodes.csv")
        #expect(throws: CommandError("meta: expects KEY=VALUE, KEY!=VALUE, KEY~PATTERN or KEY>=VALUE (also >, <=, <), got \"season\"", columns: 7..<18)) {
            try session.execute("filter meta:season")
        }
        do {
            _ = try session.execute("filter meta:sesaon=01")
            Issue.record("an unknown key was accepted")
        } catch {
            #expect(error.message == "unknown metadata key \"sesaon\"; did you mean \"season\"? (\"info\" lists the keys)")
        }
        #expect(throws: CommandError.self) { try session.execute("filter meta:director~(") }
        var seed = Session.withSeed(baseDirectory: Self.formats.path)
        do {
            _ = try seed.execute("filter meta:date>=2021")
            Issue.record("a key of a corpus without metadata was accepted")
        } catch {
            #expect(error.message == "unknown metadata key \"date\"; this corpus has no metadata")
        }
    }

    @Test("turns and kwic show chosen metadata columns")
    func columns() throws {
        var session = try session("load episodes.csv --doc-col season,episode")
        #expect(try output("turns --meta season,director --format tsv", in: &session) == """
            document\tturn\tspeaker\tseason\tdirector\ttokens\ttext
            episodes#01/01\t1\tMichael\t01\tKen Kwapis\t8\tAll right Jim. Your quarterlies look very good.
            episodes#01/01\t2\tJim\t01\tKen Kwapis\t9\tOh, I told you. I couldn't close it. So...
            episodes#01/02\t1\tDwight\t01\tGreg Daniels\t5\tQuote: "Bears, beets, Battlestar Galactica."
            episodes#02/01\t1\tPam\t02\tRandall Einhorn\t2\tBeets, again?

            """)
        let kwic = try output("kwic beets --meta episode --format tsv", in: &session).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        // Each document's first turn; "beets" follows Quote and Bears, "Beets" starts its turn.
        #expect(kwic.map { $0.prefix(6).joined(separator: " ") } == [
            "number document turn speaker episode position", "1 episodes#01/02 1 Dwight 02 2", "2 episodes#02/01 1 Pam 01 0",
        ])
        #expect(kwic.map { $0[7] } == ["node", "beets", "Beets"])
        #expect(throws: CommandError.self) { try session.execute("turns --meta nope") }
    }

    @Test("freq, count and dispersion --by a metadata key; compare --by a key")
    func groupings() throws {
        var session = try session("load episodes.csv --doc-col season,episode")
        // beets: once in season 01 (Dwight, 22 tokens in season 01) and once in 02 (2 tokens).
        #expect(try output("count beets --by season --format tsv", in: &session) == "season\thits\ttokens\tper_10k\tturns\n01\t1\t22\t454.55\t1\n02\t1\t2\t5000.00\t1\n")
        #expect(try output("freq --top 1 --by season --format tsv", in: &session).hasPrefix("rank\ttype\tfrequency\tper_10k\trange\t01\t02\n"))
        let dispersion = try output("dispersion beets --by director --format tsv", in: &session)
        #expect(dispersion == "director\ttokens\thits\tper_10k\nGreg Daniels\t5\t1\t2000.00\nKen Kwapis\t17\t0\t0.00\nRandall Einhorn\t2\t1\t5000.00\n")
        let compare = try output("compare 01 02 --by season --min 1 --p 1 --format json", in: &session)
        #expect(compare.contains("\"name\": \"01\"") && compare.contains("\"tokens\": 22,") && compare.contains("\"tokens\": 2,"))
        #expect(throws: CommandError.self) { try session.execute("compare 01 07 --by season") }
        do {
            _ = try session.execute("freq --by nothing")
            Issue.record("an unknown grouping was accepted")
        } catch {
            #expect(error.message == "no metadata key \"nothing\": --by takes speaker, doc or one of the keys season, episode, director, id (KEY:PERIOD for dates)")
        }
    }

    @Test("info lists the metadata keys with where they are kept, how many values, and examples")
    func info() throws {
        var session = try session("load interview.jsonl")
        let text = try output("info", in: &session)
        #expect(text.hasSuffix("""
            key        kept_by  values  examples
            ---------  -------  ------  -----------------------
            meta.date  turn          2  2020-03-01 | 2020-03-08
            meta.tape  turn          2  1 | 2
            tags       turn          1  childhood, place

            """))
    }

    @Test("load --format and the column options; a missing column points at its option")
    func loadOptions() throws {
        var session = try session("load meeting.tsv --format tsv --speaker-col minute --text-col speaker")
        #expect(session.corpus.speakers == ["1", "2"])
        do {
            _ = try session.execute("load episodes.csv --doc-col series")
            Issue.record("a missing --doc-col column was accepted")
        } catch {
            #expect(error.message == "episodes.csv has no document column (looked for series); its columns are id, season, episode, character, text, director; name one with --doc-col")
            #expect(error.columns == 28..<34)
        }
        #expect(session.corpus.speakers == ["1", "2"])
        #expect(throws: CommandError.self) { try session.execute("load meeting.tsv --format docx") }
    }
}
