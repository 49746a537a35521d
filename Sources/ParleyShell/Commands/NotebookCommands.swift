import Foundation
import ParleyCore
import ParleyNotebook

/// `note TEXT`: Markdown prose in the notebook.
struct NoteCommand: Command {
    static let name = "note"
    static let summary = "add Markdown to the notebook being recorded (note # Findings)"
    static let usage = "note TEXT"
    static let details = """
        The rest of the line is written to the notebook verbatim as Markdown between the cells:
        quotes, # and everything else stay as typed, so note # Findings is a heading and
        note > Putin never says "terror" is a quotation. The first heading noted is the
        notebook's title unless save or record gave one. The session itself is unchanged.
        """
    static let example = "note ## Only Putin uses the word terrorism"
    static let recorded = false

    /// The text of a `note` line: everything after the verb and the space that follows it;
    /// nil when the line is not a note.
    static func prose(of line: String) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix(name) else { return nil }
        let rest = trimmed.dropFirst(name.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.drop { $0 == " " || $0 == "\t" }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

    static func note(_ prose: String, in session: inout Session) throws(CommandError) {
        guard !prose.isEmpty else { throw CommandError("note expects some text; usage: \(usage)") }
        session.recorder.entries.append(.note(prose))
        do {
            try session.recorder.write()
        } catch {
            throw CommandError("cannot write the notebook \(session.recorder.path ?? ""): \(error.reason)")
        }
    }

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        // Session.execute gives note lines to note(_:in:) before they are split into words.
        throw CommandError("note expects some text; usage: \(usage)")
    }
}

/// `save FILE`: the session so far as a notebook.
struct SaveCommand: Command {
    static let name = "save"
    static let summary = "write the whole session so far as a notebook (save notes/terror.md)"
    static let usage = "save FILE [--title TEXT]"
    static let details = """
        Writes every command of the session so far with its output, and the notes, as a notebook
        that parley replay runs again; paths in the commands are rewritten to be relative to FILE.
        The title is --title, else the first heading noted. The file is written atomically: on
        failure the old one stays as it was. Later commands are not added (record does that). In
        a notebook's own cells, save does nothing.
        """
    static let example = "save terrorism.md --title \"Who speaks of terrorism\""
    static let argumentCompletion = ArgumentCompletion.paths
    static let options = [OptionSpec("--title", value: "TEXT", help: "the notebook's title (a level-1 heading)")]
    static let recorded = false

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(1...1, usage: usage)
        let word = arguments.positional[0]
        if session.pathPolicy.isNotebook {
            return .status("save does nothing while a notebook's cells run: a notebook never writes notebooks (\(word.text) is not written)")
        }
        let path = Path.normalised(session.resolve(word.text))
        if path == session.recorder.path {
            throw CommandError("\(word.text) is the notebook being recorded, which already holds every command since recording began", at: word)
        }
        if let busy = NotebookFile.busyReason(path) { throw CommandError("cannot write \"\(word.text)\": \(busy)", at: word) }
        var copy = session.recorder.moved(to: path)
        if let title = arguments.string("--title") { copy.title = title }
        do {
            // The charts first: the notebook never links to a file that is not there.
            try NotebookFigures.write(copy.figures(), into: NotebookFigures.folder(of: path).path, removingOthers: false)
            try AtomicFile.write(copy.text, to: path)
        } catch {
            throw CommandError("cannot write \"\(word.text)\": \(error.reason)", at: word)
        }
        let cells = copy.entries.count { if case .cell = $0 { true } else { false } }
        return .status("saved the session so far (\(CorpusSummary.counted(cells, "cell"))) to \(word.text); later commands are not added")
    }
}

