import Foundation
import ParleyCore
import ParleyNotebook
import ParleyShell
import Testing

/// Command lines made to break the parsers (issue 14), each in the shape that did.
@Suite("Hostile command lines")
struct HostileCommandTests {
    private func session() -> Session { Session.withSeed(baseDirectory: FileManager.default.temporaryDirectory.path) }

    @Test("6,000 parentheses or 40,000 nots in a filter: a one-line error at the level past 100, not a stack overflow")
    func deepFilters() {
        var session = session()
        let parentheses = "filter " + String(repeating: "(", count: 6_000) + "speaker:Putin" + String(repeating: ")", count: 6_000)
        let error = session.perform(parentheses).error
        #expect(error?.message == "the expression nests more than 100 levels of parentheses and not")
        // The 101st parenthesis, in the 8 columns of "filter " and one per parenthesis.
        #expect(error?.columns == 107..<108)
        let nots = "filter " + String(repeating: "not ", count: 40_000) + "speaker:Putin"
        #expect(session.perform(nots).error?.message == "the expression nests more than 100 levels of parentheses and not")
        // A hundred levels still work: an even number of nots is no not at all.
        let fine = "filter " + String(repeating: "not ", count: 100) + "speaker:Putin"
        #expect(session.perform(fine).error == nil)
        #expect(session.selection?.members == [0, 2, 4])
    }

    @Test("a regular expression of 200,000 alternatives is refused at once")
    func hugeRegex() {
        var session = session()
        let alternatives = (0..<200_000).map { "w\($0)" }.joined(separator: "|")
        let error = session.perform("count /\(alternatives)/").error
        #expect(error?.message.hasSuffix("it is longer than 10000 characters") == true)
        #expect(error?.message.count ?? 0 < 200)
    }

    @Test("a file name with a line break in a CSV error is one line, its break escaped")
    func nameWithNewline() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-name-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "speaker,text\nAnn,\"never closed\n".write(to: folder.appendingPathComponent("a\nb.csv"), atomically: true, encoding: .utf8)
        var session = Session.withSeed(baseDirectory: folder.path)
        let error = session.perform("load " + folder.path).error
        #expect(error?.message.hasSuffix("a\\nb.csv:2: the quote that opens a field here is never closed") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("\n") == false)
    }

    @Test("a line with a control character is refused and never recorded; one that is a fence, or a fence in a note, is stored so it replays")
    func unrecordableLines() throws {
        var session = session()
        for line in ["count a\u{2028}b", "count a\u{85}b", "kwic \u{1B}]0;title\u{7}", "note a\u{0}b"] {
            #expect(session.perform(line).error?.message.hasPrefix("the line holds the control character ") == true, "\(line)")
        }
        #expect(session.recorder.entries.isEmpty)
        _ = session.perform("```")
        _ = session.perform("note ``` not a fence")
        _ = session.perform("count we")
        let text = session.recorder.text
        // The typed fence sits inside a longer one; the note's backticks are escaped.
        #expect(text.contains("````parley\n```\n````\n"))
        #expect(text.contains("\n\\``` not a fence\n"))
        let notebook = try Notebook(parsing: text)
        let cells = notebook.blocks.compactMap { block -> Notebook.Cell? in
            if case .cell(let cell) = block { cell } else { nil }
        }
        #expect(cells.map(\.commands) == [["```"], ["count we"]])
    }

    @Test("a concordance to sort or an n-gram list past 20 million rows is refused in one line")
    func resultLimit() {
        let error = ResultTooLarge(what: "list of 5-grams", count: 61_000_000, advice: "show fewer with --top N, or only frequent ones with --min N")
        #expect(error.description
            == "the list of 5-grams would hold 61000000 rows, more than the 20000000 Parley keeps in memory; show fewer with --top N, or only frequent ones with --min N")
    }
}
