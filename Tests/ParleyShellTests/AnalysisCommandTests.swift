import Foundation
import ParleyShell
import Testing

/// The research verbs on the seed. Expected figures come from Tests/Scripts/seed_figures.py,
/// which shares no code with Parley (the §4 regex, turns assigned by hand, formulas written out).
@Suite("Research commands on the seed")
struct AnalysisCommandTests {
    private func session() -> Session { Session.withSeed(baseDirectory: FileManager.default.temporaryDirectory.path) }

    /// Runs one command with `--format json` and parses what it prints.
    private func json(_ line: String, in session: inout Session) throws -> Any {
        guard case .output(let output) = try session.execute(line + " --format json") else {
            throw CommandError("no output")
        }
        let text = output.text
        return try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    private func rows(_ line: String, in session: inout Session) throws -> [[String: Any]] {
        try #require(try json(line, in: &session) as? [[String: Any]])
    }

    @Test("kwic terrorism: 4 lines, all Putin's; 1R words in, in, even, with")
    func kwic() throws {
        var session = session()
        let lines = try rows("kwic terrorism", in: &session)
        #expect(lines.count == 4)
        #expect(lines.map { $0["number"] as? Int } == [1, 2, 3, 4])
        #expect(Set(lines.compactMap { $0["speaker"] as? String }) == ["Vladimir Putin"])
        #expect(lines.allSatisfy { ($0["node"] as? String) == "terrorism" })
        let firstRight = lines.map { ($0["right"] as? String)?.split(separator: " ").first.map(String.init) }
        #expect(firstRight == ["in", "in", ".", "with"])
        // With --limit, JSON holds the lines and a summary: 3 shown of 4 hits.
        let limited = try #require(try json("kwic terrorism --sort 1R --limit 3", in: &session) as? [String: Any])
        let sorted = try #require(limited["lines"] as? [[String: Any]])
        // Sorted by the next word: even < in < in < with; --limit keeps the first three.
        #expect(sorted.map { ($0["right"] as? String)?.prefix(2) } == [". ", "in", "in"])
        let summary = try #require(limited["summary"] as? [String: Any])
        #expect(summary["shown"] as? Int == 3 && summary["hits"] as? Int == 4)
    }

    @Test("freq --top 5: the 71, of 33, to 27, in 26, we 25, with their ranges 4, 4, 2, 3, 2")
    func freq() throws {
        var session = session()
        let list = try rows("freq --top 5", in: &session)
        #expect(list.map { $0["type"] as? String } == ["the", "of", "to", "in", "we"])
        #expect(list.map { $0["frequency"] as? Int } == [71, 33, 27, 26, 25])
        #expect(list.map { $0["range"] as? Int } == [4, 4, 2, 3, 2])
        #expect(list.map { $0["rank"] as? Int } == [1, 2, 3, 4, 5])
        // 71 × 10,000 / 927 = 765.91
        #expect(list.first?["per_10k"] as? Double == 765.91)
    }

    @Test("freq --ngram 2, --stopwords en and --by speaker")
    func freqOptions() throws {
        var session = session()
        let bigrams = try rows("freq --ngram 2 --top 5", in: &session)
        #expect(bigrams.map { $0["type"] as? String } == ["in the", "of the", "to the", "the united", "united states"])
        #expect(bigrams.map { $0["frequency"] as? Int } == [10, 10, 6, 5, 5])
        let content = try rows("freq --stopwords en --top 5", in: &session)
        #expect(content.map { $0["type"] as? String } == ["militants", "countries", "russia", "syria", "contribution"])
        let cleanBigrams = try rows("freq --ngram 2 --stopwords en --top 3", in: &session)
        #expect(cleanBigrams.map { $0["type"] as? String } == ["united states", "combat experience", "countries including"])
        #expect(cleanBigrams.map { $0["frequency"] as? Int } == [5, 2, 2])
        let bySpeaker = try rows("freq --top 3 --by speaker", in: &session)
        for row in bySpeaker {
            let putin = try #require(row["Vladimir Putin"] as? Int)
            let petrenko = try #require(row["Ilya Petrenko"] as? Int)
            #expect(putin + petrenko == row["frequency"] as? Int)
        }
    }

    @Test("count terror*: 6 hits, 64.72 per 10,000; Putin 5, Petrenko 1")
    func count() throws {
        var session = session()
        let total = try rows("count terror*", in: &session)
        #expect(total.first?["hits"] as? Int == 6)
        #expect(total.first?["per_10k"] as? Double == 64.72)
        let bySpeaker = try rows("count terror* --by speaker", in: &session)
        #expect(bySpeaker.map { $0["speaker"] as? String } == ["Vladimir Putin", "Ilya Petrenko"])
        #expect(bySpeaker.map { $0["hits"] as? Int } == [5, 1])
    }

    @Test("collocates the: of and countries as computed independently")
    func collocates() throws {
        var session = session()
        let list = try rows("collocates the --window 5 5 --top all", in: &session)
        let of = try #require(list.first { $0["collocate"] as? String == "of" })
        #expect(of["cooccurrence"] as? Int == 27)
        #expect(of["frequency"] as? Int == 33)
        #expect(of["expected"] as? Double == 18.725)
        #expect(of["ll"] as? Double == 9.67)
        #expect(of["mi"] as? Double == 0.528)
        #expect(of["mi3"] as? Double == 10.038)
        #expect(of["t"] as? Double == 1.593)
        #expect(of["logdice"] as? Double == 13.054)
        let countries = try #require(list.first { $0["collocate"] as? String == "countries" })
        #expect(countries["ll"] as? Double == 6.83)
        #expect(countries["logdice"] as? Double == 11.318)
        #expect(list.allSatisfy { ($0["cooccurrence"] as? Int ?? 0) >= 3 })
        let byMI = try rows("collocates the --measure mi --top 3", in: &session)
        let mi = byMI.compactMap { $0["mi"] as? Double }
        #expect(mi == mi.sorted(by: >))
    }

    @Test("dispersion terrorism --by turn: hits [1, 0, 0, 0, 3], D 0.1276, DP 0.2187, DPnorm 0.2199")
    func dispersion() throws {
        var session = session()
        let report = try #require(try json("dispersion terrorism --by turn", in: &session) as? [String: Any])
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["hits"] as? Int == 4)
        #expect(summary["range"] as? Int == 2)
        #expect(summary["juilland_d"] as? Double == 0.1276)
        #expect(summary["dp"] as? Double == 0.2187)
        #expect(summary["dp_norm"] as? Double == 0.2199)
        let parts = try #require(report["parts"] as? [[String: Any]])
        #expect(parts.map { $0["hits"] as? Int } == [1, 0, 0, 0, 3])
        #expect(parts.map { $0["tokens"] as? Int } == [29, 39, 5, 128, 726])
        #expect(parts.allSatisfy { $0["plot"] == nil })
        guard case .output(let table) = try session.execute("dispersion terrorism --by turn") else { return }
        #expect(table.text.contains("[................|.......................]"))
    }

