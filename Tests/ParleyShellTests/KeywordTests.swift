import Foundation
import ParleyShell
import Testing

/// compare's keyword controls on a corpus small enough to count by hand: Ann's three turns
/// ("Prices rise and inflation is high." / "The weather is fine." / "Inflation, inflation.", 12
/// tokens) against Bob's two ("Inflation hurts." / "Inflation again.", 4 tokens).
@Suite("Keyword controls")
struct KeywordTests {
    private func session() throws -> Session {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-keywords-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "Ann: Prices rise and inflation is high.\n\nBob: Inflation hurts.\n\nAnn: The weather is fine.\n\nBob: Inflation again.\n\nAnn: Inflation, inflation.\n"
            .write(to: folder.appendingPathComponent("t.txt"), atomically: true, encoding: .utf8)
        var session = Session.withSeed(baseDirectory: folder.path)
        _ = try session.execute("load t.txt")
        try? FileManager.default.removeItem(at: folder)
        return session
    }

    private func rows(_ line: String, in session: inout Session) throws -> [[String]] {
        (try session.execute(line + " --format csv")?.text ?? "").split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("ranges per side, the interval and BIC in the columns; floors on Log Ratio and range; stop words")
    func controls() throws {
        var session = try session()
        let all = try rows("compare Ann Bob --min 1 --p 1 --top all", in: &session)
        let header = "side,type,a,b,range_a,range_b,per_10k_a,per_10k_b,g2,bic,log_ratio,lr_low,lr_high,pct_diff"
        #expect(try session.execute("compare Ann Bob --min 1 --p 1 --format csv")?.text.hasPrefix(header) == true)
        // inflation: 3 of Ann's 12 tokens in 2 of her turns, 2 of Bob's 4 in both of his.
        let inflation = try #require(all.first { $0[1] == "inflation" })
        #expect(inflation[0] == "B" && inflation[2...5] == ["3", "2", "2", "2"])
        // Log Ratio log2((3/12)/(2/4)) = −1; interval −1 ± 1.95996 × √(1/3 + 1/2) / ln 2 = −1 ± 2.58128.
        #expect(inflation[10...12] == ["-1.000", "-3.581", "1.581"])
        // "is": twice in two of Ann's turns, never in Bob's.
        let isRow = try #require(all.first { $0[1] == "is" })
        #expect(isRow[0] == "A" && isRow[2...5] == ["2", "0", "2", "0"])
        // --min-range 2 keeps, on A's side, only words in two of Ann's turns: is (inflation is B's).
        let ranged = try rows("compare Ann Bob --min 1 --p 1 --top all --min-range 2", in: &session)
        #expect(ranged.filter { $0[0] == "A" }.map { $0[1] } == ["is"])
        #expect(ranged.filter { $0[0] == "B" }.map { $0[1] } == ["inflation"])
        // --min-log-ratio 1.5 leaves out inflation (|−1| < 1.5); stop words leave out is, and, the.
        #expect(try rows("compare Ann Bob --min 1 --p 1 --top all --min-log-ratio 1.5", in: &session).allSatisfy { $0[1] != "inflation" })
        let stopped = try rows("compare Ann Bob --min 1 --p 1 --top all --stopwords en", in: &session).map { $0[1] }
        #expect(!stopped.contains("is") && !stopped.contains("and") && !stopped.contains("the") && stopped.contains("weather"))
    }

    @Test("--sort ranks each side by the measure chosen, the largest first for A and the most negative for B")
    func sorting() throws {
        var session = try session()
        for sort in ["g2", "log_ratio", "pct_diff", "bic"] {
            let found = try rows("compare Ann Bob --min 1 --p 1 --top all --sort \(sort)", in: &session)
            let column = ["g2": 8, "log_ratio": 10, "pct_diff": 13, "bic": 9][sort]!
            for side in ["A", "B"] {
                let values = found.filter { $0[0] == side }.map { Double($0[column]) ?? .infinity }
                // BIC is of |G²|: the strongest first on both sides.
                let ordered = side == "A" || sort == "bic" ? values.sorted(by: >) : values.sorted()
                #expect(values == ordered, "\(sort) \(side)")
            }
        }
        #expect(throws: CommandError.self) { try session.execute("compare Ann Bob --sort chi2") }
    }
}

/// Speech only by default, and numbers that read, on the briefing fixture: its preamble "James
/// S. Brady Press Briefing Room / 12:32 P.M. EDT" is 11 of its 51 tokens.
@Suite("Speech only and numbers")
struct SpeechAndNumberTests {
    private func session() throws -> Session {
        var session = Session.withSeed(baseDirectory: MetadataCommandTests.formats.path)
        _ = try session.execute("load briefing.md")
        return session
    }

