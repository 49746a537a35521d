import Foundation
import ParleyCore
import ParleyNotebook

/// `parley replay FILE…`: runs each notebook in a fresh session on the seed, from the notebook's
/// folder, and compares every output block; with `update`, rewrites the output blocks that
/// differ (adding missing ones) and no other byte.
package struct NotebookReplay {
    package var update: Bool
    /// Where to write a JUnit XML report as well, or nil.
    package var junitPath: String?
    /// Where the notebooks' paths may lead (the replay root, or anywhere).
    package var trust = NotebookTrust()
    /// Where relative notebook paths start.
    package var workingDirectory: String
    package var output: (String) -> Void
    package var error: (String) -> Void

    package init(
        update: Bool, junitPath: String? = nil, workingDirectory: String, output: @escaping (String) -> Void,
        error: @escaping (String) -> Void
    ) {
        self.update = update
        self.junitPath = junitPath
        self.workingDirectory = workingDirectory
        self.output = output
        self.error = error
    }

    /// Replays every file; returns 0 when all match (or were updated), 1 when any differ, 2 when
    /// one cannot be read, parsed or written.
    package func run(_ paths: [String]) -> Int32 {
        var status: Int32 = 0
        var junit = JUnitReport()
        for path in paths {
            status = max(status, replay(path, into: &junit))
        }
        if let junitPath {
            let target = Path.normalised(junitPath.hasPrefix("/") ? junitPath : workingDirectory + "/" + junitPath)
            do {
                try AtomicFile.write(junit.xml, to: target)
            } catch {
                self.error("parley: --junit cannot write \"\(junitPath)\": \(error.reason)\n")
                return 2
            }
        }
        return status
    }

    private func replay(_ name: String, into junit: inout JUnitReport) -> Int32 {
        let path = Path.normalised(name.hasPrefix("/") ? name : workingDirectory + "/" + name)
        let notebook: Notebook
        do throws(NotebookFileError) {
            notebook = try NotebookRunner.read(path).notebook
        } catch {
            self.error("parley: \(name): \(error.message)\n")
            junit.suites.append(JUnitReport.Suite(name: name, error: error.message))
            return 2
        }
        var (actual, differing, updated, corpora, figures) = Self.compare(notebook, path: path, trust: trust)
        if let recorded = SessionRecorder.recordedCorpora(in: notebook.text), recorded != corpora {
            output("\(name): the corpus differs from the one this notebook was recorded on\n  recorded: "
                + SessionRecorder.describe(corpora: recorded) + "\n  now:      " + SessionRecorder.describe(corpora: corpora) + "\n")
        }
        var suite = JUnitReport.Suite(name: name)
        var diffs: [Int: String] = [:]
        if !update {
            for (cell, output, charts) in differing { diffs[cell.line] = report(name, cell, output, charts: charts) }
        }
        for case .cell(let cell) in notebook.blocks {
            let command = cell.commands.first { !$0.allSatisfy(\.isWhitespace) } ?? ""
            suite.cases.append(JUnitReport.Case(name: "line \(cell.line): \(command)", failure: diffs[cell.line]))
        }
        junit.suites.append(suite)
        if update, !differing.isEmpty {
            // The charts first, so that the notebook never links to a file that is not there
            // (and a chart that cannot be written leaves the notebook as it was).
            do {
                try NotebookFigures.write(figures, into: NotebookFigures.folder(of: path).path, removingOthers: true)
            } catch {
                self.error("parley: \(name):\(differing[0].cell.line): cannot update: \(error.reason)\n")
                return 2
            }
            // A changed output moves the lines below it, and error lines name their line:
            // run the updated text again until it holds still.
            var pass = 0
            while pass < 3, let next = try? Notebook(parsing: updated.text) {
                let again = Self.compare(next, path: path, trust: trust)
                if again.differing.isEmpty { break }
                (actual, updated) = (again.actual, again.updated)
                pass += 1
            }
        }
        let cells = actual.count
        guard !differing.isEmpty else {
            output("\(name): \(CorpusSummary.counted(cells, "cell")), all match\n")
            return 0
        }
        guard update else {
            output("\(name): \(CorpusSummary.counted(cells, "cell")), \(differing.count) differ\n")
            return 1
        }
        let line = differing[0].cell.line
        if let permissions = try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int,
            permissions & 0o222 == 0
        {
            error("parley: \(name):\(line): cannot update: the file is read-only\n")
            return 2
        }
        if let busy = NotebookFile.busyReason(path) {
            error("parley: \(name):\(line): cannot update: \(busy)\n")
            return 2
        }
        do {
            try AtomicFile.write(updated.text, to: path)
        } catch {
            self.error("parley: \(name):\(line): cannot update: \(error.reason)\n")
            return 2
        }
        output("\(name): updated \(differing.count) of \(CorpusSummary.counted(cells, "cell"))\n")
        return 0
    }

    /// Runs `notebook` in a fresh session and returns each cell's output, the cells that differ
    /// with what they print now, the notebook with those outputs written in, and what its
    /// header would say of the corpora loaded.
    private static func compare(_ notebook: Notebook, path: String, trust: NotebookTrust) -> (
        actual: [String], differing: [(cell: Notebook.Cell, output: String, charts: [String])], updated: Notebook, corpora: [String],
        figures: [NotebookFigures.Figure]
    ) {
        var session = Session.withSeed(baseDirectory: Path.folder(of: path))
        session.indexCache = .standard()
        session.pathPolicy = trust.policy(for: path)
        let runs = NotebookRunner.runCells(notebook, in: &session)
        let actual = runs.map(\.output)
        let folder = NotebookFigures.folder(of: path)
        var updated = notebook
        var differing: [(cell: Notebook.Cell, output: String, charts: [String])] = []
        var allFigures: [NotebookFigures.Figure] = []
        var index = 0
        for (position, block) in notebook.blocks.enumerated() {
            guard case .cell(var cell) = block else { continue }
            defer { index += 1 }
            let figures = NotebookFigures.figures(cell: index + 1, charts: runs[index].charts)
            allFigures += figures
            let end = cell.opening.hasSuffix("\r\n") ? "\r\n" : "\n"
            let markdown = NotebookFigures.markdown(figures, folderName: folder.name, end: end)
            let charts = chartDifferences(cell, figures, markdown: markdown, folder: folder)
            // A notebook checked out with CRLF line ends (Git on Windows) holds the same output.
            let outputMatches = cell.output.map({ Self.lineFeeds($0.body) }) == actual[index]
            guard !outputMatches || !charts.isEmpty else { continue }
            differing.append((cell, actual[index], charts))
            if !outputMatches { cell.output = output(for: cell, body: actual[index]) }
            if cell.closing.utf8.last != 0x0A { cell.closing += "\n" }
            if let output = cell.output, output.closing.utf8.last != 0x0A, !markdown.isEmpty { cell.output!.closing += end }
            cell.figures = markdown
            updated.blocks[position] = .cell(cell)
        }
        return (actual, differing, updated, session.loadedCorpora, allFigures)
    }

    /// How a cell's charts differ from what it draws now, one report each: the image under the
    /// output, and each chart file's text as a diff (line ends aside).
    private static func chartDifferences(
        _ cell: Notebook.Cell, _ figures: [NotebookFigures.Figure], markdown: String, folder: (path: String, name: String)
    ) -> [String] {
        var reports: [String] = []
        if lineFeeds(cell.figures) != lineFeeds(markdown) {
            reports.append(figures.isEmpty
                ? "the cell draws no chart now, but its output is followed by an image of one\n"
                : "the chart's image under the output differs\n" + UnifiedDiff.lines(from: lineFeeds(cell.figures), to: lineFeeds(markdown), firstLine: 1).map { $0 + "\n" }.joined())
        }
        for figure in figures {
            let link = folder.name + "/" + figure.fileName
            guard let stored = NotebookFigures.read(folder.path + "/" + figure.fileName) else {
                reports.append("the chart \(link) is missing (replay --update writes it)\n")
                continue
            }
            guard lineFeeds(stored) != figure.svg else { continue }
            let lines = UnifiedDiff.lines(from: lineFeeds(stored), to: figure.svg, firstLine: 1)
            let shown = lines.prefix(40)
            reports.append("the chart \(link) differs\n--- \(link) (recorded)\n+++ replay\n" + shown.map { $0 + "\n" }.joined()
                + (lines.count > shown.count ? "… \(lines.count - shown.count) more lines of difference\n" : ""))
        }
        return reports
    }

    /// Prints how a cell differs, and returns the same text for the JUnit report.
    private func report(_ name: String, _ cell: Notebook.Cell, _ actual: String, charts: [String]) -> String {
        guard let expected = cell.output else {
            let text = "\(name):\(cell.line): the cell has no output block; it prints:\n" + actual
            output(text)
            return text
        }
        if Self.lineFeeds(expected.body) == actual {
            let text = charts.map { "\(name):\(cell.line): " + $0 }.joined()
            output(text)
            return text
        }
        let lines = UnifiedDiff.lines(from: Self.lineFeeds(expected.body), to: actual, firstLine: expected.line + 1)
        let text = "\(name):\(cell.line): output differs\n--- \(name):\(expected.line) (recorded)\n+++ replay\n"
            + lines.map { $0 + "\n" }.joined() + charts.map { "\(name):\(cell.line): " + $0 }.joined()
        output(text)
        return text
    }

    /// The cell's output block with a new body, its fences kept unless the body needs longer
    /// ones, and its line ends those of the cell (CRLF in a notebook written with them).
    private static func output(for cell: Notebook.Cell, body: String) -> Notebook.Output {
        let fence = SessionRecorder.fence(for: body)
        let end = cell.opening.hasSuffix("\r\n") ? "\r\n" : "\n"
        let body = end == "\n" ? body : body.replacing("\n", with: "\r\n")
        guard var output = cell.output else {
            return Notebook.Output(line: 0, gap: end, opening: fence + "output" + end, body: body, closing: fence + end)
        }
        if !output.opening.drop(while: { $0 == " " }).hasPrefix(fence) {
            output.opening = fence + "output" + end
            output.closing = fence + (output.closing.utf8.last == 0x0A ? end : "")
        }
        output.body = body
        return output
    }

    /// `text` with CRLF line ends made LF.
    static func lineFeeds(_ text: String) -> String {
        text.contains("\r\n") ? text.replacing("\r\n", with: "\n") : text
    }
}
