import ParleyCore

/// `load PATH…`: replaces the corpus with transcripts from files, folders and globs.
struct LoadCommand: Command {
    static let name = "load"
    static let summary = "load transcripts from files, folders (recursively) or globs"
    static let usage = "load PATH… [--title auto|none|first] [--label REGEX] [--no-dash-turns] [--no-alternation] [--no-merge] [--lenient] [--no-cache]"
    static let details = """
        Reads .txt and .md files as plain-text transcripts (UTF-8; a byte order mark is dropped and
        CRLF becomes LF). A paragraph starting with a label such as "Vladimir Putin:" starts a turn;
        a paragraph starting with a dash and a space starts an unlabelled turn, whose speaker is the
        name in a self-introduction ("- Ilya Petrenko, Russia Today …"), else the speaker before the
        previous one (two-party alternation), else Unknown; other paragraphs continue the turn. The
        first line is the title when it stands alone and reads as a headline. A label that ends
        with another label of the same document ("President of Russia Vladimir Putin") is merged
        into it. Relative paths start at the current folder (a notebook's folder in replay).
        If the load fails, the previous corpus stays loaded. Each heuristic has an option to
        override it. A load of 1 MB or more is saved to the index cache ($XDG_CACHE_HOME/parley,
        by default ~/.cache/parley); loading the same files again with the same options reads
        the cache instead, unless a file's size or modification time has changed.
        """
    static let example = "load seeds --title none"
    static let argumentCompletion = ArgumentCompletion.paths
    static let options = [
        OptionSpec("--title", value: "auto|none|first", choices: ReaderOptions.TitleRule.allCases.map(\.rawValue),
            help: "is the first paragraph a title: auto (when it reads as a headline), none, or first (always)"),
        OptionSpec("--label", value: "REGEX",
            help: "a pattern matched at the start of a paragraph instead of the built-in label rule; group 1 is the speaker"),
        OptionSpec("--no-dash-turns", help: "a paragraph starting with a dash continues the turn instead of starting one"),
        OptionSpec("--no-alternation", help: "an unlabelled turn without a self-introduction goes to Unknown"),
        OptionSpec("--no-merge", help: "keep labels that end with another label as separate speakers"),
        OptionSpec("--lenient", help: "replace invalid UTF-8 with U+FFFD instead of failing, and say how many"),
        OptionSpec("--no-cache", help: "tokenize and index the files even when the index cache holds them, and do not save them to it"),
    ]

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(1...Int.max, usage: usage)
        var options = ReaderOptions()
        options.title = try arguments.choice("--title", as: ReaderOptions.TitleRule.self) ?? .auto
        options.labelPattern = arguments.string("--label")
        options.dashTurns = !arguments.has("--no-dash-turns")
        options.alternation = !arguments.has("--no-alternation")
        options.mergeLabelSuffixes = !arguments.has("--no-merge")
        options.lenient = arguments.has("--lenient")
        let paths = arguments.positional.map(\.text)
        do throws(LoadError) {
            let sources = try CorpusSource.resolve(paths, relativeTo: session.baseDirectory)
            let (corpus, report) = try load(sources, options: options, useCache: !arguments.has("--no-cache"), session: session)
            var message = "loaded " + CorpusSummary.line(corpus)
            let cleared = [
                session.filter == nil ? nil : "the filter",
                session.subsets.isEmpty ? nil : CorpusSummary.counted(session.subsets.count, "subset"),
            ].compactMap { $0 }
            session.corpus = corpus
            session.corpusLabel = CorpusSummary.label(corpus)
            session.filter = nil
            session.subsets = [:]
            if report.replacedSequences > 0 {
                message += "; replaced \(report.replacedSequences) invalid UTF-8 sequence"
                    + (report.replacedSequences == 1 ? "" : "s") + " with U+FFFD"
            }
            if !cleared.isEmpty { message += "; cleared " + cleared.joined(separator: " and ") }
            return .message(message)
        } catch {
            throw CommandError(error.description, at: offendingWord(error, arguments))
        }
    }

    /// Loads through the session's index cache unless told not to, with a progress bar when
    /// the session shows one. A cache that cannot be written costs a warning, not the load.
    private static func load(
        _ sources: [CorpusSource], options: ReaderOptions, useCache: Bool, session: Session
    ) throws(LoadError) -> (Corpus, LoadReport) {
        var progress: LoadProgress?
        var bar: ProgressBar?
        if session.showsProgress {
            progress = LoadProgress(totalFiles: sources.count, totalBytes: CorpusSource.totalSize(of: sources))
            bar = progress.map(ProgressBar.init)
        }
        defer { bar?.finish() }
        guard useCache, let cache = session.indexCache else {
            return try CorpusBuilder.load(sources, options: options, progress: progress, isCancelled: session.isCancelled)
        }
        let (corpus, report, use) = try cache.load(sources, options: options, progress: progress, isCancelled: session.isCancelled)
        if case .storeFailed(let error) = use {
            Terminal.write("parley: warning: the index cache was not saved: \(error)\n", to: .standardError)
        }
        return (corpus, report)
    }

    private static func offendingWord(_ error: LoadError, _ arguments: Arguments) -> Word? {
        switch error {
        case .pathNotFound(let path), .noTranscripts(let path):
            arguments.positional.first { $0.text == path }
        case .invalidLabelPattern:
            arguments.values["--label"]
        default:
            nil
        }
    }
}

/// "1 document, 5 turns, 2 speakers, 927 tokens, 391 types".
enum CorpusSummary {
    /// What a loaded corpus is called: the folders and files its documents came from as their
    /// names give them (`seeds`, `debates`), so the label is the same whatever folder the path
    /// was typed from, and a notebook replays it identically.
    static func label(_ corpus: Corpus) -> String {
        var seen: Set<Substring> = []
        var parts: [Substring] = []
        for document in corpus.documents {
            let first = document.name.split(separator: "/", maxSplits: 1).first ?? Substring(document.name)
            if seen.insert(first).inserted { parts.append(first) }
        }
        return parts.joined(separator: " ")
    }

    static func line(_ corpus: Corpus) -> String {
        [
            counted(corpus.documents.count, "document"), counted(corpus.turnCount, "turn"),
            counted(corpus.speakers.count, "speaker"), counted(corpus.tokenCount, "token"),
            counted(corpus.typeCount(), "type"),
        ].joined(separator: ", ")
    }

    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
