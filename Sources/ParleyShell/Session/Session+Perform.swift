import ParleyCore
import ParleyNotebook

/// What a typed line did, for the mode that shows it.
package struct Performed: Sendable, Equatable {
    /// What the command printed on standard output, when it was performed into a string
    /// (`perform(_:)`); a mode that streams the result to its display leaves this empty.
    package var output = ""
    /// The output as the notebook stores it (capped, with its digest when long).
    package var stored = ""
    /// Status lines (what the command did: loaded, filter, wrote), for standard error, with
    /// paths as the user typed them.
    package var status = ""
    package var error: CommandError?
    package var quit = false
    /// Set when the notebook could not be written (the session itself goes on).
    package var notebookFailure: String?
    /// The chart the command drew in the terminal, which a notebook stores as an SVG file.
    package var chart: Chart?
}

extension Session {
    /// Runs a line as the user typed it and writes its result into `display`: tables at
    /// `displayWidth` when given (the terminal's), else at the recorded width. Its paths are
    /// rewritten to be relative to the notebook's folder and the command runs so; the notebook
    /// records the rewritten command with what replay will print for it, while the user sees
    /// messages with the paths as typed. `set timeout` limits the command and its rendering.
    package mutating func perform(_ typed: String, display: inout some TextSink, width displayWidth: Int? = nil) -> Performed {
        let timeout = settings.timeout
        return Interruption.withTimeLimit(timeout) { perform(typed, into: &display, width: displayWidth) }
    }

    /// Runs a line and returns its output in `output` (for tests and short commands).
    package mutating func perform(_ typed: String) -> Performed {
        var display = StringSink()
        var performed = perform(typed, display: &display)
        performed.output = display.text
        return performed
    }

    private mutating func perform(_ typed: String, into display: inout some TextSink, width displayWidth: Int?) -> Performed {
        // A cache file truncated or rewritten under the session since the last command: load
        // the corpus again before anything reads it. A load (which replaces the corpus) and quit
        // run as they are, so that a session whose files cannot be loaded again is never stuck.
        if !corpus.isIntact, !Self.leavesCorpus(typed) {
            var performed = Performed()
            performed.error = reloadAfterDamage()
            return performed
        }
        let rewrite = PathRewriter.rewrite(typed, from: workingDirectory, to: recorder.folder)
        let line = rewrite.line
        let asTyped = rewrite.replacements.map { PathRewriter.Replacement(from: $0.to, to: $0.from) }
        var performed = Performed()
        let piece: SessionRecorder.Piece
        do throws(CommandError) {
            switch try execute(line) {
            case .quit:
                performed.quit = true
                piece = .text("")
            case .output(let output):
                performed.stored = try show(output, on: &display, width: displayWidth)
                performed.chart = output.chart
                piece = .text(performed.stored)
            case .status(let text):
                performed.status = PathRewriter.replace(asTyped, in: text)
                piece = .status(text)
            case nil:
                return performed
            }
        } catch {
            // Columns point into the typed line; a rewritten one has moved its words.
            performed.error = line == typed ? error : CommandError(PathRewriter.replace(asTyped, in: error.message), columns: nil)
            piece = .error(error.message)
        }
        // The cache lost pages while the command read it: its answer is thrown away.
        if !performed.quit, performed.error == .cacheChanged || !corpus.isIntact {
            performed = Performed()
            performed.error = reloadAfterDamage()
            return performed
        }
        // A cancelled command leaves no trace: the session and the notebook are as before it.
        if performed.error?.isCancellation == true { return performed }
        guard let verb = Self.recordedVerb(line) else { return performed }
        let entry = SessionRecorder.Entry.cell(command: line, output: piece)
        recorder.entries.append(entry)
        if let chart = performed.chart { recorder.entries.append(.chart(chart)) }
        if performed.error == nil, let command = verb, command.changesSession {
            setup.append(entry.moved(from: recorder.folder, to: "/"))
            if command.name == LoadCommand.name {
                let fingerprint = Self.fingerprint(of: corpus, label: corpusLabel)
                loadedCorpora.append(fingerprint)
                recorder.entries.append(.corpus(fingerprint))
                setup.append(.corpus(fingerprint))
            }
        }
        do {
            try recorder.write()
        } catch {
            performed.notebookFailure = "cannot write the notebook \(recorder.path ?? ""): \(error.reason)"
        }
        return performed
    }