    private func output(_ line: String, in session: inout Session) throws -> String {
        try session.execute(line)?.text ?? ""
    }

    @Test("analyses leave the preamble out unless set preamble on; info says how much it is")
    func preamble() throws {
        var session = try session()
        let info = try output("info --format json", in: &session)
        #expect(info.contains("\"tokens\": 51,") && info.contains("\"outside_speech_tokens\": 11,") && info.contains("\"analysed_tokens\": 40"))
        #expect(try output("kwic brady --format csv", in: &session).split(separator: "\n").count == 1)
        #expect(!(try output("freq --top all --format csv", in: &session)).contains(",brady,"))
        #expect(try output("dispersion brady --format csv", in: &session) == "doc,tokens,hits,per_10k\nbriefing,40,0,0.00\n")
        #expect(try output("count brady --format csv", in: &session) == "query,hits,tokens,per_10k,turns\nbrady,0,40,0.00,0\n")
        // The six turns of speech hold 38 types (by hand: 15 + 4 + 8 + 5 + 4 + 2 new ones); the
        // preamble adds 11 more, the 49 of info.
        #expect(try output("freq --top all --format csv", in: &session).split(separator: "\n").count == 1 + 38)
        _ = try session.execute("set preamble on")
        #expect(try output("count brady --format csv", in: &session) == "query,hits,tokens,per_10k,turns\nbrady,1,51,196.08,1\n")
        // turns lists every turn whatever the setting.
        _ = try session.execute("set preamble off")
        #expect(try output("turns --format csv", in: &session).contains("James S. Brady Press Briefing Room"))
    }

    @Test("rates keep three significant digits; --per 1m; separators only in tables and only when asked")
    func numbers() throws {
        #expect(Table.Value.rate(0.0412) == .decimal(0.0412, places: 4))
        #expect(Table.Value.rate(0.42) == .decimal(0.42, places: 3))
        #expect(Table.Value.rate(0.9996) == .decimal(0.9996, places: 2))
        #expect(Table.Value.rate(1.19) == .decimal(1.19, places: 2))
        #expect(Table.Value.rate(0) == .decimal(0, places: 2))
        #expect(Table.Value.rate(0.000_001_234) == .decimal(0.000_001_234, places: 8))
        var session = try session()
        // vaccine: once in 40 tokens; 250 per 10,000, 25,000 per million.
        #expect(try output("count vaccine --per 1m --format csv", in: &session) == "query,hits,tokens,per_1m,turns\nvaccine,1,40,25000.00,1\n")
        let big = Table(columns: [Table.Column("n")], rows: [[.integer(1_234_567)], [.integer(-4_321)], [.integer(999)]])
        #expect(OutputFormat.table.render(big, width: 80, separators: true) == "        n\n---------\n1,234,567\n   -4,321\n      999\n")
        #expect(OutputFormat.table.render(big, width: 80) == "      n\n-------\n1234567\n  -4321\n    999\n")
        #expect(OutputFormat.csv.render(big, width: 80, separators: true) == "n\n1234567\n-4321\n999\n")
        // set separators on reaches the table through the session, not csv.
        _ = try session.execute("set separators on")
        #expect(try output("info", in: &session).contains("tokens                 51\n"))
    }
}
