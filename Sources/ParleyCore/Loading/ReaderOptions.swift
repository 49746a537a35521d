/// The switches that override the transcript reader's heuristics (DESIGN.md §3); each is an
/// option of `load`.
package struct ReaderOptions: Sendable, Equatable {
    /// Whether the first paragraph is the document's title.
    package enum TitleRule: String, Sendable, CaseIterable {
        /// When it stands alone on one line and reads as a headline.
        case auto
        /// Never: the first paragraph is text like any other.
        case none
        /// Always: the first paragraph is the title.
        case first
    }

    package var title: TitleRule = .auto
    /// A regular expression matched at the start of each paragraph instead of the default
    /// label rule; capture group 1 (or the whole match less a final colon) is the speaker.
    package var labelPattern: String?
    /// Paragraphs starting with a dash and a space start an unlabelled turn.
    package var dashTurns = true
    /// An unlabelled turn without a self-introduction goes to the speaker before the previous one.
    package var alternation = true
    /// Dash turns go to the principal or someone else by what their text says (introductions,
    /// vocatives, greetings, hand-overs); off, they follow strict two-party alternation.
    package var dashCues = true
    /// A dash paragraph after one ending in a colon, or opening with a lowercase word, continues
    /// the turn (a list item, an interrupted sentence).
    package var dashLists = true
    /// Label candidates are checked against the document's own labels (in-speech colons such
    /// as `On evictions:` are not labels); off, every candidate is a label.
    package var checkLabels = true
    /// A label ending with another label of the document names the same speaker.
    package var mergeLabelSuffixes = true
    /// Transcription notes such as `(Laughter.)` or `[crosstalk]` are words, as other text.
    package var keepNotes = false
    /// A paragraph starting with `Q` and white space is a question by the speaker `Q`.
    package var questions = true
    /// Read every file in this format instead of choosing by extension and content.
    package var format: TranscriptFormat?
    /// The spreadsheet column or JSON field holding the speaker, and the one holding the text
    /// (nil: found by their common names).
    package var speakerColumn: String?
    package var textColumn: String?
    /// Columns whose values group rows into documents (none: one document per file).
    package var documentColumns: [String] = []
    /// Replace invalid UTF-8 with U+FFFD, and skip files that break their format's rules with a
    /// warning, instead of failing.
    package var lenient = false
    /// The lemma layer's list: the built-in English one unless `load --lemmas` says otherwise.
    package var lemmas: LemmaSource = .english

    package init() {}
}

/// Where a corpus's lemmas come from.
package enum LemmaSource: Sendable, Equatable {
    /// The built-in English list (`LemmaList.english`).
    case english
    /// No lemma layer (`load --lemmas none`).
    case none
    /// A list read from a file (`load --lemmas FILE`), with a digest of its text for the cache key.
    case list(LemmaList, digest: UInt64)

    /// The list to build the layer from, or nil for none.
    package var list: LemmaList? {
        switch self {
        case .english: LemmaList.english
        case .none: nil
        case .list(let list, _): list
        }
    }

    /// The source in the index cache's key.
    var cacheKey: String {
        switch self {
        case .english: "english"
        case .none: "none"
        case .list(_, let digest): "list:\(String(digest, radix: 16))"
        }
    }

    package static func == (lhs: LemmaSource, rhs: LemmaSource) -> Bool { lhs.cacheKey == rhs.cacheKey }
}
