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
        var (actual, differing, updated, corpora) = Self.compare(notebook, path: path, trust: trust)
        if let recorded = SessionRecorder.recordedCorpora(in: notebook.text), recorded != corpora {
            output("\(name): the corpus differs from the one this notebook was recorded on\n  recorded: "
                + SessionRecorder.describe(corpora: recorded) + "\n  now:      " + SessionRecorder.describe(corpora: corpora) + "\n")
        }
        var suite = JUnitReport.Suite(name: name)
        var diffs: [Int: String] = [:]
        if !update {
            for (cell, output) in differing { diffs[cell.line] = report(name, cell, output) }
        }
        for case .cell(let cell) in notebook.blocks {
            let command = cell.commands.first { !$0.allSatisfy(\.isWhitespace) } ?? ""
            suite.cases.append(JUnitReport.Case(name: "line \(cell.line): \(command)", failure: diffs[cell.line]))
        }
        junit.suites.append(suite)
        if update {
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
    private static func compare(_ notebook: Notebook, path: String, trust: NotebookTrust)
        -> (actual: [String], differing: [(cell: Notebook.Cell, output: String)], updated: Notebook, corpora: [String])
    {
        var session = Session.withSeed(baseDirectory: Path.folder(of: path))
        session.indexCache = .standard()
        session.pathPolicy = trust.policy(for: path)
        let actual = NotebookRunner.run(notebook, in: &session)
        var updated = notebook
        var differing: [(cell: Notebook.Cell, output: String)] = []
        var index = 0
        for (position, block) in notebook.blocks.enumerated() {
            guard case .cell(var cell) = block else { continue }
            defer { index += 1 }
            // A notebook checked out with CRLF line ends (Git on Windows) holds the same output.
            guard cell.output.map({ Self.lineFeeds($0.body) }) != actual[index] else { continue }
            differing.append((cell, actual[index]))
            cell.output = output(for: cell, body: actual[index])
            if cell.closing.utf8.last != 0x0A { cell.closing += "\n" }
            updated.blocks[position] = .cell(cell)
        }
        return (actual, differing, updated, session.loadedCorpora)
    }

    /// Prints how a cell differs, and returns the same text for the JUnit report.
    private func report(_ name: String, _ cell: Notebook.Cell, _ actual: String) -> String {
        guard let expected = cell.output else {
            let text = "\(name):\(cell.line): the cell has no output block; it prints:\n" + actual
            output(text)
            return text
        }
        let lines = UnifiedDiff.lines(from: Self.lineFeeds(expected.body), to: actual, firstLine: expected.line + 1)
        let text = "\(name):\(cell.line): output differs\n--- \(name):\(expected.line) (recorded)\n+++ replay\n"
            + lines.map { $0 + "\n" }.joined()
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
