import ParleyCore

/// The state of one Parley session: the corpus, what was loaded, settings, and where relative
/// paths start. Every mode (prompt, script, notebook replay) drives one of these.
package struct Session: Sendable {
    package var corpus: Corpus {
        // The cached labels and the turns outside speech belong to the corpus they were made for.
        didSet {
            documentLabelCache = DocumentLabelCache()
            outsideSpeech = corpus.turnsOutsideSpeech()
        }
    }
    /// The corpus's turns outside speech (preamble, closing time stamps), which analyses leave
    /// out unless `set preamble on`.
    package private(set) var outsideSpeech: TurnSet
    /// The document labels of this corpus, made once per `doc-label` style.
    private(set) var documentLabelCache = DocumentLabelCache()
    /// What the corpus was loaded from, as the user wrote it.
    package var corpusLabel: String
    package var settings = Settings()
    /// The hits of the last concordance as it showed them, for `context N`.
    package var lastConcordance: [Match] = []
    /// The chart of the last result that has one, for `plot` alone.
    package var lastChart: Chart?
    /// Whether terminal charts may be coloured (at the prompt, on a terminal, without NO_COLOR);
    /// notebooks and pipes never get colour.
    package var colour = false
    /// The active filter (`filter EXPR`), which every analysis applies.
    package var filter: NamedSelection?
    /// Named selections (`subset NAME EXPR`), for `in:NAME` and `compare`.
    package var subsets: [String: NamedSelection] = [:]
    /// The folder typed paths are relative to (the process's current folder).
    package var workingDirectory: String
    /// The notebook this session writes; its folder is where the commands it runs resolve paths.
    package var recorder: SessionRecorder
    /// The folder relative paths resolve against: the notebook's (in replay, or when recording).
    package var baseDirectory: String { recorder.folder }
    /// The cells of the successful commands that made the session what it is (load, filter,
    /// subset, alias, set), with paths relative to `/`: what a notebook recorded from now on
    /// runs first so that it replays.
    package var setup: [SessionRecorder.Entry] = []
    /// What a notebook's header says of each corpus loaded so far.
    package var loadedCorpora: [String] = []
    /// The terminal's width in columns, at the prompt; tables are shown at it (unless `set
    /// width` fixed one) while notebooks keep `settings.width`. Nil in scripts and replay.
    package var terminalWidth: Int?
    /// Polled by long-running work; true once the user pressed Ctrl-C.
    package var isCancelled: @Sendable () -> Bool = { Interruption.isRequested }
    /// Where `load` keeps its index cache; nil loads without one.
    package var indexCache: IndexCache?
    /// Whether a long load draws a progress bar on standard error (at the prompt, on a terminal).
    package var showsProgress = false
    /// Whether a corpus loaded from its cache is made ready for many questions in the background
    /// (`Corpus.warmUp`): at the prompt, not in scripts and replays, which ask a few.
    package var warmsUpCorpora = false
    /// Where commands may read and write: anywhere for the user's own commands, the replay root
    /// while a notebook's cells run.
    package var pathPolicy = PathPolicy.trusting

    package init(corpus: Corpus, corpusLabel: String, baseDirectory: String) {
        self.corpus = corpus
        outsideSpeech = corpus.turnsOutsideSpeech()
        self.corpusLabel = corpusLabel
        workingDirectory = baseDirectory
        recorder = SessionRecorder(path: nil, folder: baseDirectory)
    }

    /// A session on the built-in seed corpus.
    package static func withSeed(baseDirectory: String) -> Session {
        Session(corpus: SeedCorpus.corpus, corpusLabel: SeedCorpus.label, baseDirectory: baseDirectory)
    }

    /// An absolute path for a path the user typed.
    package func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : baseDirectory + "/" + path
    }

    /// The absolute path of a file a command reads, if the path policy allows it.
    package func readable(_ word: Word) throws(CommandError) -> String {
        let path = resolve(word.text)
        do {
            try pathPolicy.checkRead(path, typed: word.text)
        } catch {
            throw CommandError(error.message, at: word)
        }
        return path
    }

    /// The absolute path of a file a command writes, if the path policy allows it.
    package func writable(_ word: Word) throws(CommandError) -> String {
        let path = resolve(word.text)
        do {
            try pathPolicy.checkWrite(path, typed: word.text)
        } catch {
            throw CommandError(error.message, at: word)
        }
        return path
    }
}
