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
    /// Counts with thousands separators in the table format (`set separators on`).
    package var separators = false

    package init(text: String) {
        content = .text(text)
        width = Settings().width
    }

    package init(_ report: Report, format: OutputFormat, width: Int) {
        content = .report(report, format)
        self.width = width
    }

    /// True for a table or a terminal chart, which a terminal shows at its own width.
    package var followsWidth: Bool {
        switch content {
        case .report(_, .table), .report(_, .chart): true
        default: false
        }
    }

    /// The chart drawn in block characters, when that is what this is: a notebook stores it as
    /// an SVG file too, and a terminal may show it in colour.
    package var chart: Chart? {
        if case .report(let report, .chart) = content { report.chart } else { nil }
    }

    /// Writes the result, tables `width` columns wide; false when the sink or Ctrl-C stopped it.
    package func write(into sink: inout some TextSink, width: Int) -> Bool {
        switch content {
        case .text(let text): text.isEmpty || sink.write(text)
        case .report(let report, let format): format.render(report, width: width, separators: separators, into: &sink)
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
        if command == PlotCommand.self { return try plot(Array(words.dropFirst()), verb: verb) }
        let arguments = try Arguments(verb: verb, words: Array(words.dropFirst()), options: command.allOptions)
        return try run(command, arguments, chartFormat: nil)
    }

    /// `plot` alone (the last result's chart) or `plot COMMAND…` (that command's).
    private mutating func plot(_ words: [Word], verb: Word) throws(CommandError) -> Outcome? {
        guard let inner = words.first else {
            guard let chart = lastChart else {
                throw CommandError("nothing to plot yet: run count --by, freq, dispersion or compare first, or give one: plot count inflation --by date:month", at: verb)
            }
            var report = Report([("table", Table(columns: [], rows: []))], primary: "table")
            report.chart = chart
            return .output(Output(report, format: .chart, width: settings.width))
        }
        guard let command = CommandRegistry.command(named: inner.text) else {
            throw CommandError.unknown("command", inner, among: CommandRegistry.names, hint: "\"help plot\" says what plot draws")
        }
        guard command.producesTable, command != PlotCommand.self else {
            throw CommandError("plot draws the result of count, freq, dispersion or compare, not of \(inner.text)", at: inner)
        }
        let arguments = try Arguments(verb: inner, words: Array(words.dropFirst()), options: command.allOptions)
        if let format = try arguments.choice("--format", as: OutputFormat.self), !format.isChart {
            throw CommandError("plot draws a chart: --format chart (the default) or svg", at: arguments.values["--format"]!)
        }
        return try run(command, arguments, chartFormat: .chart)
    }

    /// Runs a parsed command on a draft of the session, which replaces it when the command
    /// succeeds; `chartFormat` asks for the result's chart (plot).
    private mutating func run(_ command: any Command.Type, _ arguments: Arguments, chartFormat: OutputFormat?) throws(CommandError) -> Outcome? {
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
            Interruption.discard((result, draft))
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
            output = try deliver(Report([("table", table)], primary: "table"), arguments, chartFormat: chartFormat)
        case .report(let report):
            if let chart = report.chart { draft.lastChart = chart }
            output = try deliver(report, arguments, chartFormat: chartFormat)
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
    private func deliver(_ report: Report, _ arguments: Arguments, chartFormat: OutputFormat?) throws(CommandError) -> Outcome {
        let chosen = try arguments.choice("--format", as: OutputFormat.self)
        let outWord = arguments.values["--out"]
        let implied = outWord.flatMap { OutputFormat(fileName: $0.text) }
        if chartFormat != nil, let outWord, let implied, !implied.isChart {
            throw CommandError("plot --out writes an SVG file: name it .svg", at: outWord)
        }
        let format = chosen ?? implied ?? (chartFormat != nil && outWord != nil ? .svg : chartFormat) ?? .table
        if format.isChart, report.chart == nil {
            let verb = arguments.verb.text
            throw CommandError(
                "\(verb) has no chart\(verb == CountCommand.name ? " without --by" : ""): charts are drawn for count --by, freq, dispersion and compare",
                at: arguments.values["--format"] ?? arguments.verb)
        }
        guard let outWord else {
            var output = Output(report, format: format, width: settings.width)
            output.separators = settings.separators
            return .output(output)
        }
        let table = report.primaryTable
        let target = try writable(outWord)
        var sink: AtomicFile.Sink
        do {
            sink = try AtomicFile.Sink(path: target)
        } catch {
            throw CommandError("--out cannot write \"\(outWord.text)\": \(error.reason)", at: outWord)
        }
        let complete = format.render(report, width: settings.width, separators: settings.separators, into: &sink)
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
        let count = format.isChart ? "a \(report.chart!.kind)" : table.shape == .record ? "1 record" : CorpusSummary.counted(table.rows.count, "row")
        // The file's name alone: the same message whichever folder the path is relative to.
        let name = outWord.text.split(separator: "/").last.map(String.init) ?? outWord.text
        return .status("wrote \(count) to \(name) (\(format.rawValue))\n")
    }
}
