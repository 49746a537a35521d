import Foundation
import ParleyCore
import ParleyNotebook

/// The notebook a session writes as it goes (DESIGN.md §8): a title, a comment naming the Parley
/// version and the corpora, then a cell per command with what script mode prints for it (status
/// and error lines marked `parley: `, long outputs capped with a digest), and prose from `note`.
/// It is written atomically after every command, so a crash loses at most the running command.
package struct SessionRecorder: Sendable {
    /// What one recorded command printed.
    package enum Piece: Sendable, Equatable {
        /// Standard output, already capped as the notebook stores it.
        case text(String)
        /// Status lines (loaded, filter, wrote), without their `parley: ` mark.
        case status(String)
        /// An error message (numbered with its line when written).
        case error(String)
    }

    package enum Entry: Sendable, Equatable {
        /// A command, as it would run from the notebook's folder, and what it printed.
        case cell(command: String, output: Piece)
        /// Markdown from `note`, verbatim.
        case note(String)
    }

    /// The notebook file (absolute), or nil when nothing is written (script mode without
    /// `--notebook`; `save` still works).
    package var path: String?
    /// The folder the recorded commands' paths are relative to.
    package var folder: String
    /// The text of the notebook this one continues (its title and cells), or nil for a new one.
    package var preamble: String?
    /// The title given with `--title`; otherwise the first heading noted names the notebook.
    package var title: String?
    /// What the header comment says of the corpora the commands ran on.
    package var corpora: [String] = []
    package var entries: [Entry] = []

    package init(path: String?, folder: String, preamble: String? = nil) {
        self.path = path
        self.folder = folder
        self.preamble = preamble
    }

    /// The comment that opens a notebook Parley writes; replay reads it back.
    static let headerPrefix = "<!-- parley "

    /// The header comment: the version, and each corpus the commands loaded.
    var header: String {
        Self.headerPrefix + ParleyVersion.current + "; corpus: " + Self.describe(corpora: corpora) + " -->"
    }

    /// What the header says of the corpora loaded, in order.
    static func describe(corpora: [String]) -> String {
        corpora.isEmpty ? "the built-in seed" : corpora.joined(separator: " + ")
    }

    /// What the header comment of a notebook's text says of its corpora; nil without one.
    static func recordedCorpora(in text: String) -> String? {
        for line in text.split(separator: "\n", maxSplits: 20, omittingEmptySubsequences: false).prefix(20)
        where line.hasPrefix(headerPrefix) && line.hasSuffix(" -->") {
            guard let range = line.range(of: "; corpus: ") else { return nil }
            return String(line[range.upperBound...].dropLast(4))
        }
        return nil
    }

    /// The notebook's text: the title and header (or the continued notebook), then each entry
    /// after a blank line.
    package var text: String {
        var text: String
        var skipped: Int?
        if let preamble {
            text = Self.replacingHeader(in: preamble, with: header)
        } else {
            let (heading, index) = notedTitle
            // A heading noted before any command is the title itself.
            if title == nil, let index, !entries[..<index].contains(where: { if case .cell = $0 { true } else { false } }) {
                skipped = index
            }
            text = "# " + (title ?? heading ?? "Parley session") + "\n\n" + header + "\n"
        }
        var lineCount = text.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) }
        func append(_ part: String) {
            text += part
            lineCount += part.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        }
        if !text.isEmpty, !text.hasSuffix("\n") { append("\n") }
        for (index, entry) in entries.enumerated() where index != skipped {
            switch entry {
            case .note(let prose):
                append("\n" + prose + "\n")
            case .cell(let command, let output):
                // The command sits two lines below the blank line that separates the cell.
                let body = Self.body(output, line: lineCount + 3)
                let fence = Self.fence(for: body)
                append("\n```parley\n" + command + "\n```\n\n" + fence + "output\n" + body + fence + "\n")
            }
        }
        return text
    }

    /// The text of the first note that is a Markdown heading, and its index.
    private var notedTitle: (String?, Int?) {
        for (index, entry) in entries.enumerated() {
            guard case .note(let prose) = entry, prose.hasPrefix("#") else { continue }
            let text = prose.drop { $0 == "#" }
            guard text.first == " " else { continue }
            return (String(text.drop { $0 == " " }), index)
        }
        return (nil, nil)
    }

    /// A piece as script mode prints it; `line` is the command's line in the notebook.
    static func body(_ piece: Piece, line: Int) -> String {
        switch piece {
        case .text(let text): text
        case .status(let text): marked(text)
        case .error(let message): "parley: line \(line): \(message)\n"
        }
    }

    /// Status lines as script mode prints them on standard error: each marked `parley: `.
    package static func marked(_ status: String) -> String {
        status.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "parley: \($0)\n" }.joined()
    }

    /// `text` with its header comment line replaced, when it has one.
    static func replacingHeader(in text: String, with header: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.prefix(20).firstIndex(where: { $0.hasPrefix(headerPrefix) && $0.hasSuffix("-->") }) else { return text }
        lines[index] = Substring(header)
        return lines.joined(separator: "\n")
    }

    /// Writes the notebook, when there is a file to write.
    package func write() throws(AtomicFile.Failure) {
        guard let path else { return }
        try AtomicFile.write(text, to: path)
    }

    /// The same entries with their paths rewritten for a notebook at `path`; status and error
    /// lines that name a rewritten path name it as the new command does.
    package func moved(to path: String) -> SessionRecorder {
        var moved = self
        moved.path = path
        moved.folder = Path.folder(of: path)
        moved.entries = entries.map { $0.moved(from: folder, to: moved.folder) }
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

extension SessionRecorder.Entry {
    /// This entry as a notebook in `newFolder` holds it.
    func moved(from folder: String, to newFolder: String) -> Self {
        guard case .cell(let command, let output) = self else { return self }
        let rewrite = PathRewriter.rewrite(command, from: folder, to: newFolder)
        return .cell(command: rewrite.line, output: output.replacingPaths(rewrite.replacements))
    }
}

extension SessionRecorder.Piece {
    /// Status and error text with each path replaced (`from` by `to`); data is left alone.
    func replacingPaths(_ replacements: [PathRewriter.Replacement]) -> Self {
        switch self {
        case .text: self
        case .status(let text): .status(PathRewriter.replace(replacements, in: text))
        case .error(let text): .error(PathRewriter.replace(replacements, in: text))
        }
    }
}
