import Foundation
import ParleyCore

/// What one command line did: a result for standard output, a status line for standard error,
/// or the end of the session.
package enum Outcome: Sendable, Equatable {
    case output(Output)
    case status(String)
    case quit

    /// The text printed (as a notebook records it), whichever stream it goes to.
    package var text: String {
        switch self {
        case .output(let output): output.text
        case .status(let text): text
        case .quit: ""
        }
    }

    /// Outcomes are alike when they print the same text on the same stream.
    package static func == (lhs: Outcome, rhs: Outcome) -> Bool {
        switch (lhs, rhs) {
        case (.output(let a), .output(let b)): a.text == b.text
        case (.status(let a), .status(let b)): a == b
        case (.quit, .quit): true
        default: false
        }
    }
}

/// A command's result, ready to be written at any width into any sink: rendered as it is
/// written, never held whole.
package struct Output: Sendable {
    private enum Content: Sendable {
        case text(String)
        case report(Report, OutputFormat)
    }

    private let content: Content
    /// The width a notebook records tables at (`set width`).
    package let width: Int

    package init(text: String) {
        content = .text(text)
        width = Settings().width
    }

    package init(_ report: Report, format: OutputFormat, width: Int) {
        content = .report(report, format)
        self.width = width
    }

    /// True for a table, which a terminal shows at its own width.
    package var followsWidth: Bool {
        if case .report(_, .table) = content { true } else { false }
    }

    /// Writes the result, tables `width` columns wide; false when the sink or Ctrl-C stopped it.
    package func write(into sink: inout some TextSink, width: Int) -> Bool {
        switch content {
        case .text(let text): text.isEmpty || sink.write(text)
        case .report(let report, let format): format.render(report, width: width, into: &sink)
        }
    }

    /// The whole text at the recorded width, for short results and tests.
    package var text: String {
        var sink = StringSink()
        _ = write(into: &sink, width: width)
        return sink.text
    }
}

extension Session {
    /// Runs one command line. Returns nil for a blank line or a comment; throws a one-line error
    /// otherwise, leaving the session as it was. A result comes back unrendered: the mode
    /// writes it where it goes. `--out` is written here.
    package mutating func execute(_ line: String) throws(CommandError) -> Outcome? {
        if let prose = NoteCommand.prose(of: line) {
            try CommandLexer.checkPlainText(prose)
            try NoteCommand.note(prose, in: &self)
            return .output(Output(text: ""))
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
            throw Interruption.isRequested ? stopped : error
        }
        // Work stopped by Ctrl-C returns early with part of its result: throw it away, freeing
        // it (and the draft) on another thread.
        if Interruption.isRequested {
            Interruption.discard((consume result, consume draft))
            throw stopped
        }
        let output: Outcome
        switch result {
        case .quit:
            output = .quit
        case .message(let text):
            output = .output(Output(text: Self.line(text)))
        case .status(let text):
            output = .status(Self.line(text))
        case .table(let table):
            output = try deliver(Report([("table", table)], primary: "table"), arguments)
        case .report(let report):
            output = try deliver(report, arguments)
        }
        self = draft
        return output
    }

    /// The error for work stopped by Ctrl-C, or by the time limit of `set timeout`.
    package var stopped: CommandError {
        if Interruption.isCacheDamage || !corpus.isIntact { return .cacheChanged }
        return Interruption.isTimeout ? .timedOut(settings.timeout ?? 0) : .cancelled
    }

    /// Text ending in a line break; an empty text (note) prints nothing.
    private static func line(_ text: String) -> String {
        text.isEmpty || text.utf8.last == 0x0A ? text : text + "\n"
    }

    /// The result in the requested format, for the screen; or written to `--out` (streamed into
    /// a temporary file, renamed into place when complete).
    private func deliver(_ report: Report, _ arguments: Arguments) throws(CommandError) -> Outcome {
        let chosen = try arguments.choice("--format", as: OutputFormat.self)
        guard let outWord = arguments.values["--out"] else {
            return .output(Output(report, format: chosen ?? .table, width: settings.width))
        }
        let table = report.primaryTable
        let format = chosen ?? OutputFormat(fileName: outWord.text) ?? .table
        let target = try writable(outWord)
        var sink: AtomicFile.Sink
        do {
            sink = try AtomicFile.Sink(path: target)
        } catch {
            throw CommandError("--out cannot write \"\(outWord.text)\": \(error.reason)", at: outWord)
        }
        let complete = format.render(report, width: settings.width, into: &sink)
        // A render stopped by Ctrl-C is partial: never put it in place.
        if Interruption.isRequested || !complete {
            sink.abandon()
            if Interruption.isRequested { throw stopped }
        }
        do {
            try sink.commit()
        } catch {
            throw CommandError("--out cannot write \"\(outWord.text)\": \(error.reason)", at: outWord)
        }
        let count = table.shape == .record ? "1 record" : CorpusSummary.counted(table.rows.count, "row")
        // The file's name alone: the same message whichever folder the path is relative to.
        let name = outWord.text.split(separator: "/").last.map(String.init) ?? outWord.text
        return .status("wrote \(count) to \(name) (\(format.rawValue))\n")
    }
}
