/// What a typed line did, for the mode that shows it.
package struct Performed: Sendable, Equatable {
    /// What the command printed on standard output.
    package var output = ""
    package var error: CommandError?
    package var quit = false
    /// Set when the notebook could not be written (the session itself goes on).
    package var notebookFailure: String?
}

extension Session {
    /// Runs a line as the user typed it: its paths are rewritten to be relative to the
    /// notebook's folder, the command runs, and the notebook records it and is written.
    package mutating func perform(_ typed: String) -> Performed {
        let line = PathRewriter.rewrite(typed, from: workingDirectory, to: recorder.folder)
        var performed = Performed()
        do {
            switch try execute(line) {
            case .quit: performed.quit = true
            case .output(let text): performed.output = text
            case nil: return performed
            }
        } catch {
            // Columns point into the typed line; a rewritten one has moved its words.
            performed.error = line == typed ? error : CommandError(error.message, columns: nil)
        }
        guard Self.records(line) else { return performed }
        let piece: SessionRecorder.Piece = performed.error.map { .error($0.message) } ?? .text(performed.output)
        recorder.entries.append(.cell(command: line, output: [piece]))
        do {
            try recorder.write()
        } catch {
            performed.notebookFailure = "cannot write the notebook \(recorder.path ?? ""): \(error.reason)"
        }
        return performed
    }

    /// True when a line belongs in the notebook as a cell: not blank, not a comment, and not a
    /// verb about the notebook itself.
    private static func records(_ line: String) -> Bool {
        guard let words = try? CommandLexer.words(line), let verb = words.first else {
            // An unbalanced quote is an error worth recording; a blank line is not.
            return !line.allSatisfy(\.isWhitespace) && (try? CommandLexer.words(line)) == nil
        }
        return CommandRegistry.command(named: verb.text)?.recorded ?? true
    }
}
