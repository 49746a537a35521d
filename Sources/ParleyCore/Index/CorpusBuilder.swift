import CLoading
import Foundation
import Dispatch

/// What a load reports besides the corpus.
package struct LoadReport: Sendable, Equatable {
    package var files: Int
    package var bytes: Int
    /// Invalid UTF-8 sequences replaced by U+FFFD (only with `--lenient`).
    package var replacedSequences: Int
    /// Files left out because they break their format's rules (only with `--lenient`), each as
    /// its one-line error.
    package var skippedFiles: [String] = []

    package init(files: Int, bytes: Int, replacedSequences: Int, skippedFiles: [String] = []) {
        self.files = files
        self.bytes = bytes
        self.replacedSequences = replacedSequences
        self.skippedFiles = skippedFiles
    }
}

/// Builds a `Corpus`: reads and tokenizes documents in parallel, each worker interning types
/// into its own table; then merges the tables, numbers types in byte order and builds the
/// postings with a counting sort (DESIGN.md §2).
package enum CorpusBuilder {
    /// Loads files from disk. `deferringPostings` leaves the postings to be built when first
    /// needed (`DeferredPostings`): for a corpus no cache file will be written from.
    package static func load(
        _ sources: [CorpusSource], options: ReaderOptions, progress: LoadProgress? = nil,
        isCancelled: @escaping @Sendable () -> Bool = { false }, deferringPostings: Bool = false
    ) throws(LoadError) -> (Corpus, LoadReport) {
        let sizes = sources.map { $0.status?.size ?? 0 }
        // A text that is its file's bytes is read again from the file (at an absolute path)
        // when a command needs it, as from a cache file, instead of being held.
        let readsAgain: @Sendable (Int) -> String? = { sources[$0].path.hasPrefix("/") ? sources[$0].path : nil }
        return try build(
            count: sources.count, sizes: sizes, name: { sources[$0].name }, options: options, progress: progress,
            isCancelled: isCancelled, deferringPostings: deferringPostings, readsAgain: readsAgain
        ) { index throws(LoadError) in
            try FileReading.bytes(of: sources[index].path, name: sources[index].name)
        }
    }

    /// Builds a corpus from documents already in memory (the embedded seed, tests).
    package static func build(
        documents: [(name: String, bytes: [UInt8])], options: ReaderOptions, deferringPostings: Bool = false
    ) throws(LoadError) -> (Corpus, LoadReport) {
        let names = documents.map(\.name)
        let contents = documents.map(\.bytes)
        return try build(
            count: documents.count, sizes: contents.map(\.count), name: { names[$0] }, options: options, progress: nil,
            isCancelled: { false }, deferringPostings: deferringPostings, readsAgain: { _ in nil }
        ) { contents[$0] }
    }

    private static func build(
        count: Int,
        sizes: [Int],
        name: @Sendable (Int) -> String,
        options: ReaderOptions,
        progress: LoadProgress?,
        isCancelled: @Sendable () -> Bool,
        deferringPostings: Bool,
        readsAgain: @escaping @Sendable (Int) -> String?,
        read: @Sendable (Int) throws(LoadError) -> [UInt8]
    ) throws(LoadError) -> (Corpus, LoadReport) {
        // A bad --label pattern is reported once, up front; the reader then serves the first part.
        let readers = ReaderPool(options: options, first: try DocumentReader(options: options))
        // A load frees hundreds of megabytes of workers' columns and tables while it fills the
        // corpus's own. By default glibc raises its threshold for mapping a block to the largest
        // block freed so far and keeps freed blocks below it for reuse, so a load's peak held
        // both. During a load the threshold is 256 KiB, so every large block goes back when it
        // is freed (with the parts let go of as they are merged, the peak of a load of the
        // Supreme Court corpus from text went from 1,249 to 1,174 MB); afterwards it is 32 MiB,
        // where glibc's own rises to, so that analyses reuse their arrays' memory instead of
        // faulting in fresh pages each time.
        parley_return_blocks_from(256 << 10)
        defer { parley_return_blocks_from(32 << 20) }
        let groups = Self.groups(sizes: sizes, count: min(count, 8 * 4))
        // Each part's forms go into one table as soon as the part is read, while the other
        // workers go on reading, instead of all after the last part, on one core.
        let forms = SharedForms()
        // Whether the texts read again from their files are intact: a file changed since the
        // load is damage, as to a cache file's texts (the session loads the corpus again).
        let health = CacheHealth()
        let files = TextFiles(path: readsAgain, health: health)
        var parts = Parallel.map(groups.count) { group in
            var part = Part.read(
                groups[group], name: name, readers: readers, progress: progress, isCancelled: isCancelled, files: files, read: read)
            if part.error == nil { part.localToGlobal = forms.intern(part.table) }
            return part
        }
        if let error = parts.lazy.compactMap(\.error).first { throw error }
        // --lenient skips malformed files, but a load with nothing left is no load.
        if count > 0, parts.reduce(0, { $0 + $1.skipped.count }) == count, let first = parts.lazy.compactMap(\.firstSkipped).first {
            throw first
        }
        if isCancelled() { throw .cancelled }
        progress?.startIndexing()
        let report = LoadReport(
            files: count, bytes: parts.reduce(0) { $0 + $1.bytes },
            replacedSequences: parts.reduce(0) { $0 + $1.replaced }, skippedFiles: parts.flatMap(\.skipped))
        var corpus = merge(&parts, forms: forms.table, tokenizer: Tokenizer(skippingNotes: !options.keepNotes), deferringPostings: deferringPostings)
        corpus.healths = [health]
        if options.lemmas != .none { corpus.lemmaStore = LemmaStore(lexicon: corpus.lexicon, source: options.lemmas) }
        return (corpus, report)
    }

    /// Where the texts that are their files' bytes are read again from.
    struct TextFiles: Sendable {
        /// The path to read file `index`'s text from again; nil to hold the text in memory.
        let path: @Sendable (Int) -> String?
        let health: CacheHealth
    }

    /// Readers handed from one part to the next: what a reader has worked out about label texts
    /// and speaker names (each a matter of the text alone) serves every part read after, not
    /// only its own. A reader is used by one worker at a time; each compiles its own patterns
    /// (a compiled Regex is not Sendable), so there are as many as parts read at once.
    final class ReaderPool: @unchecked Sendable {
        let options: ReaderOptions
        private let lock = NSLock()
        private var idle: [DocumentReader] = []

        init(options: ReaderOptions, first: DocumentReader) {
            self.options = options
            idle = [first]
        }

        func take() throws(LoadError) -> DocumentReader {
            if let reader = lock.withLock({ idle.popLast() }) { return reader }
            return try DocumentReader(options: options)
        }

        func give(_ reader: DocumentReader) {
            lock.withLock { idle.append(reader) }
        }
    }

    /// What a worker counts of one of its types once its part is read.
    struct TypeStats {
        var tokens: UInt32 = 0
        /// How many turns hold it: a turn lies in one part, so the corpus-wide range of a type
        /// is the sum over the parts.
        var turns: UInt32 = 0
        var lastTurn = UInt32.max

        /// Without a branch: whether a token is its type's first in the turn is a coin toss
        /// the processor cannot predict.
        @inline(__always)
        mutating func count(inTurn turn: UInt32) {
            tokens &+= 1
            turns &+= lastTurn != turn ? 1 : 0
            lastTurn = turn
        }
    }

    /// `count` runs of consecutive files with about the same bytes each, so that no worker is
    /// left with the last large group while the others wait (files of unknown size count as
    /// the average).
    static func groups(sizes: [Int], count: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let known = sizes.filter { $0 > 0 }
        let average = known.isEmpty ? 1 : known.reduce(0, +) / known.count + 1
        let weights = sizes.map { $0 > 0 ? $0 : average }
        let total = weights.reduce(0, +)
        var groups: [Range<Int>] = []
        var start = 0
        var sum = 0
        for (index, weight) in weights.enumerated() {
            sum += weight
            // Close a group once it reaches its share of the bytes, leaving a file for each
            // group still to come.
            let remainingGroups = count - groups.count - 1
            if groups.count < count - 1, sum * count >= total * (groups.count + 1), sizes.count - index - 1 >= remainingGroups {
                groups.append(start..<(index + 1))
                start = index + 1
            }
        }
        groups.append(start..<sizes.count)
        return groups
    }

    /// The forms of every part, each with one id (in the order the parts were read, which
    /// varies from run to run: the ids are only ever sorted by their forms).
    final class SharedForms: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var table = ByteStringTable(capacity: 1 << 16)

        /// The ids of `local`'s forms, in its order, interning those that are new.
        func intern(_ local: ByteStringTable) -> [Int] {
            lock.withLock {
                (0..<local.count).map { id in local.bytes(of: id).withUnsafeBufferPointer { table.intern($0) } }
            }
        }
    }

    /// One worker's share: consecutive documents with types numbered in a local table.
    struct Part: Sendable {
        var documents: [Document] = []
        /// The id of each local type in `SharedForms`.
        var localToGlobal: [Int] = []
        /// Each document's checksum of its text, taken while the text is in the cache.
        var textChecksums: [UInt64] = []
        /// Each document's place in its file, when its text is the file's bytes unchanged.
        var textOrigins: [TextOrigin?] = []
        var table = ByteStringTable()
        /// The ids of short forms met lately, in front of `table`.
        var shortForms = ShortFormCache()
        /// The same for ASCII forms of 8 to 15 bytes.
        var longForms = LongFormCache()
        var tokenType = ColumnBuilder<UInt32>(capacity: 1 << 16)
        /// Every 64th token's start in each turn, and where each turn's begin.
        var tokenCheckpoints = ColumnBuilder<UInt32>()
        var turnCheckpointStart: [UInt32] = []
        var turnFirstToken: [UInt32] = []
        /// Each turn's speaker as an index into `speakerNames`, or `Corpus.noSpeaker`.
        var turnSpeaker: [UInt32] = []
        var speakerNames: [String] = []
        private var speakerIDs: [String: UInt32] = [:]
        /// The ids of the two speakers met last, the latest second.
        private var recentSpeakers: (UInt32, UInt32) = (.max, .max)
        /// The turns that have metadata of their own, with it (most formats have none).
        var turnMetadata: [(turn: Int, fields: [MetadataField])] = []
        var turnDocument: [UInt32] = []
        var turnTextStart: [UInt32] = []
        var turnTextEnd: [UInt32] = []
        /// Per local type: its tokens, its turns and the last turn it was met in, side by side
        /// so that a token touches one place. Counted once the part is read (`countTypes`).
        var typeStats = ColumnBuilder<TypeStats>()
        var bytes = 0
        var replaced = 0
        var skipped: [String] = []
        var firstSkipped: LoadError?
        var error: LoadError?

        static func read(
            _ range: Range<Int>, name: (Int) -> String, readers: ReaderPool, progress: LoadProgress?,
            isCancelled: () -> Bool, files: TextFiles, read: (Int) throws(LoadError) -> [UInt8]
        ) -> Part {
            var part = Part()
            let reader: DocumentReader
            do throws(LoadError) {
                reader = try readers.take()
            } catch {
                part.error = error
                return part
            }
            defer { readers.give(reader) }
            let options = readers.options
            let tokenizer = Tokenizer(skippingNotes: !options.keepNotes)
            var folded: [UInt8] = []
            for index in range {
                if isCancelled() {
                    part.error = .cancelled
                    return part
                }
                do throws(LoadError) {
                    let documentName = name(index)
                    let raw = try read(index)
                    part.bytes += raw.count
                    let (text, replaced, verbatimFrom) = try SourceText.normalise(raw, name: documentName, lenient: options.lenient)
                    part.replaced += replaced
                    let empty = text.withUnsafeBufferPointer { TextLayout.trimmed($0, 0..<$0.count) == nil }
                    if empty { throw .emptyFile(documentName) }
                    let documents: [ReadDocument]
                    do throws(LoadError) {
                        documents = try reader.read(text, name: documentName)
                    } catch {
                        guard options.lenient, case .malformed = error else { throw error }
                        documents = []
                        part.skipped.append(error.description)
                        if part.firstSkipped == nil { part.firstSkipped = error }
                    }
                    // A file read as one document whose text is the file's own bytes.
                    let origin = verbatimFrom.flatMap { offset in
                        documents.count == 1 && Self.sameBytes(documents[0].text, text) ? TextOrigin(source: index, offset: offset) : nil
                    }
                    // Such a text is not held once indexed: the file's bytes go, and their memory
                    // is reused for the next file.
                    let file = origin.flatMap { origin in
                        files.path(index).map { (path: $0, offset: origin.offset, health: files.health) }
                    }
                    for document in documents { part.add(document, origin: origin, file: file, tokenizer: tokenizer, folded: &folded) }
                    progress?.fileDone(bytes: raw.count)
                } catch {
                    part.error = error
                    return part
                }
            }
            part.countTypes()
            return part
        }

        /// Counts each type's tokens and turns in one pass over the part's token column. Counted
        /// while tokenizing, as they were, the counts took a sixth of a load's CPU time: each
        /// token's update waited on the table lookup before it, where this pass reads the ids in
        /// order and the updates overlap.
        private mutating func countTypes() {
            typeStats = ColumnBuilder(capacity: table.count)
            for _ in 0..<table.count { typeStats.append(TypeStats()) }
            let (stats, types) = (typeStats.base, tokenType.buffer)
            for turn in turnFirstToken.indices {
                let end = turn + 1 < turnFirstToken.count ? Int(turnFirstToken[turn + 1]) : types.count
                for position in Int(turnFirstToken[turn])..<end { stats[Int(types[position])].count(inTurn: UInt32(turn)) }
            }
        }

        /// Whether two texts hold the same bytes (at once when they share their storage, as a
        /// plain transcript's document and its file's text do).
        private static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    a.count == b.count && (a.baseAddress == b.baseAddress || a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
                }
            }
        }

        /// The folded bytes a short key packs (its low bytes, first byte lowest).
        @inline(__always)
        private static func withBytes<Result>(ofShortKey key: UInt64, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            withUnsafeBytes(of: key.littleEndian) { raw in
                body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: Int(key >> 56)))
            }
        }

        /// Lets go of what only the reading needed, once the part's types have global ids.
        mutating func releaseTables() {
            table = ByteStringTable(capacity: 0)
            shortForms = ShortFormCache(empty: ())
            longForms = LongFormCache(empty: ())
            speakerIDs = [:]
            typeStats.release()
        }

        /// Lets go of the turn columns, once they are copied into the corpus.
        mutating func releaseTurns() {
            (turnCheckpointStart, turnFirstToken, turnSpeaker, turnDocument) = ([], [], [], [])
            (turnTextStart, turnTextEnd) = ([], [])
            tokenCheckpoints.release()
        }

        private mutating func speakerID(_ name: String) -> UInt32 {
            // Turns alternate between a few speakers: the last two ids answer most turns
            // without hashing the name.
            let (earlier, last) = recentSpeakers
            if last != .max, speakerNames[Int(last)] == name { return last }
            let id: UInt32
            if earlier != .max, speakerNames[Int(earlier)] == name {
                id = earlier
            } else if let known = speakerIDs[name] {
                id = known
            } else {
                id = UInt32(speakerNames.count)
                speakerNames.append(name)
                speakerIDs[name] = id
            }
            recentSpeakers = (recentSpeakers.1, id)
            return id
        }

        private mutating func add(
            _ document: ReadDocument, origin: TextOrigin?, file: (path: String, offset: Int, health: CacheHealth)?, tokenizer: Tokenizer,
            folded: inout [UInt8]
        ) {
            let documentIndex = UInt32(documents.count)
            let firstTurn = turnSpeaker.count
            document.text.withUnsafeBufferPointer { bytes in
                for turn in document.turns {
                    if !turn.metadata.isEmpty { turnMetadata.append((turnSpeaker.count, turn.metadata)) }
                    turnFirstToken.append(UInt32(tokenType.count))
                    turnSpeaker.append(turn.speaker.map { speakerID($0) } ?? Corpus.noSpeaker)
                    turnDocument.append(documentIndex)
                    turnTextStart.append(UInt32(turn.range.lowerBound))
                    turnTextEnd.append(UInt32(turn.range.upperBound))
                    turnCheckpointStart.append(UInt32(tokenCheckpoints.count))
                    var inTurn = 0
                    tokenizer.forEachScannedToken(in: bytes, range: turn.range) { token, form in
                        let id: Int
                        switch form {
                        case .short(let key):
                            id = shortForms.id(key) { Self.withBytes(ofShortKey: key) { table.intern($0) } }
                        case .ascii:
                            // Upper case is looked for only when the form is not in the cache.
                            func intern() -> Int {
                                ASCIIWord.hasUppercase(bytes.baseAddress! + token.lowerBound, count: token.count)
                                    ? tokenizer.withFoldedForm(bytes, range: token, scratch: &folded) { table.intern($0) }
                                    : table.intern(UnsafeBufferPointer(rebasing: bytes[token]))
                            }
                            if token.count < 16 {
                                let key = ASCIIWord.longKey(bytes.baseAddress! + token.lowerBound, count: token.count, available: bytes.count - token.lowerBound)
                                id = longForms.id(key, orIntern: intern)
                            } else {
                                id = intern()
                            }
                        case .other:
                            id = tokenizer.withFoldedForm(bytes, range: token, scratch: &folded) { table.intern($0) }
                        }
                        tokenType.append(UInt32(id))
                        if inTurn > 0, inTurn % Corpus.checkpointInterval == 0 { tokenCheckpoints.append(UInt32(token.lowerBound)) }
                        inTurn += 1
                    }
                }
            }
            let checksum = Checksum.of(document.text)
            textChecksums.append(checksum)
            textOrigins.append(origin)
            let storage = file.map {
                TextStorage(file: $0.path, offset: $0.offset, count: document.text.count, checksum: checksum, health: $0.health)
            } ?? TextStorage(bytes: document.text)
            documents.append(Document(
                name: document.name, title: document.title, metadata: document.metadata, storage: storage, turns: firstTurn..<turnSpeaker.count))
        }
    }
}