/// `record FILE`: record into a notebook from now on, continuing it when it exists.
struct RecordCommand: Command {
    static let name = "record"
    static let summary = "record every later command into a notebook file, continuing it if it exists"
    static let usage = "record FILE [--title TEXT]"
    static let details = """
        From now on every command is added to the end of FILE as it runs, under a lock: one
        writer per notebook, and a crash loses at most the command that was running. What ran
        before is not added (save writes that). A new FILE starts with the commands that made
        the session what it is (load, filter, subset, alias, set), so that it replays. When FILE
        exists, the session starts again from the seed and runs FILE's cells (their recorded
        output is kept), confined to the repository holding FILE, so it continues where the
        notebook left off. parley --notebook FILE does the same from the start. In a notebook's
        own cells, save and record do nothing.
        """
    static let example = "record notebooks/terrorism.md"
    static let argumentCompletion = ArgumentCompletion.paths
    static let options = [OptionSpec("--title", value: "TEXT", help: "the title of a new notebook (a level-1 heading)")]
    static let recorded = false

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(1...1, usage: usage)
        let word = arguments.positional[0]
        if session.pathPolicy.isNotebook {
            return .status("record does nothing while a notebook's cells run: a notebook never writes notebooks (\(word.text) is not written)")
        }
        let path = Path.normalised(session.resolve(word.text))
        do throws(NotebookFileError) {
            return .status(try session.record(into: path, title: arguments.string("--title")))
        } catch {
            throw CommandError("\(word.text): \(error.message)", at: word)
        }
    }
}

extension Session {
    /// Records into the notebook at `path` (absolute) from now on. An existing notebook is run
    /// in a fresh session and continued; a new one starts with the commands that set up the
    /// session so far. The file is locked first, so no other process writes it meanwhile.
    package mutating func record(into path: String, title: String? = nil, trust: NotebookTrust = NotebookTrust()) throws(NotebookFileError) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard FileManager.default.fileExists(atPath: path) else {
            let entries = setup.map { $0.moved(from: "/", to: Path.folder(of: path)) }
            do {
                recorder = try SessionRecorder.recording(into: path, existing: nil, title: title, entries: entries)
            } catch {
                throw NotebookFileError(message: "cannot write: \(error.reason)")
            }
            let cells = setup.count { if case .cell = $0 { true } else { false } }
            let restored = cells == 0 ? "" : "; its first \(CorpusSummary.counted(cells, "cell")) set the session up as it is"
            return "recording every later command into \(name)\(restored)"
        }
        let (text, notebook) = try NotebookRunner.read(path)
        let continuing: SessionRecorder
        do {
            continuing = try SessionRecorder.recording(into: path, existing: text)
        } catch {
            throw NotebookFileError(message: "cannot record into it: \(error.reason)")
        }
        // The notebook's cells run in a fresh session, unrecorded: its text already holds them.
        var continued = Session.withSeed(baseDirectory: Path.folder(of: path))
        continued.workingDirectory = workingDirectory
        continued.indexCache = indexCache
        continued.isCancelled = isCancelled
        continued.showsProgress = showsProgress
        continued.warmsUpCorpora = warmsUpCorpora
        continued.recorder = SessionRecorder(path: nil, folder: Path.folder(of: path), preamble: text)
        // The file's cells are untrusted input; what is typed after them is the user's own.
        continued.pathPolicy = trust.policy(for: path)
        let outputs = NotebookRunner.run(notebook, in: &continued)
        continued.pathPolicy = pathPolicy
        var recorder = continuing
        recorder.entries = []
        continued.recorder = recorder
        self = continued
        let cells = notebook.blocks.compactMap { block -> Notebook.Cell? in
            if case .cell(let cell) = block { cell } else { nil }
        }
        // A cell without an output block differs too.
        let differ = zip(outputs, cells).count { $0 != $1.output?.body }
        var message = "ran \(CorpusSummary.counted(outputs.count, "cell")) of \(name) in a fresh session"
        if differ > 0 { message += " (\(differ) differ from their recorded output; parley replay --update refreshes them)" }
        return message + "; recording every later command into it"
    }
}

/// How far a notebook run from the command line is trusted: `--root DIR` names the folder its
/// paths must lie in, `--allow-any-path` lets them lie anywhere.
package struct NotebookTrust: Sendable, Equatable {
    package var root: String?
    package var allowAnyPath = false

    package init(root: String? = nil, allowAnyPath: Bool = false) {
        self.root = root
        self.allowAnyPath = allowAnyPath
    }

    /// The path policy for running the notebook at `path`. A session Parley recorded in its
    /// state folder is the user's own, and names the user's corpora wherever they are.
    package func policy(for path: String) -> PathPolicy {
        PathPolicy.notebook(path, root: root, allowAnyPath: allowAnyPath || root == nil && StateFolder.holdsSession(path))
    }
}
