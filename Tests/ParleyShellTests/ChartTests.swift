import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ParleyNotebook
import ParleyShell
import Testing

/// Dates grouped by period, charts as SVG and block characters, charts in notebooks and the
/// HTML report. The corpus: three dated documents written here, with counts worked out by hand.
@Suite("Periods and charts")
struct ChartTests {
    /// a.md (2021-01-15): Ann 6 tokens, 1 "inflation"; Bob 2 tokens, 1. b.md (2021-03-02): Ann 4
    /// tokens, none; Bob 2 tokens, 1. c.md (2021-03-30T10:00:00Z): Ann 2 tokens, 2.
    static let documents = [
        "a.md": "---\ndate: '2021-01-15'\n---\nAnn: Prices rise and inflation is high.\n\nBob: Inflation hurts.\n",
        "b.md": "---\ndate: '2021-03-02'\n---\nAnn: The weather is fine.\n\nBob: Inflation again.\n",
        "c.md": "---\ndate: 2021-03-30T10:00:00Z\n---\nAnn: Inflation, inflation.\n",
    ]

    /// A folder with `.git` (a replay root) and the corpus in `dated/`, removed after `body`.
    private func withCorpus(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dated"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in Self.documents {
            try text.write(to: folder.appendingPathComponent("dated/" + name), atomically: true, encoding: .utf8)
        }
        try body(folder)
    }

    private func session(_ folder: URL) throws -> Session {
        var session = Session.withSeed(baseDirectory: folder.path)
        _ = try session.execute("load dated")
        return session
    }

    private func output(_ line: String, in session: inout Session) throws -> String {
        try session.execute(line)?.text ?? ""
    }

    @Test("count --by date:month lists every month, zeros and empty rates included, in time order")
    func months() throws {
        try withCorpus { folder in
            var session = try session(folder)
            #expect(try output("count inflation --by date:month --format csv", in: &session) == """
                date:month,hits,tokens,per_10k,turns
                2021-01,2,8,2500.00,2
                2021-02,0,0,,0
                2021-03,3,8,3750.00,2

                """)
            // --from and --to set the range, beyond the data too, and leave out what is outside.
            #expect(try output("count inflation --by date:month --from 2020-12 --to 2021-02 --format csv", in: &session) == """
                date:month,hits,tokens,per_10k,turns
                2020-12,0,0,,0
                2021-01,2,8,2500.00,2
                2021-02,0,0,,0

                """)
            // 2021-01-15 is in ISO week 2, 2021-03-02 in week 9, 2021-03-30 in week 13.
            let weeks = try output("count inflation --by date:week --format csv", in: &session).split(separator: "\n")
            #expect(weeks.count == 1 + 12)
            #expect(weeks[1] == "2021-W02,2,8,2500.00,2" && weeks[8] == "2021-W09,1,6,1666.67,1" && weeks[12] == "2021-W13,2,2,10000.00,1")
            #expect(try output("count inflation --by date:year,speaker --format csv", in: &session) == """
                date:year,speaker,hits,tokens,per_10k,turns
                2021,Ann,3,12,2500.00,2
                2021,Bob,2,4,5000.00,2

                """)
            #expect(try output("dispersion inflation --by date:month --format csv", in: &session) == """
                date:month,tokens,hits,per_10k
                2021-01,8,2,2500.00
                2021-02,0,0,
                2021-03,8,3,3750.00

                """)
            // freq lists every word in every period, zeros too, with the period's tokens.
            #expect(try output("freq --by date:month --top 1 --format csv", in: &session) == """
                rank,type,date:month,frequency,tokens,per_10k
                1,inflation,2021-01,2,8,2500.00
                1,inflation,2021-02,0,0,
                1,inflation,2021-03,3,8,3750.00

                """)
        }
    }

    @Test("periods as filter terms and as sides of compare; errors say what a period is")
    func filtersAndErrors() throws {
        try withCorpus { folder in
            var session = try session(folder)
            _ = try session.execute("filter meta:date=2021-03")
            #expect(session.selection?.count == 3)
            _ = try session.execute("filter off")
            let compared = try output("compare 2021-01 2021-03 --by date:month --min 1 --p 1 --format json", in: &session)
            #expect(compared.contains("\"name\": \"2021-01\"") && compared.contains("\"tokens\": 8,"))
            let cases: [(String, String)] = [
                ("count inflation --by date:fortnight", "\"fortnight\" is not a period"),
                ("count inflation --by date:month --from June", "--from expects a date or period"),
                ("count inflation --from 2021", "--from limits a grouping by period"),
                ("count inflation --by speaker:month", "unknown metadata key \"speaker\""),
                ("count inflation --by date:month --from 2021-03 --to 2021-01", "--from is after --to"),
                ("count inflation --by date:day --from 1000 --to 2021", "too many"),
            ]
            for (line, message) in cases {
                do throws(CommandError) {
                    _ = try session.execute(line)
                    Issue.record("\(line) did not fail")
                } catch {
                    #expect(error.message.contains(message), "\(line): \(error.message)")
                }
            }
        }
    }

    @Test("plot draws the last result or a command's; a result without a chart says so")
    func plot() throws {
        try withCorpus { folder in
            var session = try session(folder)
            #expect(throws: CommandError.self) { try session.execute("plot") }
            #expect(throws: CommandError.self) { try session.execute("plot kwic inflation") }
            #expect(throws: CommandError.self) { try session.execute("count inflation --format svg") }
            let chart = try output("plot count inflation --by date:month", in: &session)
            let lines = chart.split(separator: "\n", omittingEmptySubsequences: false)
            // The title, a row per month, the scale, and a last line break.
            #expect(lines.count == 1 + 3 + 1 + 1)
            #expect(lines[0] == "\"inflation\" per 10,000 tokens by date:month")
            // The longest bar is March's 3,750; January's 2,500 is two thirds of it.
            let march = lines[3].count { $0 == "█" }
            let january = lines[1].count { $0 == "█" }
            #expect(march > 0 && abs(Double(january) / Double(march) - 2.0 / 3.0) < 0.03)
            #expect(lines[2].hasPrefix("2021-02") && !lines[2].contains("█"))
            #expect(!chart.contains("\u{1B}"))
            #expect(try output("plot", in: &session) == chart)
            _ = try session.execute("plot count inflation --by speaker --out inflation.svg")
            let svg = try String(contentsOf: folder.appendingPathComponent("inflation.svg"), encoding: .utf8)
            #expect(svg.hasPrefix("<?xml") && svg.contains("<title id=\"chart-title\">"))
            #expect(throws: CommandError.self) { try session.execute("plot count inflation --by speaker --out inflation.csv") }
        }
    }

    /// Every element name of an XML document, or nil when it does not parse.
    private func elements(_ text: String) -> [String]? {
        final class Collector: NSObject, XMLParserDelegate {
            var names: [String] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                names.append(name)
            }
        }
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        return parser.parse() ? collector.names : nil
    }

    @Test("every kind of SVG chart is XML with a title and a description, the same bytes each time, no script")
    func svgCharts() throws {
        try withCorpus { folder in
            var session = try session(folder)
            for line in [
                "count inflation --by date:month", "count inflation --by date:month,speaker", "count inflation --by speaker",
                "dispersion inflation", "freq --top 5", "compare Ann Bob --min 1 --p 1",
            ] {
                let svg = try output(line + " --format svg", in: &session)
                let names = try #require(elements(svg), "\(line)")
                #expect(names.first == "svg" && names.contains("title") && names.contains("desc"), "\(line)")
                #expect(!names.contains("script") && !svg.contains("http://www.w3.org/1999/xlink") && !svg.contains("@import"), "\(line)")
                #expect(try output(line + " --format svg", in: &session) == svg, "\(line)")
            }
            // A title with markup in it stays text.
            let hostile = try output("count \"x&y<b>\" --by speaker --format svg", in: &session)
            #expect(elements(hostile) != nil && !hostile.contains("<b>") && hostile.contains("x&amp;y&lt;b&gt;"))
        }
    }

    @Test("a barcode plot of 1,000 documents with long names and a few hits each is under 200 KB")
    func barcodeSize() {
        let strips = (0..<1000).map { index in
            Chart.Strip(name: "2023-06-\(index)-press-briefing-by-press-secretary-karine-jean-pierre", hits: 5,
                positions: [0.05, 0.21, 0.44, 0.61, 0.93].map { ($0 + Double(index) / 5000).truncatingRemainder(dividingBy: 1) })
        }
        let svg = SVGChartRenderer().render(Chart(title: "Dispersion", summary: "1,000 parts", content: .barcode(strips)))
        #expect(svg.utf8.count < 200_000, "\(svg.utf8.count) bytes")
        #expect(elements(svg) != nil)
        // A word in every sentence: 300 hits a part at scattered places. Dense strips are drawn
        // in wider columns, so the file stays small too.
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let dense = (0..<1000).map { index in Chart.Strip(name: "part \(index)", hits: 300, positions: (0..<300).map { _ in next() }) }
        let denseSVG = SVGChartRenderer().render(Chart(title: "Dispersion", summary: "dense", content: .barcode(dense)))
        #expect(denseSVG.utf8.count < 200_000, "\(denseSVG.utf8.count) bytes")
        // A strip of a few hits keeps a tick per hit, a pixel each.
        #expect(SVGChartRenderer.tickRuns([0.1, 0.5, 0.9], span: 500).map { $0.1 } == [1, 1, 1])
        #expect(SVGChartRenderer.tickRuns([0.1, 0.5, 0.9], span: 500).map { $0.0 } == [50, 250, 450])
    }

    @Test("terminal charts: colour only when asked, and then a transcript's control characters are made visible")
    func terminalColour() {
        let chart = Chart(title: "t", summary: "s", content: .bars([Chart.Bar(label: "evil\u{1B}[2J", value: 2), Chart.Bar(label: "b", value: 1)], measure: "m", sides: nil))
        let plain = TerminalChartRenderer(width: 60).render(chart)
        #expect(!plain.contains("\u{1B}[34m"))
        let coloured = TerminalChartRenderer(width: 60, colour: true).render(chart)
        #expect(coloured.contains("\u{1B}[34m") && !coloured.contains("\u{1B}[2J"))
        // Bars in proportion: 2 is the longest, 1 half of it.
        let lines = plain.split(separator: "\n")
        #expect(abs(lines[1].count { $0 == "█" } - 2 * lines[2].count { $0 == "█" }) <= 1)
    }

    @Test("ticks are round numbers, 1, 2 or 5 times a power of ten apart, up to the maximum or above")
    func ticks() {
        #expect(SVGChartRenderer.ticks(upTo: 8.24) == [0, 2, 4, 6, 8, 10])
        #expect(SVGChartRenderer.ticks(upTo: 10) == [0, 2, 4, 6, 8, 10])
        #expect(SVGChartRenderer.ticks(upTo: 4531.6) == [0, 1000, 2000, 3000, 4000, 5000])
        #expect(SVGChartRenderer.ticks(upTo: 0.37) == [0, 0.1, 0.2, 0.30000000000000004, 0.4])
        #expect(SVGChartRenderer.ticks(upTo: 0) == [0, 1])
    }

    @Test("a notebook's chart is a file beside it: replay compares it, --update rewrites it, a changed number fails")
    func notebookCharts() throws {
        try withCorpus { folder in
            let notebook = folder.appendingPathComponent("notes.md")
            try "# Charts\n\n```parley\nload dated\n```\n\n```parley\nplot count inflation --by date:month\n```\n"
                .write(to: notebook, atomically: true, encoding: .utf8)
            func replay(update: Bool) -> (status: Int32, printed: String) {
                var printed = ""
                let replay = NotebookReplay(update: update, workingDirectory: folder.path, output: { printed += $0 }, error: { printed += $0 })
                return (replay.run(["notes.md"]), printed)
            }
            #expect(replay(update: true).status == 0)
            let chartFile = folder.appendingPathComponent("notes.files/cell-2.svg")
            let svg = try String(contentsOf: chartFile, encoding: .utf8)
            let text = try String(contentsOf: notebook, encoding: .utf8)
            #expect(text.contains("```\n\n![\"inflation\" per 10,000 tokens by date:month](notes.files/cell-2.svg)\n"))
            #expect(replay(update: false).status == 0)
            // One number in the chart's data changed: a difference, shown as a diff of the file.
            let tampered = svg.replacing("r=\"2.5\"", with: "r=\"2.6\"", maxReplacements: 1)
            #expect(tampered != svg)
            try tampered.write(to: chartFile, atomically: true, encoding: .utf8)
            let failed = replay(update: false)
            #expect(failed.status == 1)
            #expect(failed.printed.contains("the chart notes.files/cell-2.svg differs") && failed.printed.contains("-<circle") && failed.printed.contains("r=\"2.6\""))
            #expect(replay(update: true).status == 0)
            #expect(try String(contentsOf: chartFile, encoding: .utf8) == svg)
            #expect(try String(contentsOf: notebook, encoding: .utf8) == text)
            // A missing chart is a difference too; a link in place of the folder is never written through.
            try FileManager.default.removeItem(at: chartFile)
            #expect(replay(update: false).printed.contains("is missing"))
            try FileManager.default.removeItem(at: folder.appendingPathComponent("notes.files"))
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("notes.files").path, withDestinationPath: "/tmp")
            let refused = replay(update: true)
            #expect(refused.status == 2 && refused.printed.contains("not a folder"))
            #expect(try String(contentsOf: notebook, encoding: .utf8) == text)
        }
    }

    @Test("the Markdown parser keeps chart images with their cell, and the text round-trips")
    func figuresParse() throws {
        let text = "```parley\nplot\n```\n\n```output\nx\n```\n\n![A \\[chart\\]](my%20notes.files/cell-1.svg)\n\nProse.\n"
        let notebook = try Notebook(parsing: text)
        #expect(notebook.text == text)
        guard case .cell(let cell) = notebook.blocks[0] else { return #expect(Bool(false)) }
        #expect(cell.figures == "\n![A \\[chart\\]](my%20notes.files/cell-1.svg)\n")
        // An image of anything else stays prose.
        let other = try Notebook(parsing: "```parley\nplot\n```\n\n```output\nx\n```\n\n![logo](logo.svg)\n")
        guard case .cell(let plain) = other.blocks[0] else { return #expect(Bool(false)) }
        #expect(plain.figures.isEmpty)
    }

    @Test("the HTML report: tables as tables, charts as data: images, notes escaped, no script from the notebook")
    func htmlExport() throws {
        try withCorpus { folder in
            let notebook = folder.appendingPathComponent("report.md")
            try """
                # Report <script>alert(1)</script>

                A [link](javascript:alert(1)) and **bold** text.

                ```parley
                load dated
                ```

                ```parley
                count inflation --by date:month
                ```

                ```parley
                plot count inflation --by speaker
                ```

                """.write(to: notebook, atomically: true, encoding: .utf8)
            var printed = ""
            _ = NotebookReplay(update: true, workingDirectory: folder.path, output: { printed += $0 }, error: { printed += $0 }).run(["report.md"])
            // A stranger's chart file with a script in it.
            let chart = folder.appendingPathComponent("report.files/cell-3.svg")
            try (try String(contentsOf: chart, encoding: .utf8)).replacing("</svg>", with: "<script>alert(2)</script></svg>")
                .write(to: chart, atomically: true, encoding: .utf8)
            let html = folder.appendingPathComponent("report.html")
            try HTMLExport.run(notebook: notebook.path, html: html.path)
            let page = try String(contentsOf: html, encoding: .utf8)
            #expect(!page.contains("<script"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.contains("javascript:"))
            #expect(page.contains("<strong>bold</strong>"))
            #expect(page.contains("<th>date:month</th>") && page.contains("<td>2021-02</td><td class=\"n\">0</td><td class=\"n\">0</td><td></td>"))
            #expect(page.contains("<img alt=\"&quot;inflation&quot; per 10,000 tokens by speaker\" src=\"data:image/svg+xml;base64,"))
            #expect(!page.contains("src=\"http") && !page.contains("href=\"http"))
            // The same notebook gives the same bytes.
            try HTMLExport.run(notebook: notebook.path, html: html.path)
            #expect(try String(contentsOf: html, encoding: .utf8) == page)
        }
    }
}
