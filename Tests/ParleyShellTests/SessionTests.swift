import Foundation
import ParleyCore
import ParleyShell
import Testing

/// Runs commands on a session over the seed and returns what they print.
private func run(_ lines: String..., in session: inout Session) throws -> String {
    var output = ""
    for line in lines {
        output += try session.execute(line)?.text ?? ""
    }
    return output
}

private func seedSession() -> Session { Session.withSeed(baseDirectory: FileManager.default.temporaryDirectory.path) }

@Suite("Commands on the seed")
struct SessionTests {
    @Test("info reports the totals of DESIGN.md §3")
    func info() throws {
        var session = seedSession()
        let expected = """
            corpus                 seeds (built in)
            documents              1
            turns                  5
            preamble               0
            speakers               2
            tokens                 927
            outside_speech_tokens  0
            types                  391
            filter
            selected_turns         5
            selected_tokens        927
            analysed_tokens        927

            """
        #expect(try run("info", in: &session) == expected)
    }

    @Test("speakers: counts per speaker, sorted by tokens; percent = tokens / 927")
    func speakers() throws {
        var session = seedSession()
        // 760 / 927 = 82.0 %, 167 / 927 = 18.0 %.
        let expected = """
            speaker         turns  tokens  types  percent
            --------------  -----  ------  -----  -------
            Vladimir Putin      3     760    332     82.0
            Ilya Petrenko       2     167    120     18.0

            """
        #expect(try run("speakers", in: &session) == expected)
        #expect(try run("speakers --sort name --format csv", in: &session)
            == "speaker,turns,tokens,types,percent\nIlya Petrenko,2,167,120,18.0\nVladimir Putin,3,760,332,82.0\n")
    }

    @Test("turns --format json: five objects with document, turn, speaker, tokens, text")
    func turnsJSON() throws {
        var session = seedSession()
        let json = try run("turns --format json", in: &session)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.count == 5)
        #expect(objects.map { $0["turn"] as? Int } == [1, 2, 3, 4, 5])
        #expect(objects.map { $0["speaker"] as? String } == [
            "Vladimir Putin", "Ilya Petrenko", "Vladimir Putin", "Ilya Petrenko", "Vladimir Putin",
        ])
        #expect(objects.map { $0["tokens"] as? Int } == [29, 39, 5, 128, 726])
        #expect(objects[2]["text"] as? String == "Why \"seems\"? It's simply evident.")
        #expect(objects.allSatisfy { $0["document"] as? String == "000_013e30cfbeefef5c" })
    }

    @Test("csv and tsv fields: quoted or flattened exactly when a character asks for it")
    func delimitedFields() {
        // Characters that need care in csv or tsv (comma, quote, tab, every line break of
        // Character.isNewline, CR LF as one), and neighbours that share their bytes but need none.
        let pieces = [
            "a", "Court", " ", ",", "\"", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}",
            "\u{1028}", "\u{A8}", "\u{C5}", "é", "😀", ";",
        ]
        var random = SeededGenerator(seed: 3)
        for _ in 0..<2_000 {
            let fields = (0..<2).map { _ in
                (0..<Int(random.next() % 8)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            }
            let table = Table(columns: [Table.Column("x"), Table.Column("y")], rows: [fields.map(Table.Value.text)])
            let csv = fields.map { text in
                guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
                return "\"" + text.replacing("\"", with: "\"\"") + "\""
            }
            let tsv = fields.map { String($0.map { $0 == "\t" || $0.isNewline ? " " : $0 }) }
            #expect(OutputFormat.csv.render(Report([("rows", table)], primary: "rows"), width: 80) == "x,y\n" + csv.joined(separator: ",") + "\n")
            #expect(OutputFormat.tsv.render(Report([("rows", table)], primary: "rows"), width: 80) == "x\ty\n" + tsv.joined(separator: "\t") + "\n")
        }
        // A quote or tab before a combining mark is one Character with it, but still a quote or a
        // tab to a csv or tsv reader: it is doubled or flattened all the same.
        let mark = "\u{301}"
        let marked = Table(columns: [Table.Column("x")], rows: [[.text("a\"" + mark + "b\t" + mark)]])
        let (csv, tsv) = ("x\n\"a\"\"" + mark + "b\t" + mark + "\"\n", "x\na\"" + mark + "b " + mark + "\n")
        #expect(OutputFormat.csv.render(Report([("rows", marked)], primary: "rows"), width: 80) == csv)
        #expect(OutputFormat.tsv.render(Report([("rows", marked)], primary: "rows"), width: 80) == tsv)
    }

    @Test("a JSON string holds any text: a JSON parser reads back exactly what was written")
    func jsonStrings() throws {
        let control = String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) })
        for text in ["", "plain words", "quote \" and backslash \\ and /", control, "caf\u{E9} \u{1F600} \u{2028}\u{2029} \u{7F}", "\\\"\n\\"] {
            let written = JSONRenderer.string(text)
            // Wrapped in an array, so that JSONSerialization (an independent parser) takes it.
            let parsed = try JSONSerialization.jsonObject(with: Data("[\(written)]".utf8)) as? [String]
            #expect(parsed == [text])
            // Nothing below U+0020 is written raw.
            #expect(!written.utf8.contains { $0 < 0x20 })
        }
        #expect(JSONRenderer.string("a\tb\u{1}") == #""a\tb\u0001""#)
    }

    @Test("turns in a table fit the width; --speaker and --limit select")
    func turnsTable() throws {
        var session = seedSession()
        let table = try run("turns --speaker \"Ilya Petrenko\" --limit 1", in: &session)
        let lines = table.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(lines[2].hasPrefix("000_013e30cfbeefef5c     2  Ilya Petrenko      39  Ilya Petrenko, Russia"))
        #expect(lines[2].hasSuffix("…"))
        _ = try run("set width 60", in: &session)
        #expect(try run("turns", in: &session).split(separator: "\n").allSatisfy { $0.count <= 60 })
    }

    @Test("csv quotes fields with commas and quotes; tsv flattens tabs and line breaks")
    func delimited() throws {
        var session = seedSession()
        let csv = try run("turns --format csv", in: &session)
        #expect(csv.hasPrefix("document,turn,speaker,tokens,text\n"))
        #expect(csv.contains(#"000_013e30cfbeefef5c,3,Vladimir Putin,5,"Why ""seems""? It's simply evident.""#))
        let tsv = try run("turns --format tsv", in: &session)
        #expect(tsv.split(separator: "\n").count == 6)
        #expect(tsv.split(separator: "\n").allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 5 })
    }

    @Test("--out writes the file atomically and says so; the format follows the extension")
    func out() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var session = Session.withSeed(baseDirectory: folder.path)
        #expect(try run("speakers --out s.csv", in: &session) == "wrote 2 rows to s.csv (csv)\n")
        let written = try String(contentsOf: folder.appendingPathComponent("s.csv"), encoding: .utf8)
        #expect(written.hasPrefix("speaker,turns,tokens,types,percent\nVladimir Putin,3,760,332,82.0\n"))
        #expect(throws: CommandError.self) { try session.execute("speakers --out missing/s.csv") }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("missing").path))
    }

    @Test("a failed load keeps the previous corpus")
    func failedLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0x41, 0x3A, 0x20, 0xFF]).write(to: folder.appendingPathComponent("bad.txt"))
        try Data().write(to: folder.appendingPathComponent("empty.txt"))
        var session = Session.withSeed(baseDirectory: folder.path)
        let cases: [(String, String)] = [
            ("load nowhere", "no such file or folder: nowhere"),
            ("load bad.txt", "bad.txt is not valid UTF-8 at byte offset 3 (use load --lenient to replace bad bytes with U+FFFD)"),
            ("load empty.txt", "empty.txt is empty: a transcript needs some text"),
            ("load", "load is missing an argument; usage: \(session.loadUsage)"),
        ]
        for (line, message) in cases {
            do {
                _ = try session.execute(line)
                Issue.record("\(line) did not fail")
            } catch {
                #expect(error.message == message)
            }
            #expect(session.corpus.tokenCount == 927)
        }
        #expect(try run("load bad.txt --lenient", in: &session)
            == "loaded 1 document, 1 turn, 1 speaker, 0 tokens, 0 types; replaced 1 invalid UTF-8 sequence with U+FFFD\n")
    }

    @Test("errors name the offending word and what would be right")
    func errors() {
        var session = seedSession()
        let cases: [(String, String, Range<Int>?)] = [
            ("frobnicate", #"unknown command "frobnicate"; "help" lists the commands"#, 0..<10),
            ("speakrs", #"unknown command "speakrs"; did you mean "speakers"? ("help" lists the commands)"#, 0..<7),
            ("turns --limit abc", #"--limit expects a number, got "abc""#, 14..<17),
            ("turns --limit", "--limit expects a number, got nothing", 6..<13),
            ("turns --width 3", #"unknown option "--width"; turns takes --speaker, --doc, --turn, --position, --length, --limit, --meta, --format, --out"#, 6..<13),
            ("turns --format xml", #"--format expects one of table, csv, tsv, json, svg, chart, got "xml""#, 15..<18),
            ("turns --speaker Putn", #"unknown speaker "Putn"; did you mean "Vladimir Putin"? ("speakers" lists them)"#, 16..<20),
            ("info extra", #"info does not take "extra" here; usage: info"#, 5..<10),
            ("set width 9", #"width expects a number from 40 to 400, got "9""#, 10..<11),
            ("help kwik", #"unknown command "kwik"; did you mean "kwic"?"#, 5..<9),
        ]
        for (line, message, columns) in cases {
            do {
                _ = try session.execute(line)
                Issue.record("\(line) did not fail")
            } catch {
                #expect(error.message == message, "\(line)")
                #expect(error.columns == columns, "\(line)")
            }
        }
    }

    @Test("alias merges speakers until the next load")
    func alias() throws {
        var session = seedSession()
        #expect(try run("alias Interviewer \"Ilya Petrenko\"", in: &session)
            == "merged \"Ilya Petrenko\" into \"Interviewer\" (2 turns); 2 speakers\n")
        #expect(session.corpus.speakers == ["Interviewer", "Vladimir Putin"])
        _ = try run("alias \"Vladimir Putin\" Interviewer", in: &session)
        #expect(session.corpus.speakerStatistics() == [SpeakerStatistics(speaker: "Vladimir Putin", turns: 5, tokens: 927, types: 391)])
    }

    @Test("help lists every verb and explains each one")
    func help() throws {
        var session = seedSession()
        let overview = try run("help", in: &session)
        for verb in ["load", "info", "speakers", "turns", "alias", "set", "help", "quit"] {
            #expect(overview.contains("  \(verb) "), "\(verb)")
            let page = try run("help \(verb)", in: &session)
            #expect(page.hasPrefix("usage: \(verb)"), "\(verb)")
            #expect(page.contains("example: "), "\(verb)")
        }
        #expect(try run("help load", in: &session).contains("--no-alternation"))
        #expect(try run("help turns", in: &session).contains("--format table|csv|tsv|json"))
    }

    @Test("blank lines and comments do nothing; quit ends the session")
    func quit() throws {
        var session = seedSession()
        #expect(try session.execute("   ") == nil)
        #expect(try session.execute("# note to self") == nil)
        #expect(try session.execute("quit") == .quit)
        #expect(try session.execute("exit") == .quit)
    }

    @Test("a mistyped verb, option or --by key gets the nearest names; help filter lists meta:")
    func suggestions() throws {
        var session = Session.withSeed(baseDirectory: "/")
        // A swap of two letters is one edit.
        #expect(session.perform("kwci we").error?.message.contains("did you mean \"kwic\"?") == true)
        #expect(session.perform("kwic we --srot 1R").error?.message.contains("did you mean \"--sort\"?") == true)
        #expect(session.perform("count we --by speekr").error?.message
            == "no metadata key \"speekr\": --by takes speaker, doc; this corpus has no metadata keys; did you mean \"speaker\"?")
        #expect(session.perform("help filter").output.contains("meta:KEY=VALUE"))
    }

    @Test("a concordance fits the width, giving up context before the document's name")
    func fittingTables() throws {
        var session = Session.withSeed(baseDirectory: "/")
        for width in [60, 100, 160] {
            _ = try session.execute("set width \(width)")
            let lines = try (session.execute("kwic terror*")?.text ?? "").split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= width }, "width \(width)")
            // Wide enough: the whole stem (20 characters) shows, and the context is at least 20.
            if width >= 160 { #expect(lines[2].contains("000_013e30cfbeefef5c     1  Vladimir Putin")) }
            // Too narrow for every column: turn and position give way (csv and json keep them).
            #expect(lines[0].contains("position") == (width >= 100), "width \(width)")
        }
        // At a terminal the table is shown at its width, and recorded at the fixed one.
        session = Session.withSeed(baseDirectory: "/")
        var display = StringSink()
        let performed = session.perform("kwic terror*", display: &display, width: 160)
        let (shown, recorded) = (display.text, performed.stored)
        #expect(shown.split(separator: "\n").map(\.count).max()! > 100)
        #expect(recorded.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test("documents are named by their shortest unique form, or as set doc-label says")
    func documentLabels() throws {
        // Two files share the stem "a": their labels keep one folder each; "b" stands alone.
        #expect(DocumentLabels.shortest(["x/2021/a.txt", "x/2022/a.txt", "x/2022/b.md", "s.csv#01/02"])
            == ["2021/a", "2022/a", "b", "s#01/02"])
        #expect(DocumentLabels.shortest(["a.txt", "d/a.txt"]) == ["a.txt", "d/a"])
        // A dot in a folder, a leading dot, two extensions; and the same cuts for a name that
        // is not ASCII (cut by Characters, not bytes).
        #expect(DocumentLabels.shortest(["a/b.c/d", "e/.hidden", "x/y.tar.gz"]) == ["d", ".hidden", "y.tar"])
        #expect(DocumentLabels.shortest(["é/b.c/d", "é/.hidden", "é/y.tar.gz", "é/y.tar"]) == ["d", ".hidden", "y.tar", "y"])
        #expect(DocumentLabels.shortest(["é/a.txt", "ü/a.txt", "a/a.txt"]) == ["é/a", "ü/a", "a/a"])
        #expect(DocumentLabels.shortest(["q/r/s.txt", "p/r/s.txt", "q/t/s.txt"]) == ["q/r/s", "p/r/s", "t/s"])
        var session = Session.withSeed(baseDirectory: "/")
        let cell = { (session: inout Session) throws -> Substring in
            try (session.execute("turns --limit 1 --format tsv")?.text ?? "").split(separator: "\n")[1].prefix { $0 != "\t" }
        }
        #expect(try cell(&session) == "000_013e30cfbeefef5c")
        _ = try session.execute("set doc-label path")
        #expect(try cell(&session) == "seeds/000_013e30cfbeefef5c.txt")
        #expect(throws: CommandError.self) { try session.execute("set doc-label nickname") }
    }

    @Test("the built-in seed is byte for byte seeds/000_013e30cfbeefef5c.txt")
    func embeddedSeed() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try Data(contentsOf: root.appendingPathComponent("seeds/000_013e30cfbeefef5c.txt"))
        #expect(SeedCorpus.bytes == Array(file))
    }

    @Test("a regular expression of more than 256 UTF-16 units finds what a short one does (the fuzzer's long patterns)")
    func longRegularExpression() throws {
        var session = seedSession()
        let hits = { (query: String, session: inout Session) throws -> String in
            let csv = try run("count \(query) --format csv", in: &session).split(separator: "\n")
            return String(csv[1].split(separator: ",")[1])
        }
        // Foundation leaks a copy of such a pattern (Tests/Fuzz/lsan.supp); the matching is right.
        let long = "/the|" + Array(repeating: "zqzq", count: 70).joined(separator: "|") + "/"
        #expect(long.utf16.count > 256)
        let expected = try hits("the", &session)
        #expect(Int(expected)! > 0)
        #expect(try hits(long, &session) == expected)
        _ = try session.execute("filter contains:\(long)")
        #expect(try hits("the", &session) == expected)
    }
}

extension Session {
    fileprivate var loadUsage: String { "load PATH… [--format NAME] [--speaker-col C] [--text-col C] [--doc-col C[,C…]] [--title auto|none|first] [--label REGEX] [--all-labels] [--no-dash-turns] [--strict-alternation] [--no-alternation] [--no-lists] [--no-merge] [--no-questions] [--keep-notes] [--lemmas en|none|FILE] [--lenient] [--no-cache] [--as NAME] [--add]" }
}
