import Foundation
import ParleyCore

/// Interactive mode (DESIGN.md §7): a readline prompt with history and completion. Ctrl-C clears
/// the line or cancels the running command; Ctrl-D or `quit` ends the session with status 0.
package struct InteractiveShell {
    package static let prompt = "parley> "

    /// Leave out status lines (`-q`).
    package var quiet: Bool

    package init(quiet: Bool = false) {
        self.quiet = quiet
    }

    /// Runs the prompt until Ctrl-D or quit; `greeting` follows the banner (what `--notebook` ran).
    package func run(_ session: inout Session, greeting: String? = nil) -> Int32 {
        let editor = LineEditor(historyPath: LineEditor.defaultHistoryPath())
        LineEditor.installInterruptHandler()
        session.isCancelled = { Interruption.isRequested }
        let colour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        // Charts on the terminal too; the notebook keeps them plain.
        session.colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        Terminal.write("Parley — \(session.corpusLabel): \(CorpusSummary.line(session.corpus)). Type help for commands.\n")
        if let greeting { Terminal.write(greeting + "\n") }
        if let path = session.recorder.path { Terminal.write("Recording into \(path)\n") }
        // A notebook write that failed makes the session end with status 1.
        var status: Int32 = 0
        while true {
            editor.update(Completer(session))
            Interruption.clear()
            guard let line = editor.readLine(prompt: Self.prompt) else {
                Terminal.write("\n")
                return status
            }
            editor.remember(line)
            // Read before every command, so a resized window is followed.
            session.terminalWidth = Terminal.columns()
            var pager = PagerSink()
            let performed = session.perform(line, display: &pager, width: session.terminalWidth)
            pager.finish()
            if !quiet, !performed.status.isEmpty { Terminal.write(performed.status, to: .standardError) }
            if let error = performed.error {
                // The terminal echoed ^C without a line break.
                if Interruption.isRequested { Terminal.write("\n") }
                Terminal.write(Self.describe(error, colour: colour), to: .standardError)
            }
            if let failure = performed.notebookFailure {
                Terminal.write(Self.describe(CommandError(failure), colour: colour), to: .standardError)
                status = 1
            }
            if performed.quit { return status }
        }
    }

    /// The error line, and under the typed line a caret pointing at the offending word.
    static func describe(_ error: CommandError, colour: Bool) -> String {
        var text = ""
        if let columns = error.columns {
            text += String(repeating: " ", count: prompt.count + columns.lowerBound)
                + String(repeating: "^", count: max(1, columns.count)) + "\n"
        }
        text += (colour ? "\u{1B}[31merror:\u{1B}[0m " : "error: ") + error.message + "\n"
        return text
    }
}
