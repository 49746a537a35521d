import ParleyCore

/// `load PATH…`: replaces the corpus with transcripts from files, folders and globs.
struct LoadCommand: Command {
    static let name = "load"
    static let changesSession = true
    static let summary = "load transcripts from files, folders (recursively) or globs"
    static let usage = "load PATH… [--format NAME] [--speaker-col C] [--text-col C] [--doc-col C[,C…]] [--title auto|none|first] [--label REGEX] [--all-labels] [--no-dash-turns] [--strict-alternation] [--no-alternation] [--no-lists] [--no-merge] [--no-questions] [--keep-notes] [--lemmas en|none|FILE] [--lenient] [--no-cache] [--as NAME] [--add]"
    static let details = """
        Reads plain text and Markdown (.txt .md), CSV and TSV (.csv .tsv), JSON Lines (.jsonl),
        WebVTT (.vtt) and SRT (.srt) captions, CHAT (.cha) and TEI drama (.xml); a folder may mix
        them. The format comes from the extension, or from the content when it is unmistakable
        (a WEBVTT or @Begin first line, a <TEI> root); --format NAME reads every file as NAME.
        All are UTF-8 (a byte order mark is dropped and CRLF becomes LF).
        CSV, TSV and JSON Lines: one row or object is one turn; the speaker column is the first of
        speaker, character, name, speaker_name, who and the text column the first of text,
        utterance, line, transcript, content, speech, dialogue (any case), unless --speaker-col
        and --text-col name them; --doc-col groups rows into one document per value (several
        columns: season,episode); every other column is metadata. Captions: a <v Name> voice or
        a "Name:" prefix is the speaker, consecutive cues of one speaker are one turn, and each
        turn keeps its start and end time. CHAT: each *CODE: tier is a turn, codes are not words.
        TEI: each <sp> is a turn; stage directions are not speech. Metadata (YAML front matter,
        other columns, CHAT headers, act and scene) is shown by info and used by meta: filters.
        Plain text: a paragraph starting with a label such as "Vladimir Putin:" starts a turn. A
        label names a person or a role as transcripts print them: initials and titles (W. Mitt
        Romney, MS. PSAKI), name suffixes (John G. Roberts, Jr.), long roles ending in a name
        (Minister of Natural Resources and the Environment Sergei Donskoy), a role after a comma
        or a note in parentheses before the colon (Emma Marcegaglia (ENI):). Each document decides
        from its own labels (--all-labels turns this off): a candidate used once whose speech
        opens in lower case or with a quote, a mixed-case candidate in a document labelled in
        upper case, and a phrase that reads as the start of a sentence (On evictions:, Another
        suggestion:) are speech, not labels.
        A paragraph starting with a dash and a space starts an unlabelled turn. Where one speaker
        (the principal) is labelled, each dash turn is the principal's or someone else's by what
        its text says: an introduction ("- Ilya Petrenko, Russia Today …", "My name is …") names
        the speaker; a vocative to the principal (Mr President, Mr Putin, Vladimir Vladimirovich)
        means someone else; a greeting or a hand-over (Anna, please.) after someone else's turn
        means yet another person; a question is answered by the principal; the next labelled
        speaker did not speak the dash turn before it; otherwise the sides alternate. Someone
        else that the text does not name is Unknown, or, when the document has exactly two
        parties, the other party. --strict-alternation gives each dash turn the speaker before
        the previous one instead; --no-alternation gives Unknown. A dash paragraph after one
        ending in a colon, or starting in lower case, continues the turn (a list item, an
        interrupted sentence) unless --no-lists.
        Other paragraphs continue the turn. The first line is the title when it stands alone and
        reads as a headline. A label that ends with another label of the same document ("President
        of Russia Vladimir Putin"), or whose words before a comma are one, is merged into it, as
        is a label differing only in spaces (VladimirPutin); labels in different case styles never
        are. In a press briefing, a paragraph starting with Q and a space (often a non-breaking
        one) is a question by the speaker Q.
        Transcription notes in brackets, (Laughter.), [inaudible], [crosstalk], are events, not
        words: they stay in the text and concordances, count and kwic find them with a query in
        parentheses ("(laughter)"), and --keep-notes makes them words again. Relative paths start
        at the current folder (a notebook's folder in replay).
        Only regular files are read: a FIFO, a device or an unreadable file in a folder is skipped
        with a note, and a file over 2.1 GB or with a NUL byte is an error. In a notebook's cells,
        every path must lie inside the repository holding the notebook.
        Lemmas: each word's lemma comes from the built-in English list (41,448 forms of 25,881
        lemmas from spaCy's lookup table, MIT licence, derived from WordNet 3.0), so [lemma="go"]
        and {go} find went, gone, going and goes; the list knows no part of speech, so a form has
        one lemma whatever its use. --lemmas FILE reads an AntConc-style list instead, one lemma a
        line: go -> went, gone, going (a form under two lemmas keeps the first; # starts a
        comment); a word neither list names is its own lemma. --lemmas none loads no lemma layer.
        --as NAME names the corpus: every turn gets the metadata corpus=NAME (corpus:NAME in
        filters, --by corpus in count and freq). --add adds the corpus to the one loaded instead
        of replacing it, for a reference corpus: each is read through its own index cache, so
        adding one never reads the other's files again or rewrites its cache; the documents are
        named NAME/FILE, and the one loaded before is named by its label when it had no --as.
        Then compare corpus:A corpus:B, or keywords A [--reference B], give keyword lists; info
        lists the corpora. The filter and subsets are cleared, as by any load. The lemma list of
        the --add load applies to both; both must be read with the same tokenizer (--keep-notes).
        If the load fails, the previous corpus stays loaded. Each heuristic has an option to
        override it. A load of 1 MB or more is saved to the index cache ($XDG_CACHE_HOME/parley,
        by default ~/.cache/parley); loading the same files again with the same options reads
        the cache instead, unless a file's size or modification time has changed.
        """
    static let example = "load seeds --title none"
    static let argumentCompletion = ArgumentCompletion.paths
    static let options = [
        OptionSpec("--format", value: "NAME", choices: TranscriptFormat.allCases.map(\.rawValue),
            help: "read every file as " + TranscriptFormat.allCases.map(\.rawValue).joined(separator: ", ") + " instead of choosing by extension and content"),
        OptionSpec("--speaker-col", value: "C", help: "the CSV/TSV column or JSON field holding the speaker"),
        OptionSpec("--text-col", value: "C", help: "the CSV/TSV column or JSON field holding the text"),
        OptionSpec("--doc-col", value: "C[,C…]", help: "one document per value of these columns (e.g. season,episode) instead of one per file"),
        OptionSpec("--title", value: "auto|none|first", choices: ReaderOptions.TitleRule.allCases.map(\.rawValue),
            help: "is the first paragraph a title: auto (when it reads as a headline), none, or first (always)"),
        OptionSpec("--label", value: "REGEX",
            help: "a pattern matched at the start of a paragraph instead of the built-in label rule; group 1 is the speaker"),
        OptionSpec("--all-labels", help: "every label-shaped opening is a label, without checking it against the document's other labels"),
        OptionSpec("--no-dash-turns", help: "a paragraph starting with a dash continues the turn instead of starting one"),
        OptionSpec("--strict-alternation", help: "an unlabelled turn without a self-introduction goes to the speaker before the previous one, whatever its text says"),
        OptionSpec("--no-alternation", help: "an unlabelled turn without a self-introduction goes to Unknown"),
        OptionSpec("--no-lists", help: "a dash paragraph after a colon or starting in lower case starts a turn instead of continuing one"),
        OptionSpec("--no-merge", help: "keep labels that end with another label, or differ only in spaces, as separate speakers"),
        OptionSpec("--no-questions", help: "a paragraph starting with Q and a space is text, not a question by Q"),
        OptionSpec("--keep-notes", help: "transcription notes such as (Laughter.) or [inaudible] are words, as other text"),
        OptionSpec("--lemmas", value: "en|none|FILE", help: "the lemma list: the built-in English one (en, the default), none, or an AntConc-style list in FILE"),
        OptionSpec("--lenient", help: "replace invalid UTF-8 with U+FFFD and skip malformed files (saying which) instead of failing"),
        OptionSpec("--no-cache", help: "tokenize and index the files even when the index cache holds them, and do not save them to it"),
        OptionSpec("--as", value: "NAME", help: "name the corpus: every turn gets the metadata corpus=NAME (corpus:NAME in filters)"),
        OptionSpec("--add", help: "add the corpus to the one loaded instead of replacing it (a reference corpus for keywords)"),
    ]

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(1...Int.max, usage: usage)
        var options = ReaderOptions()
        options.title = try arguments.choice("--title", as: ReaderOptions.TitleRule.self) ?? .auto
        options.labelPattern = arguments.string("--label")
        options.dashTurns = !arguments.has("--no-dash-turns")
        options.alternation = !arguments.has("--no-alternation")
        options.mergeLabelSuffixes = !arguments.has("--no-merge")
        options.checkLabels = !arguments.has("--all-labels")
        options.dashCues = !arguments.has("--strict-alternation")
        options.dashLists = !arguments.has("--no-lists")
        options.keepNotes = arguments.has("--keep-notes")
        options.questions = !arguments.has("--no-questions")
        options.lenient = arguments.has("--lenient")
        options.format = try arguments.choice("--format", as: TranscriptFormat.self)
        options.speakerColumn = arguments.string("--speaker-col")
        options.textColumn = arguments.string("--text-col")
        options.documentColumns = arguments.string("--doc-col").map { $0.split(separator: ",").map { String($0.trimmingPrefix(while: \.isWhitespace)) } } ?? []
        options.lemmas = try lemmaSource(arguments, session)
        let paths = arguments.positional.map(\.text)
        let name = arguments.values["--as"]
        if let name { try checkName(name) }
        var notes: [String] = []
        var corpus: Corpus
        let report: LoadReport
        do throws(LoadError) {
            // The cache file for these arguments is read while the folders are walked.
            let prefetch = arguments.has("--no-cache") ? nil : session.indexCache.map { cache in
                cache.prefetch(arguments: paths.map { Path.normalised(session.resolve($0)) }, options: options)
            }
            let sources = try CorpusSource.resolve(paths, relativeTo: session.baseDirectory, notes: &notes, policy: session.pathPolicy)
            (corpus, report) = try load(sources, options: options, prefetch: prefetch, session: session)
        } catch {
            throw CommandError(error.description, at: offendingWord(error, arguments))
        }
        var message = "loaded " + CorpusSummary.line(corpus)
        var label = name?.text ?? CorpusSummary.label(corpus)
        if arguments.has("--add") {
            // The corpus loaded so far keeps its name, or is named by its label now.
            let names = session.corpus.corpusNames
            let first = names.isEmpty ? session.corpus.named(session.corpusLabel, prefixingNames: true) : session.corpus
            let existing = names.isEmpty ? [session.corpusLabel] : names
            if existing.contains(label) {
                throw CommandError("a corpus named \(label) is loaded already; --as NAME gives this one another name", at: name ?? arguments.verb)
            }
            do throws(Corpus.MergeError) {
                corpus = try first.merged(with: corpus.named(label, prefixingNames: true), lemmas: options.lemmas)
            } catch {
                throw CommandError(error.description)
            }
            message = "added \(label) (" + message.dropFirst("loaded ".count) + "): \(existing.count + 1) corpora, " + CorpusSummary.line(corpus)
            label = (existing + [label]).joined(separator: " + ")
        } else if let name {
            corpus = corpus.named(name.text)
        }
        let cleared = [
            session.filter == nil ? nil : "the filter",
            session.subsets.isEmpty ? nil : CorpusSummary.counted(session.subsets.count, "subset"),
        ].compactMap { $0 }
        session.corpus = corpus
        if session.warmsUpCorpora { corpus.warmUp() }
        session.corpusLabel = label
        session.filter = nil
        session.subsets = [:]
        if report.replacedSequences > 0 {
            message += "; replaced \(report.replacedSequences) invalid UTF-8 sequence"
                + (report.replacedSequences == 1 ? "" : "s") + " with U+FFFD"
        }
        if !report.skippedFiles.isEmpty {
            message += "; skipped " + CorpusSummary.counted(report.skippedFiles.count, "malformed file")
        }
        if !cleared.isEmpty { message += "; cleared " + cleared.joined(separator: " and ") }
        for skipped in report.skippedFiles { message += "\n  skipped " + skipped }
        for note in notes { message += "\n" + note }
        let (names, groups) = corpus.variantCounts
        if groups > 0 {
            message += "\n\(names) speaker names look like \(groups == 1 ? "spellings of one name" : "spellings of \(groups) names"); speakers --check lists them"
        }
        return .status(message)
    }

    /// A corpus name: a word that can stand in a filter term (corpus:NAME) and a table.
    private static func checkName(_ word: Word) throws(CommandError) {
        let text = word.text
        guard !text.isEmpty, text.count <= 64, text.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw CommandError("--as expects a name of letters, digits, - _ and . (at most 64), got \"\(text)\"", at: word)
        }
    }

    /// Loads through the session's index cache unless told not to, with a progress bar when
    /// the session shows one. A cache that cannot be written costs a warning, not the load.
    private static func load(
        _ sources: [CorpusSource], options: ReaderOptions, prefetch: IndexCache.Prefetch?, session: Session
    ) throws(LoadError) -> (Corpus, LoadReport) {
        var progress: LoadProgress?
        var bar: ProgressBar?
        if session.showsProgress {
            progress = LoadProgress(totalFiles: sources.count, totalBytes: CorpusSource.totalSize(of: sources))
            bar = progress.map(ProgressBar.init)
        }
        defer { bar?.finish() }
        guard let prefetch, let cache = session.indexCache else {
            // No cache file is written from this corpus: its postings wait until a question needs them.
            return try CorpusBuilder.load(sources, options: options, progress: progress, isCancelled: session.isCancelled, deferringPostings: true)
        }
        let (corpus, report, use) = try cache.load(
            sources, options: options, progress: progress, isCancelled: session.isCancelled, inBackground: true,
            prefetched: prefetch)
        if case .storeFailed(let error) = use {
            Terminal.write("parley: warning: the index cache was not saved: \(error)\n", to: .standardError)
        }
        return (corpus, report)
    }

    /// The lemma list `--lemmas` names.
    private static func lemmaSource(_ arguments: Arguments, _ session: Session) throws(CommandError) -> LemmaSource {
        guard let word = arguments.values["--lemmas"] else { return .english }
        switch word.text {
        case "en": return .english
        case "none": return .none
        default:
            let path = try session.readable(word)
            let text: String
            do throws(LoadError) {
                text = try StopWords.read(path, name: word.text)
            } catch {
                throw CommandError("--lemmas expects en, none or a readable UTF-8 file: \(error.description)", at: word)
            }
            do throws(LemmaListError) {
                let list = try LemmaList(parsing: text)
                return .list(list, digest: list.digest)
            } catch {
                throw CommandError("--lemmas \(word.text): \(error.description)", at: word)
            }
        }
    }

    private static func offendingWord(_ error: LoadError, _ arguments: Arguments) -> Word? {
        switch error {
        case .pathNotFound(let path), .noTranscripts(let path):
            arguments.positional.first { $0.text == path }
        case .invalidLabelPattern:
            arguments.values["--label"]
        case .missingColumn(_, let what, _, _):
            arguments.values[what == "document" ? "--doc-col" : "--\(what)-col"]
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
            // The name up to its first "/" (a folder) or "#" (a spreadsheet split by --doc-col
            // names its documents file#value: the file is the source), found byte by byte:
            // a corpus of thousands of files is labelled on every load.
            let name = document.name.utf8
            let end = name.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "#") } ?? name.endIndex
            var first = document.name[..<end]
            if first.isEmpty {
                // A name that starts with a separator: the first piece that is not empty.
                let file = document.name.split(separator: "#", maxSplits: 1).first ?? Substring(document.name)
                first = file.split(separator: "/", maxSplits: 1).first ?? file
            }
            // Documents come folder by folder: most repeat the last part.
            if parts.last == first { continue }
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
