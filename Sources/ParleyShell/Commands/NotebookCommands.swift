import Foundation
import ParleyNotebook

/// `note TEXT`: a paragraph of prose in the notebook.
struct NoteCommand: Command {
    static let name = "note"
    static let summary = "add a paragraph of prose to the notebook being recorded"
    static let usage = "note TEXT…"
    static let details = """
        The words are written to the notebook as a paragraph of Markdown between the cells; the
        session itself is unchanged. Quote nothing: note Putin speaks of terrorism four times.
        """
    static let example = "note Only Putin uses the word terrorism."
    static let recorded = false

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(1...Int.max, usage: usage)
        session.recorder.entries.append(.note(arguments.positional.map(\.text).joined(separator: " ")))
        do {
            try session.recorder.write()
        } catch {
            throw CommandError("cannot write the notebook: \(error.reason)")
        }
        return .message("")
    }
}

/// `save FILE`: the session so far as a notebook.
struct SaveCommand: Command {
    static let name = "save"
    static let summary = "write the session so far as a notebook (save notes/terror.md)"
    static let usage = "save FILE"
    static let details = """
        Writes every command of the session with its output, and the notes, as a notebook that
        parley replay runs again; paths in the commands are rewritten to be relative to FILE.
        The file is written atomically: on failure the old one stays as it was.
        """
    static let example = "save terrorism.md"
    static let argumentCompletion = ArgumentCompletion.paths
    static let recorded = false

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(1...1, usage: usage)
        let word = arguments.positional[0]
        let copy = session.recorder.moved(to: Path.normalised(session.resolve(word.text)))
        do {
            try copy.write()
        } catch {
            throw CommandError("cannot write \"\(word.text)\": \(error.reason)", at: word)
        }
        let cells = copy.entries.count { if case .cell = $0 { true } else { false } }
        return .message("saved \(CorpusSummary.counted(cells, "cell")) to \(word.text)")
    }
}

/// `record FILE`: record into a notebook from now on, continuing it when it exists.
struct RecordCommand: Command {
    static let name = "record"
    static let summary = "record the session into a notebook file, continuing it if it exists"
    static let usage = "record FILE"
    static let details = """
        When FILE exists, its cells run first in this session (their recorded output is kept),
        so the session continues where the notebook left off; new commands are added at its end.
        When it does not, FILE starts with the session so far. Either way every later command is
        added to FILE as it runs, written atomically. parley --notebook FILE does the same from
        the start.
        """
    static let example = "record notebooks/terrorism.md"
    static let argumentCompletion = ArgumentCompletion.paths
    static let recorded = false

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(1...1, usage: usage)
        let word = arguments.positional[0]
        let path = Path.normalised(session.resolve(word.text))
        do throws(NotebookFileError) {
            return .message(try session.record(into: path))
        } catch {
            throw CommandError("\(word.text): \(error.message)", at: word)
        }
    }
}

extension Session {
    /// Records into the notebook at `path` (absolute) from now on. An existing notebook is run
    /// first and continued; a new one starts with the session so far.
    package mutating func record(into path: String) throws(NotebookFileError) -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            let moved = recorder.moved(to: path)
            do {
                try moved.write()
            } catch {
                throw NotebookFileError(message: "cannot write: \(error.reason)")
            }
            recorder = moved
            return "recording into \(path.split(separator: "/").last ?? "") from now on"
        }
        let (text, notebook) = try NotebookRunner.read(path)
        // The notebook's own cells run unrecorded: its text already holds them.
        var continued = SessionRecorder(path: nil, folder: Path.folder(of: path), preamble: text)
        swap(&recorder, &continued)
        let outputs = NotebookRunner.run(notebook, in: &self)
        recorder.entries = []
        recorder.path = path
        let cells = notebook.blocks.compactMap { block -> Notebook.Cell? in
            if case .cell(let cell) = block { cell } else { nil }
        }
        // A cell without an output block differs too.
        let differ = zip(outputs, cells).count { $0 != $1.output?.body }
        var message = "ran \(CorpusSummary.counted(outputs.count, "cell")) of \(path.split(separator: "/").last ?? "")"
        if differ > 0 { message += " (\(differ) differ from their recorded output; parley replay --update refreshes them)" }
        return message + "; recording into it from now on"
    }
}