    /// Writes `output` into `display` (at `displayWidth`, or the recorded width) and returns it
    /// as the notebook stores it: one pass when both take the same text, two when the terminal
    /// shows a table at its own width. Throws when Ctrl-C or the time limit stopped it.
    private func show(_ output: Output, on display: inout some TextSink, width displayWidth: Int?) throws(CommandError) -> String {
        var capture = OutputCap.Capture(lines: settings.notebookLines)
        let shownWidth = settings.widthIsFixed ? output.width : displayWidth ?? output.width
        if colour, let chart = output.chart {
            // Colour for the terminal only: the notebook keeps the plain chart.
            _ = display.writeStyled(TerminalChartRenderer(width: shownWidth, colour: true).render(chart))
            _ = output.write(into: &capture, width: output.width)
        } else if shownWidth == output.width || !output.followsWidth {
            var both = Tee(display, capture)
            _ = output.write(into: &both, width: output.width)
            (display, capture) = (both.first, both.second)
        } else {
            _ = output.write(into: &display, width: shownWidth)
            if !Interruption.isRequested { _ = output.write(into: &capture, width: output.width) }
        }
        if Interruption.isRequested { throw stopped }
        return capture.stored
    }

    /// What the header comment of a notebook says of a corpus: its name, size and a digest of
    /// its text, so replay can tell when the files have changed since.
    static func fingerprint(of corpus: Corpus, label: String) -> String {
        let bytes = corpus.documents.reduce(0) { $0 + $1.textLength }
        let digest = String(corpus.textDigest, radix: 16)
        return "\(label) (\(CorpusSummary.counted(corpus.documents.count, "document")), \(bytes) bytes of text, digest "
            + String(repeating: "0", count: 16 - digest.count) + digest + ")"
    }

    /// Whether `line` is a load or quit: commands that do not read the corpus there is.
    private static func leavesCorpus(_ line: String) -> Bool {
        guard let verb = try? CommandLexer.words(line).first?.text, let command = CommandRegistry.command(named: verb) else { return false }
        return command == LoadCommand.self || command == QuitCommand.self
    }

    /// When a line belongs in the notebook as a cell, its command (nil for a line that is not
    /// a known verb: an error worth recording); nil when it does not belong: a blank line, a
    /// comment, or a verb about the notebook itself.
    private static func recordedVerb(_ line: String) -> (any Command.Type)?? {
        // A line with a control character cannot be stored as typed; it changed nothing.
        guard (try? CommandLexer.checkPlainText(line)) != nil else { return nil }
        guard let words = try? CommandLexer.words(line), let verb = words.first else {
            // An unbalanced quote is an error worth recording; a blank line is not.
            let unbalanced = !line.allSatisfy(\.isWhitespace) && (try? CommandLexer.words(line)) == nil
            return unbalanced ? .some(nil) : nil
        }
        guard let command = CommandRegistry.command(named: verb.text) else { return .some(nil) }
        return command.recorded ? .some(command) : nil
    }

    /// Loads the corpus again after its cache file changed under the session, by running the
    /// commands that set the session up (load, filter, subset, alias, set) in a fresh one: the
    /// damaged file fails its checks and is rebuilt from the transcripts. Returns the error that
    /// tells the user.
    private mutating func reloadAfterDamage() -> CommandError {
        Interruption.clear()
        // The setup names paths from "/"; run from this session's folder, they name them (and
        // so does an error) as the user did.
        var fresh = Session.withSeed(baseDirectory: baseDirectory)
        fresh.indexCache = indexCache
        fresh.isCancelled = isCancelled
        fresh.showsProgress = showsProgress
        fresh.warmsUpCorpora = warmsUpCorpora
        for case .cell(let command, _) in setup.map({ $0.moved(from: "/", to: baseDirectory) }) {
            do {
                _ = try fresh.execute(command)
            } catch {
                return CommandError(
                    "a transcript this corpus reads its texts from, or its index cache file, changed under the session, and "
                        + "loading it again failed: \(error.message); load the corpus again when its files are back, or load others")
            }
        }
        corpus = fresh.corpus
        corpusLabel = fresh.corpusLabel
        filter = fresh.filter
        subsets = fresh.subsets
        return .cacheChanged
    }
}