    @Test("compare Putin with Petrenko: summary and keywords as computed independently")
    func compare() throws {
        var session = session()
        let report = try #require(try json("compare \"Vladimir Putin\" \"Ilya Petrenko\"", in: &session) as? [String: Any])
        let summary = try #require(report["summary"] as? [[String: Any]])
        #expect(summary.map { $0["tokens"] as? Int } == [760, 167])
        #expect(summary.map { $0["types"] as? Int } == [332, 120])
        #expect(summary.map { $0["turns"] as? Int } == [3, 2])
        let keywords = try #require(report["keywords"] as? [[String: Any]])
        // At p < 0.05 with a + b ≥ 3 exactly three types are key: we (A), do and you (B).
        #expect(keywords.map { $0["type"] as? String } == ["we", "do", "you"])
        #expect(keywords.map { $0["side"] as? String } == ["A", "B", "B"])
        #expect(keywords.map { $0["g2"] as? Double } == [4.66, -10.33, -9.18])
        #expect(keywords.map { $0["log_ratio"] as? Double } == [2.399, -4.771, -4.186])
        #expect(keywords.map { $0["pct_diff"] as? Double } == [427.4, -100.0, -94.5])
        // rest is the other speaker here, so it gives the same keywords.
        let rest = try #require(try json("compare Putin rest", in: &session) as? [String: Any])
        #expect((rest["keywords"] as? [[String: Any]])?.count == 3)
        // Bonferroni over the types tested leaves none of them significant.
        let strict = try #require(try json("compare Putin rest --bonferroni", in: &session) as? [String: Any])
        #expect((strict["keywords"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test("csv of a report carries its rows; every verb's JSON parses")
    func formats() throws {
        var session = session()
        guard case .output(let output) = try session.execute("compare Putin rest --format csv") else { return }
        let csv = output.text
        #expect(csv.hasPrefix("side,type,a,b,range_a,range_b,per_10k_a,per_10k_b,g2,bic,log_ratio,lr_low,lr_high,pct_diff\nA,we,24,1,"))
        for line in [
            "info", "speakers", "turns", "kwic terror*", "count war", "freq", "collocates of", "dispersion we",
            "compare Putin Petrenko", "subset",
        ] {
            _ = try json(line, in: &session)
        }
    }

    @Test("bad input: one clear line each, nothing written, the session intact")
    func badInput() throws {
        var session = session()
        _ = try session.execute("filter speaker:Putin")
        let cases: [(String, String)] = [
            ("kwic /terror(/", "invalid regular expression /terror(/: expected ')'"),
            ("kwic \"\"", "the query is empty; give a word, a wildcard (terror*), a /regex/ or a phrase in quotes"),
            ("kwic fight against", #"kwic takes one query; quote a phrase: kwic "fight against""#),
            ("kwic the --width 500", "--width expects a number from 1 to 200, got 500"),
            ("kwic the --sort 1X", "--sort expects keys from node, 1L, 2L, 3L, 4L, 5L, 1R, 2R, 3R, 4R, 5R, speaker, doc, got \"1X\""),
            ("collocates the --window 30 5", #"--window expects two numbers from 0 to 20, got "30""#),
            ("collocates the --window 0 0", "--window 0 0 holds no words; give at least one side a width"),
            ("compare Zelensky rest", #"unknown speaker or subset "Zelensky"; "speakers" and "subset" list them"#),
            ("compare Petrenko rest", #""Petrenko" has no turns in the selection"#),
            ("freq --ngram 0", "--ngram expects a number from 1 to 8, got 0"),
            ("kwic the --out no/such/folder/lines.csv", #"--out cannot write "no/such/folder/lines.csv": the folder "#),
        ]
        for (line, message) in cases {
            do {
                _ = try session.execute(line)
                Issue.record("\(line) did not fail")
            } catch {
                #expect(error.message.hasPrefix(message), "\(line)")
                #expect(!error.message.contains("\n"))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: session.resolve("no/such/folder")))
        #expect(session.filter?.expression == "speaker:Putin")
    }

    @Test("--out writes the rows in the format of the file's extension")
    func out() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var session = Session.withSeed(baseDirectory: folder.path)
        // A status line, not a result: script mode prints it on standard error.
        #expect(try session.execute("kwic terrorism --out lines.tsv") == .status("wrote 4 rows to lines.tsv (tsv)\n"))
        let text = try String(contentsOf: folder.appendingPathComponent("lines.tsv"), encoding: .utf8)
        #expect(text.split(separator: "\n").count == 5)
        #expect(text.hasPrefix("number\tdocument\tturn\tspeaker\tposition\tleft\tnode\tright\n"))
    }
}
