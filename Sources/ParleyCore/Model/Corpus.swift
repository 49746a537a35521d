import Dispatch
/// A loaded corpus: documents → turns → tokens, held column-wise (DESIGN.md §2) so that every
/// analysis is a loop over flat arrays.
package struct Corpus: Sendable {
    /// The speaker id of turns that belong to no speaker (preamble, cues without a voice).
    package static let noSpeaker = UInt32.max

    package var documents: [Document]
    package var lexicon: Lexicon
    /// Speaker names; the index is the speaker id. Sorted by name.
    package var speakers: [String]

    /// Per token: its type id. Read from a cache file, the column is checked block by block the
    /// first time it is used (an analysis that scans it), and not before.
    package var tokenType: Column<UInt32> {
        get { packedTokenTypes?.column ?? storedTokenType }
        set {
            storedTokenType = newValue
            packedTokenTypes = nil
        }
    }
    private var storedTokenType: Column<UInt32>
    /// The type ids as the cache file packs them, unpacked (and checked) the first time they
    /// are needed; nil for a corpus from text.
    var packedTokenTypes: PackedTokenTypes?
    /// Whether what is read lazily (from the cache file, or texts from their transcripts) is
    /// intact: one for each corpus loaded into this one.
    var healths: [CacheHealth] = []
    /// The cache files the corpus reads from, to see whether they have changed under it.
    var mappings: [MappedFile] = []
    /// Where tokens start in their document's text, kept for one token in 64 of each turn: the
    /// start of token `turnFirstToken[t] + 64 * j` (j ≥ 1) is `tokenCheckpoints[turnCheckpointStart[t]
    /// + j − 1]`. Every other start is found again by tokenizing forward from the nearest one
    /// (at most 63 tokens), so offsets cost 1/16 of a word per token instead of one word.
    package var tokenCheckpoints: Column<UInt32> = []
    /// Per turn (and one more at the end): where its checkpoints begin in `tokenCheckpoints`.
    package var turnCheckpointStart: Column<UInt32> = []
    /// The tokenizer the corpus was read with, which finds its tokens again.
    package var tokenizer = Tokenizer()

    /// Tokens between checkpoints.
    package static let checkpointInterval = 64

    /// Per turn: first token (with one extra entry at the end), speaker, document, and the byte
    /// range of the turn's text in its document (label and dash excluded).
    /// Columns: mapped straight from an index cache file, so a load from the cache copies none.
    package var turnFirstToken: Column<UInt32>
    package var turnSpeaker: Column<UInt32>
    package var turnDocument: Column<UInt32>
    package var turnTextStart: Column<UInt32>
    package var turnTextEnd: Column<UInt32>

    /// Postings in CSR form: type `t` has postings `postingStart[t]..<postingStart[t+1]`.
    package var postingStart: [UInt32]
    package var postings: Postings
    /// Per type: how many turns contain it (its range), counted once at load time.
    package var typeRanges: [UInt32]
    /// Each type's lemma, or nil when the corpus was loaded with `--lemmas none`.
    package var lemmas: LemmaLayer? {
        get { lemmaStore?.value }
        set { lemmaStore = newValue.map(LemmaStore.init(ready:)) }
    }
    var lemmaStore: LemmaStore?
    /// Metadata of single turns; document metadata is in `documents`.
    package var turnMetadata = TurnMetadata(turnCount: 0)
    /// The digest of the documents' texts when the index cache or the load already computed it.
    package var cachedTextDigest: UInt64?
    /// Each document's `Checksum` of its text, when the load from text took them while it read
    /// (empty otherwise): the cache file stores them, and they make `cachedTextDigest`.
    var textChecksums: [UInt64] = []
    /// Each document's place in the file it was read from, when its text is that file's bytes
    /// unchanged (empty when the load did not record them): the cache file refers to these
    /// texts instead of storing them.
    var textOrigins: [TextOrigin?] = []
    /// How many speaker names look like spellings of how many names (`SpeakerVariants`), when
    /// the index cache already counted them.
    package var cachedVariantCounts: (names: Int, groups: Int)?

    /// How many speaker names look like spellings of how many names, for the line `load` prints.
    package var variantCounts: (names: Int, groups: Int) {
        if let cachedVariantCounts { return cachedVariantCounts }
        let groups = SpeakerVariants.groups(speakers, turns: turnsPerSpeaker())
        return (groups.reduce(0) { $0 + $1.count }, groups.count)
    }

    package init(
        documents: [Document], lexicon: Lexicon, speakers: [String], tokenType: Column<UInt32>, turnFirstToken: Column<UInt32>,
        turnSpeaker: Column<UInt32>, turnDocument: Column<UInt32>, turnTextStart: Column<UInt32>, turnTextEnd: Column<UInt32>,
        postingStart: [UInt32], postings: Postings, typeRanges: [UInt32]
    ) {
        self.documents = documents
        self.lexicon = lexicon
        self.speakers = speakers
        storedTokenType = tokenType
        self.turnFirstToken = turnFirstToken
        self.turnSpeaker = turnSpeaker
        self.turnDocument = turnDocument
        self.turnTextStart = turnTextStart
        self.turnTextEnd = turnTextEnd
        self.postingStart = postingStart
        self.postings = postings
        self.typeRanges = typeRanges
    }

    package var tokenCount: Int { packedTokenTypes?.count ?? storedTokenType.count }
    package var turnCount: Int { turnSpeaker.count }

    /// False when an index cache file this corpus was mapped from has changed under it (see
    /// `MappedFile`), or a transcript it reads texts from: the corpus must be loaded again.
    package var isIntact: Bool { !healths.contains { $0.isDamaged } && mappings.allSatisfy(\.isIntact) }

    /// A 64-bit digest of every document's text in order (as decoded: no BOM, LF line ends),
    /// which tells two corpora apart in a notebook's header. Not cryptographic.
    package var textDigest: UInt64 {
        cachedTextDigest ?? documents.reduce(0) { Checksum.combine($0, Checksum.of($1.text)) }
    }

    /// Starts unpacking the token types of a corpus read from its cache, or building the
    /// postings of one read from text with `--no-cache`, on a thread of its own (at the prompt,
    /// after a load: a session asks many questions, and phrases and analyses read the types).
    /// A one-shot script does not call it: it answers from the packed ids, or by scanning.
    /// The thread holds the types weakly: when another load has replaced the corpus before the
    /// thread starts, it does nothing, instead of unpacking 77 M ids nobody will read while the
    /// new corpus loads.
    package func warmUp() {
        postings.warmUp()
        guard let packed = packedTokenTypes, !packed.isUnpacked else { return }
        DispatchQueue.global(qos: .utility).async { [weak packed] in _ = packed?.column }
    }

    /// The type ids of tokens `range`, without unpacking the whole column of a corpus read from
    /// its cache (a few turns' worth; an analysis that scans the corpus takes `tokenType`).
    package func tokenTypes(_ range: Range<Int>) -> [UInt32] {
        if let packedTokenTypes { return packedTokenTypes.ids(range) }
        return Array(storedTokenType[range])
    }

    /// The tokens of turn `turn`.
    package func tokens(ofTurn turn: Int) -> Range<Int> {
        Int(turnFirstToken[turn])..<Int(turnFirstToken[turn + 1])
    }

    /// How often type `type` occurs in the whole corpus.
    package func frequency(ofType type: Int) -> Int {
        Int(postingStart[type + 1] - postingStart[type])
    }

    /// The positions of type `type`, in corpus order.
    package func positions(ofType type: Int) -> [UInt32] {
        postings.positions(ofType: type, Int(postingStart[type])..<Int(postingStart[type + 1]))
    }

    /// The speaker name of a turn, or nil for preamble.
    package func speakerName(ofTurn turn: Int) -> String? {
        let id = turnSpeaker[turn]
        return id == Self.noSpeaker ? nil : speakers[Int(id)]
    }

    /// The id of a speaker name, or nil.
    package func speakerID(named name: String) -> Int? { speakers.firstIndex(of: name) }

    /// A turn's text as written (paragraphs separated by a blank line, lines within a paragraph
    /// joined by a space, runs of white space as one space).
    package func text(ofTurn turn: Int) -> String {
        let document = documents[Int(turnDocument[turn])]
        let range = Int(turnTextStart[turn])..<Int(turnTextEnd[turn])
        return TextLayout.normalisedText(document.text, range: range)
    }

    /// A turn's text as `text(ofTurn:)` writes it, with `opening` before and `closing` after
    /// `tokens` (which lie in the turn): `context N` marks a hit so.
    package func text(ofTurn turn: Int, marking tokens: Range<Int>, opening: String, closing: String) -> String {
        let ranges = tokenRanges(tokens, inTurn: turn)
        guard let first = ranges.first, let last = ranges.last else { return text(ofTurn: turn) }
        let start = Int(turnTextStart[turn])
        let end = Int(turnTextEnd[turn])
        var bytes: [UInt8] = []
        documents[Int(turnDocument[turn])].text.withUnsafeBufferPointer { text in
            bytes += text[start..<first.lowerBound]
            bytes += opening.utf8
            bytes += text[first.lowerBound..<last.upperBound]
            bytes += closing.utf8
            bytes += text[last.upperBound..<end]
        }
        return TextLayout.normalisedText(bytes, range: 0..<bytes.count)
    }

    /// The surface form of token `token`, as written in its document (empty when the text is
    /// blank because its cache is damaged).
    package func surface(ofToken token: Int, in turn: Int) -> String {
        guard let range = tokenRanges(token..<(token + 1), inTurn: turn).first else { return "" }
        return documents[Int(turnDocument[turn])].text.withUnsafeBufferPointer { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }

    /// The byte ranges of `tokens` (which lie in `turn`) in their document's text, found by
    /// tokenizing forward from the checkpoint before the first.
    package func tokenRanges(_ tokens: Range<Int>, inTurn turn: Int) -> [Range<Int>] {
        let first = Int(turnFirstToken[turn])
        let offset = tokens.lowerBound - first
        let checkpoint = offset / Self.checkpointInterval
        let start = checkpoint == 0 ? Int(turnTextStart[turn]) : Int(tokenCheckpoints[Int(turnCheckpointStart[turn]) + checkpoint - 1])
        var skip = offset - checkpoint * Self.checkpointInterval
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(tokens.count)
        documents[Int(turnDocument[turn])].text.withUnsafeBufferPointer { bytes in
            tokenizer.forEachToken(in: bytes, range: Int(turnTextStart[turn])..<Int(turnTextEnd[turn]), from: start) { range in
                if skip > 0 {
                    skip -= 1
                } else if ranges.count < tokens.count {
                    ranges.append(range)
                }
                return ranges.count < tokens.count
            }
        }
        return ranges
    }

    /// The first token of `turn` that starts at or after byte `offset` of its text, or the
    /// turn's end.
    package func firstToken(startingAtOrAfter offset: Int, inTurn turn: Int) -> Int {
        var index = Int(turnFirstToken[turn])
        var found: Int?
        documents[Int(turnDocument[turn])].text.withUnsafeBufferPointer { bytes in
            tokenizer.forEachToken(in: bytes, range: Int(turnTextStart[turn])..<Int(turnTextEnd[turn])) { range in
                if range.lowerBound >= offset {
                    found = index
                    return false
                }
                index += 1
                return true
            }
        }
        return found ?? Int(turnFirstToken[turn + 1])
    }
}
