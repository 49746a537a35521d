import Foundation
import ParleyCore

/// What one command line did: text for standard output, a status line for standard error, or
/// the end of the session.
package enum Outcome: Sendable, Equatable {
    case output(String)
    /// A table shown at the terminal's width, and as a notebook records it (at `set width`).
    case shown(String, recorded: String)
    case status(String)
    case quit

    /// The text printed (as a notebook records it), whichever stream it goes to.
    package var text: String {
        switch self {
        case .output(let text), .status(let text), .shown(_, recorded: let text): text
        case .quit: ""
        }
    }
}

extension Session {
    /// Runs one command line. Returns nil for a blank line or a comment; throws a one-line error
    /// otherwise, leaving the session as it was.
    package mutating func execute(_ line: String) throws(CommandError) -> Outcome? {
        if let prose = NoteCommand.prose(of: line) {
            try NoteCommand.note(prose, in: &self)
            return .output("")
        }
        let words = try CommandLexer.words(line)
        guard let verb = words.first else { return nil }
        guard let command = CommandRegistry.command(named: verb.text) else {
            throw CommandError.unknown("command", verb, among: CommandRegistry.names, hint: "\"help\" lists the commands")
        }
        let arguments = try Arguments(verb: verb, words: Array(words.dropFirst()), options: command.allOptions)
        var draft = self
        let result: CommandResult
        do {
            result = try command.run(arguments, in: &draft)
        } catch {
            throw Interruption.isRequested ? .cancelled : error
        }
        // Work stopped by Ctrl-C returns early with part of its result: throw it away, freeing
        // it (and the draft) on another thread.
        if Interruption.isRequested {
            Interruption.discard((consume result, consume draft))
            throw .cancelled
        }
        let output: Outcome
        switch result {
        case .quit:
            output = .quit
        case .message(let text):
            output = .output(Self.line(text))
        case .status(let text):
            output = .status(Self.line(text))
        case .table(let table):
            output = try deliver(Report([("table", table)], primary: "table"), arguments)
        case .report(let report):
            output = try deliver(report, arguments)
        }
        if Interruption.isRequested {
            Interruption.discard((consume result, consume output))
            throw .cancelled
        }
        self = draft
        return output
    }

    /// Text ending in a line break; an empty text (note) prints nothing.
    private static func line(_ text: String) -> String {
        text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }

    /// Renders a result in the requested format, to the screen or (atomically) to `--out`.
    private func deliver(_ report: Report, _ arguments: Arguments) throws(CommandError) -> Outcome {
        let chosen = try arguments.choice("--format", as: OutputFormat.self)
        guard let outWord = arguments.values["--out"] else {
            let format = chosen ?? .table
            let text = format.render(report, width: settings.width)
            // At a terminal a table fills the window; the notebook keeps the fixed width.
            guard format == .table, let terminalWidth, !settings.widthIsFixed, terminalWidth != settings.width else { return .output(text) }
            return .shown(format.render(report, width: terminalWidth), recorded: text)
        }
        let table = report.primaryTable
        let format = chosen ?? OutputFormat(fileName: outWord.text) ?? .table
        let text = format.render(report, width: settings.width)
        // A render stopped by Ctrl-C is partial: never write it.
        if Interruption.isRequested { throw .cancelled }
        do {
            try AtomicFile.write(text, to: resolve(outWord.text))
        } catch {
            throw CommandError("--out cannot write \"\(outWord.text)\": \(error.reason)", at: outWord)
        }
        let count = table.shape == .record ? "1 record" : CorpusSummary.counted(table.rows.count, "row")
        // The file's name alone: the same message whichever folder the path is relative to.
        let name = outWord.text.split(separator: "/").last.map(String.init) ?? outWord.text
        return .status("wrote \(count) to \(name) (\(format.rawValue))\n")
    }
}

/// Writes files so that a reader sees the old or the new content, never a part: write a
/// temporary file beside the target, then rename it over the target.
package enum AtomicFile {
    package struct Failure: Error {
        package var reason: String
    }

    package static func write(_ text: String, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw Failure(reason: "the folder \(folder) does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw Failure(reason: "it is a folder")
        }
        let temporary = folder + "/." + url.lastPathComponent + ".parley-\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw Failure(reason: SystemError.sentence(errno))
        }
        guard rename(temporary, path) == 0 else {
            let reason = SystemError.sentence(errno)
            unlink(temporary)
            throw Failure(reason: reason)
        }
    }
}
