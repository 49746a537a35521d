import Foundation
import ParleyCore
import ParleyNotebook

/// Runs a notebook's cells in a session, as script mode would run their commands: each cell's
/// output is what it prints, status lines (`parley: …`) and error lines (`parley: line N: …`, N
/// the command's line in the notebook) included, each command's output capped as a notebook
/// stores it; a failed command does not stop the rest. In a cell of several commands, each
/// command's output follows a marker line `parley> COMMAND`.
package enum NotebookRunner {
    /// What one cell printed and the charts it drew.
    package struct CellRun: Sendable, Equatable {
        package var output: String
        package var charts: [Chart]
    }

    /// The output of each cell, in order.
    package static func run(_ notebook: Notebook, in session: inout Session) -> [String] {
        runCells(notebook, in: &session).map(\.output)
    }

    /// The output and charts of each cell, in order.
    package static func runCells(_ notebook: Notebook, in session: inout Session) -> [CellRun] {
        var outputs: [CellRun] = []
        var stopped = false
        for case .cell(let cell) in notebook.blocks {
            var output = ""
            var charts: [Chart] = []
            let marked = cell.commands.count(where: isCommand) > 1
            for (offset, command) in cell.commands.enumerated() where !stopped {
                // perform, not execute: the session records what runs, so save works here too.
                var display = DiscardSink()
                let performed = session.perform(command, display: &display)
                // A cell stopped by `set timeout` does not stop the cells after it.
                if Interruption.isTimeout { Interruption.clear() }
                var printed = SessionRecorder.marked(performed.status)
                printed += performed.stored
                if let error = performed.error { printed += "parley: line \(cell.line + 1 + offset): \(error.message)\n" }
                if marked, isCommand(command) {
                    output += "parley> " + command.trimmingPrefix(while: \.isWhitespace) + "\n"
                }
                output += printed
                if let chart = performed.chart { charts.append(chart) }
                stopped = performed.quit
            }
            outputs.append(CellRun(output: output, charts: charts))
        }
        return outputs
    }

    /// True for a line that is not blank or a comment.
    private static func isCommand(_ line: String) -> Bool {
        (try? CommandLexer.words(line).isEmpty) != true
    }

    /// Reads a notebook file: UTF-8 Markdown that parses. The error says what and on which line.
    package static func read(_ path: String) throws(NotebookFileError) -> (text: String, notebook: Notebook) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NotebookFileError(message: "cannot read the file")
        }
        let bytes = [UInt8](data)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = invalidOffset(bytes)
            let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw NotebookFileError(message: "line \(line): not UTF-8 (byte \(offset))")
        }
        do {
            return (text, try Notebook(parsing: text))
        } catch {
            throw NotebookFileError(message: error.description)
        }
    }

    private static func invalidOffset(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}

/// Why a notebook file cannot be used, in one line.
package struct NotebookFileError: Error, Equatable {
    package private(set) var message: String

    package init(message: String) {
        self.message = Visible.message(message)
    }
}
