import ParleyNotebook
import ParleyShell
import Testing

@Suite("Recording and path rewriting")
struct RecordingTests {
    @Test("paths of load, --out and --stopwords are rewritten relative to the notebook")
    func rewriting() {
        #expect(PathRewriter.rewrite("load seeds", from: "/work/main", to: "/work/main/notebooks").line == "load ../seeds")
        #expect(PathRewriter.rewrite("load /data/x.txt seeds/a.txt", from: "/w", to: "/w/n").line == "load /data/x.txt ../seeds/a.txt")
        #expect(PathRewriter.rewrite("kwic we --out out/x.csv --width 30", from: "/w", to: "/w/n").line
            == "kwic we --out ../out/x.csv --width 30")
        #expect(PathRewriter.rewrite("freq --stopwords en", from: "/w", to: "/w/n").line == "freq --stopwords en")
        #expect(PathRewriter.rewrite("freq --stopwords stop.txt", from: "/w/n", to: "/w").line == "freq --stopwords n/stop.txt")
        #expect(PathRewriter.rewrite("load \"my corpus\"", from: "/w", to: "/w/n").line == "load \"../my corpus\"")
        #expect(PathRewriter.rewrite("kwic seeds", from: "/w", to: "/w/n").line == "kwic seeds")
    }

    @Test("a recorded notebook numbers its error lines and parses back into the same cells")
    func recorder() throws {
        var recorder = SessionRecorder(path: nil, folder: "/w")
        recorder.entries = [
            .cell(command: "info", output: .text("a\nb\n")),
            .note("A note."),
            .cell(command: "frobnicate", output: .error("unknown command \"frobnicate\"")),
        ]
        let text = recorder.text
        // Lines: 1 heading, 2 blank, 3 header comment, 4 blank, 5 fence, 6 info, 7 fence, 8 blank,
        // 9 output, 10–11 body, 12 fence, 13 blank, 14 note, 15 blank, 16 fence, 17 frobnicate.
        #expect(text.hasPrefix("# Parley session\n\n<!-- parley "))
        #expect(text.contains("```output\nparley: line 17: unknown command \"frobnicate\"\n```\n"))
        let notebook = try Notebook(parsing: text)
        let cells = notebook.blocks.compactMap { block -> Notebook.Cell? in
            if case .cell(let cell) = block { cell } else { nil }
        }
        #expect(cells.map(\.commands) == [["info"], ["frobnicate"]])
        #expect(cells.map(\.line) == [5, 16])
        #expect(cells[0].output?.body == "a\nb\n")
    }

    @Test("an output holding a fence gets a longer one")
    func fences() {
        #expect(SessionRecorder.fence(for: "plain\n") == "```")
        #expect(SessionRecorder.fence(for: "```parley\n") == "````")
    }
}
