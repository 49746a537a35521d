import Foundation

/// The notebook a session writes as it goes (DESIGN.md §8): the text it continues, then a cell
/// per command with exactly the output script mode prints, and prose from `note`. It is written
/// atomically after every command, so a crash loses at most the command that was running.
package struct SessionRecorder: Sendable {
    /// What one recorded command printed: output, or an error line (numbered when written).
    package enum Piece: Sendable, Equatable {
        case text(String)
        case error(String)
    }

    package enum Entry: Sendable, Equatable {
        /// A command, as it would run from the notebook's folder, and what it printed.
        case cell(command: String, output: [Piece])
        case note(String)
    }

    /// The notebook file (absolute), or nil when nothing is written (script mode without
    /// `--notebook`; `save` still works).
    package var path: String?
    /// The folder the recorded commands' paths are relative to.
    package var folder: String
    /// The notebook's text before this session's entries.
    package var preamble: String
    package var entries: [Entry] = []

    package init(path: String?, folder: String, preamble: String = "# Parley session\n") {
        self.path = path
        self.folder = folder
        self.preamble = preamble
    }

    /// The notebook's text: the preamble, then each entry after a blank line.
    package var text: String {
        var text = preamble
        var lineCount = text.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) }
        func append(_ part: String) {
            text += part
            lineCount += part.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        }
        if !text.isEmpty, !text.hasSuffix("\n") { append("\n") }
        for entry in entries {
            switch entry {
            case .note(let prose):
                append("\n" + prose + "\n")
            case .cell(let command, let output):
                // The command sits two lines below the blank line that separates the cell.
                let commandLine = lineCount + 3
                let body = output.map { piece in
                    switch piece {
                    case .text(let text): text
                    case .error(let message): "parley: line \(commandLine): \(message)\n"
                    }
                }.joined()
                let fence = Self.fence(for: body)
                append("\n```parley\n" + command + "\n```\n\n" + fence + "output\n" + body + fence + "\n")
            }
        }
        return text
    }

    /// Writes the notebook, when there is a file to write.
    package func write() throws(AtomicFile.Failure) {
        guard let path else { return }
        try AtomicFile.write(text, to: path)
    }

    /// The same entries with their paths rewritten for a notebook in `newFolder`.
    package func moved(to path: String) -> SessionRecorder {
        let newFolder = Path.folder(of: path)
        var moved = SessionRecorder(path: path, folder: newFolder, preamble: preamble)
        moved.entries = entries.map { entry in
            guard case .cell(let command, let output) = entry else { return entry }
            return .cell(command: PathRewriter.rewrite(command, from: folder, to: newFolder), output: output)
        }
        return moved
    }

    /// Three backticks, or more when the body holds a line that starts with three.
    package static func fence(for body: String) -> String {
        var longest = 0
        for line in body.split(separator: "\n") {
            let run = line.prefix { $0 == "`" }.count
            longest = max(longest, run)
        }
        return String(repeating: "`", count: longest >= 3 ? longest + 1 : 3)
    }
}
