import Foundation
import ParleyCore
import ParleyNotebook

/// The notebook a session writes as it goes (DESIGN.md §8): a comment naming the Parley version,
/// then a cell per command with what script mode prints for it (status and error lines marked
/// `parley: `, long outputs capped with a digest), a comment after each load naming the corpus,
/// and prose from `note`. Recording appends each entry to a locked file (`NotebookFile`);
/// `save` writes the whole session so far, atomically.
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
        /// What a load brought in (its fingerprint), after the load's cell: replay compares it.
        case corpus(String)
        /// The chart the cell before drew: an SVG file beside the notebook and an image under
        /// the cell's output.
        case chart(Chart)
    }

    /// The notebook file (absolute) being recorded into, or nil when nothing is recorded (script
    /// mode without `--notebook`; `save` still works).
    package private(set) var path: String?
    /// The folder the recorded commands' paths are relative to.
    package var folder: String
    /// The text of the notebook this one continues (its title and cells), or nil for a new one.
    package var preamble: String?
    /// The title given with `--title`; otherwise `save` names the notebook by the first heading
    /// noted.
    package var title: String?
    /// Everything this session did, for `save`.
    package var entries: [Entry] = []
    /// The open, locked file, and how much of `entries` and how many lines it holds.
    private var file: NotebookFile?
    private var appended = 0
    private var fileLines = 0
    /// The cells the file holds, to number the chart files.
    private var fileCells = 0
    /// The notebook a copy is written as (`save`), whose name its chart links take.
    private var savedPath: String?

    package init(path: String?, folder: String, preamble: String? = nil) {
        self.path = path
        self.folder = folder
        self.preamble = preamble
    }

    /// Starts recording into `path`: a new file gets the header comment and `entries` (the
    /// commands that set the session up); an existing one, whose text is `existing`, is
    /// continued at its end. The file is locked until the recorder goes.
    package static func recording(
        into path: String, existing: String?, title: String? = nil, entries: [Entry] = []
    ) throws(NotebookFile.Failure) -> SessionRecorder {
        var recorder = SessionRecorder(path: path, folder: Path.folder(of: path), preamble: existing)
        recorder.title = title
        let file = try NotebookFile(path: path, creating: existing == nil)
        recorder.file = file
        if let existing {
            recorder.fileLines = existing.utf8.count { $0 == 0x0A } + (existing.isEmpty || existing.utf8.last == 0x0A ? 0 : 1)
            recorder.fileCells = Self.cellCount(existing)
            // A notebook whose last line has no line break: give it one before the first cell.
            if !existing.isEmpty, existing.utf8.last != 0x0A { try file.append("\n") }
        } else {
            let head = recorder.head(title: title)
            try file.append(head)
            recorder.fileLines = head.utf8.count { $0 == 0x0A }
        }
        recorder.entries = entries
        try recorder.appendNew()
        return recorder
    }

    /// The cells of a notebook's text (0 when it does not parse).
    static func cellCount(_ text: String) -> Int {
        guard let notebook = try? Notebook(parsing: text) else { return 0 }
        return notebook.blocks.count { if case .cell = $0 { true } else { false } }
    }

    /// The folder name chart links use, for the notebook at `path` (or the folder's own).
    private var figureFolderName: String {
        NotebookFigures.folder(of: savedPath ?? path ?? folder + "/notebook.md").name
    }

    /// Every chart the entries hold, numbered by the cell they follow (the notebook this one
    /// continues counted), for `save` to write beside the notebook at `notebookPath`.
    package func figures() -> [NotebookFigures.Figure] {
        var cells = preamble.map(Self.cellCount) ?? 0
        var figures: [NotebookFigures.Figure] = []
        for entry in entries {
            switch entry {
            case .cell: cells += 1
            case .chart(let chart): figures += NotebookFigures.figures(cell: cells, charts: [chart])
            default: break
            }
        }
        return figures
    }

    /// True while entries go to a file as they come.
    package var isRecording: Bool { file != nil }

    /// The comment that opens a notebook Parley writes.
    static let headerPrefix = "<!-- parley "
    /// The comment that follows a load: what it loaded.
    static let corpusPrefix = "<!-- parley corpus: "

    /// The title (when there is one) and the version comment.
    private func head(title: String?) -> String {
        (title.map { "# " + $0 + "\n\n" } ?? "") + Self.headerPrefix + ParleyVersion.current + " -->\n"
    }

    /// What a notebook's text says of the corpora its loads brought in, in order; nil when it
    /// says nothing (a notebook written by hand). Reads the comment after each load, and the
    /// header of notebooks written before those comments (`corpus: A + B`).
    static func recordedCorpora(in text: String) -> [String]? {
        var corpora: [String] = []
        var said = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix(headerPrefix) && line.hasSuffix(" -->") {
            if line.hasPrefix(corpusPrefix) {
                corpora.append(String(line.dropFirst(corpusPrefix.count).dropLast(4)))
                said = true
            } else if let range = line.range(of: "; corpus: ") {
                let listed = line[range.upperBound...].dropLast(4)
                if listed != "the built-in seed" { corpora += listed.components(separatedBy: " + ") }
                said = true
            }
        }
        return said ? corpora : nil
    }

    /// What a list of corpora reads as in a message.
    static func describe(corpora: [String]) -> String {
        corpora.isEmpty ? "the built-in seed" : corpora.joined(separator: " + ")
    }

    /// The whole notebook (for `save`): the title (`--title`, else the first heading noted) and
    /// header, or the notebook this one continues, then every entry.
    package var text: String {
        var text: String
        var skipped: Int?
        if let preamble {
            text = preamble
            if !text.isEmpty, text.utf8.last != 0x0A { text += "\n" }
        } else {
            let (heading, index) = notedTitle
            // A heading noted before any command is the title itself.
            if title == nil, let index, !entries[..<index].contains(where: { if case .cell = $0 { true } else { false } }) {
                skipped = index
            }
            text = head(title: title ?? heading)
        }
        var lines = text.utf8.count { $0 == 0x0A }
        var cells = preamble.map(Self.cellCount) ?? 0
        for (index, entry) in entries.enumerated() where index != skipped {
            if case .cell = entry { cells += 1 }
            let part = Self.render(entry, after: lines, cell: cells, folderName: figureFolderName)
            text += part
            lines += part.utf8.count { $0 == 0x0A }
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

    /// An entry as the notebook holds it, after `lines` lines. Every line is escaped as it must
    /// be to replay as written: fences long enough for what they hold, a note that would open a
    /// code block made plain text.
    static func render(_ entry: Entry, after lines: Int, cell: Int = 0, folderName: String = "notebook.files") -> String {
        switch entry {
        case .chart(let chart):
            return NotebookFigures.markdown(NotebookFigures.figures(cell: cell, charts: [chart]), folderName: folderName)
        case .note(let prose):
            return "\n" + escapedNote(prose) + "\n"
        case .corpus(let fingerprint):
            return "\n" + corpusPrefix + Visible.echo(fingerprint.replacing("-->", with: "--&gt;"), limit: 4000) + " -->\n"
        case .cell(let command, let output):
            // The command sits two lines below the blank line that separates the cell.
            let body = Self.body(output, line: lines + 3)
            let commandFence = fence(for: command)
            let fence = Self.fence(for: body)
            return "\n" + commandFence + "parley\n" + command + "\n" + commandFence + "\n\n" + fence + "output\n" + body + fence + "\n"
        }
    }

    /// A note as Markdown: verbatim, except that a line opening a code fence (```, ~~~) would
    /// swallow the cells after it, so its first character is escaped.
    static func escapedNote(_ prose: String) -> String {
        let trimmed = prose.drop { $0 == " " }
        guard prose.count - trimmed.count <= 3, trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") else { return prose }
        return String(prose.prefix(prose.count - trimmed.count)) + "\\" + trimmed
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

    /// Appends the entries the file does not hold yet; nothing when no file is recorded into.
    package mutating func write() throws(NotebookFile.Failure) {
        try appendNew()
    }

    private mutating func appendNew() throws(NotebookFile.Failure) {
        guard let file else { return }
        while appended < entries.count {
            let entry = entries[appended]
            if case .cell = entry { fileCells += 1 }
            if case .chart(let chart) = entry, let path {
                // The chart's file first, so that the image never links to nothing.
                do {
                    try NotebookFigures.write(NotebookFigures.figures(cell: fileCells, charts: [chart]), into: NotebookFigures.folder(of: path).path, removingOthers: false)
                } catch {
                    throw NotebookFile.Failure(reason: error.reason)
                }
            }
            let part = Self.render(entry, after: fileLines, cell: fileCells, folderName: figureFolderName)
            try file.append(part)
            fileLines += part.utf8.count { $0 == 0x0A }
            appended += 1
        }
    }

    /// The same entries with their paths rewritten for a notebook at `path`, not recorded into;
    /// status and error lines that name a rewritten path name it as the new command does.
    package func moved(to path: String) -> SessionRecorder {
        var moved = SessionRecorder(path: nil, folder: Path.folder(of: path), preamble: preamble)
        moved.title = title
        moved.savedPath = path
        moved.entries = entries.map { $0.moved(from: folder, to: moved.folder) }
        return moved
    }

    /// Three backticks, or more when the text holds a line that starts with three or more.
    package static func fence(for body: String) -> String {
        var longest = 0
        for line in body.split(separator: "\n") {
            let run = line.drop { $0 == " " }.prefix { $0 == "`" }.count
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
