import ParleyCore

/// Script mode (DESIGN.md §7): commands from standard input, no prompt, no echo, no colour;
/// results on standard output and nothing else, so a one-command script pipes into a parser;
/// status lines on standard error as `parley: …` (unless quiet), errors as `parley: line N: …`.
/// Each line is recorded in the session's notebook, when it has one (`--notebook`).
package struct ScriptRunner {
    /// Keep running after a failed command (the exit status is still 1).
    package var keepGoing: Bool
    /// Leave out status lines (`-q`); errors are still printed.
    package var quiet: Bool

    package init(keepGoing: Bool, quiet: Bool = false) {
        self.keepGoing = keepGoing
        self.quiet = quiet
    }

    /// The exit status after SIGINT, as a shell reports a process ended by it.
    package static let interruptedStatus: Int32 = 130

    /// Runs every line that `nextLine` gives, streaming results into `output`; returns the exit
    /// status (0, or 1 if a command failed or the notebook could not be written, or 130 when
    /// SIGINT stopped a command). `output` is flushed before each line on standard error, so
    /// the two streams keep their order.
    package func run(
        _ session: inout Session, nextLine: () -> String?, output: inout some TextSink, error: (String) -> Void
    ) -> Int32 {
        var status: Int32 = 0
        var number = 0
        while var line = nextLine() {
            number += 1
            // Editors on Windows start a file with a byte order mark; it is not part of the command.
            if number == 1, line.unicodeScalars.first == "\u{FEFF}" { line.unicodeScalars.removeFirst() }
            // A time limit that stopped the last command is forgotten; SIGINT between commands
            // ends the run at once (the handler exits while no command is busy).
            Interruption.clear()
            Interruption.setBusy(true)
            let performed = session.perform(line, display: &output)
            Interruption.setBusy(false)
            output.flush()
            // SIGINT ends the run; a time limit or a cache changed under the session is an error.
            if performed.error == .cancelled || Interruption.isRequested && !Interruption.isTimeout && !Interruption.isCacheDamage {
                error("parley: line \(number): interrupted\n")
                return Self.interruptedStatus
            }
            if !quiet, !performed.status.isEmpty { error(SessionRecorder.marked(performed.status)) }
            if let failure = performed.notebookFailure {
                // The results went out, but the record of them did not: the run failed.
                error("parley: \(failure)\n")
                status = 1
            }
            if performed.quit { return status }
            if let failure = performed.error {
                error("parley: line \(number): \(failure.message)\n")
                status = 1
                if !keepGoing { return status }
            }
        }
        return status
    }
}
