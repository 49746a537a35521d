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
    /// Loads files from disk.
    package static func load(
        _ sources: [CorpusSource], options: ReaderOptions, progress: LoadProgress? = nil,
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws(LoadError) -> (Corpus, LoadReport) {
        try build(count: sources.count, name: { sources[$0].name }, options: options, progress: progress, isCancelled: isCancelled) {
            index throws(LoadError) in
            try FileReading.bytes(of: sources[index].path, name: sources[index].name)
        }
    }

    /// Builds a corpus from documents already in memory (the embedded seed, tests).
    package static func build(
        documents: [(name: String, bytes: [UInt8])], options: ReaderOptions
    ) throws(LoadError) -> (Corpus, LoadReport) {
        let names = documents.map(\.name)
        let contents = documents.map(\.bytes)
        return try build(count: documents.count, name: { names[$0] }, options: options, progress: nil, isCancelled: { false }) { contents[$0] }
    }

    private static func build(
        count: Int,
        name: @Sendable (Int) -> String,
        options: ReaderOptions,
        progress: LoadProgress?,
        isCancelled: @Sendable () -> Bool,
        read: @Sendable (Int) throws(LoadError) -> [UInt8]
    ) throws(LoadError) -> (Corpus, LoadReport) {
        _ = try DocumentReader(options: options)  // reports a bad --label pattern once, up front
        let groupCount = min(count, 8 * 4)
        let groups: [Range<Int>] = (0..<groupCount).map { group in
            (count * group / groupCount)..<(count * (group + 1) / groupCount)
        }
        var parts = Parallel.map(groupCount) { group in
            Part.read(groups[group], name: name, options: options, progress: progress, isCancelled: isCancelled, read: read)
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
        var corpus = merge(&parts, tokenizer: Tokenizer(skippingNotes: !options.keepNotes))
        if options.lemmas != .none { corpus.lemmaStore = LemmaStore(lexicon: corpus.lexicon, source: options.lemmas) }
        return (corpus, report)
    }

    /// One worker's share: consecutive documents with types numbered in a local table.
    private struct Part: Sendable {
        var documents: [Document] = []
        var table = ByteStringTable()
        /// The ids of short forms met lately, in front of `table`.
        var shortForms = ShortFormCache()
        var tokenType: [UInt32] = []
        /// Every 64th token's start in each turn, and where each turn's begin.
        var tokenCheckpoints: [UInt32] = []
        var turnCheckpointStart: [UInt32] = []
        var turnFirstToken: [UInt32] = []
        var turnSpeaker: [String?] = []
        /// The turns that have metadata of their own, with it (most formats have none).
        var turnMetadata: [(turn: Int, fields: [MetadataField])] = []
        var turnDocument: [UInt32] = []
        var turnTextStart: [UInt32] = []
        var turnTextEnd: [UInt32] = []
        /// Per local type: how many of this part's turns contain it. A turn lies in one part,
        /// so the corpus-wide range of a type is the sum over the parts.
        var typeRanges: [UInt32] = []
        private var lastTurn: [UInt32] = []
        var bytes = 0
        var replaced = 0
        var skipped: [String] = []
        var firstSkipped: LoadError?
        var error: LoadError?

        static func read(
            _ range: Range<Int>, name: (Int) -> String, options: ReaderOptions, progress: LoadProgress?,
            isCancelled: () -> Bool, read: (Int) throws(LoadError) -> [UInt8]
        ) -> Part {
            var part = Part()
            // Each worker compiles its own reader: a compiled Regex is not Sendable.
            let reader: DocumentReader
            do throws(LoadError) {
                reader = try DocumentReader(options: options)
            } catch {
                part.error = error
                return part
            }
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
                    let (text, replaced) = try SourceText.normalise(raw, name: documentName, lenient: options.lenient)
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
                    for document in documents { part.add(document, tokenizer: tokenizer, folded: &folded) }
                    progress?.fileDone(bytes: raw.count)
                } catch {
                    part.error = error
                    return part
                }
            }
            return part
        }

        private mutating func add(_ document: ReadDocument, tokenizer: Tokenizer, folded: inout [UInt8]) {
            let documentIndex = UInt32(documents.count)
            let firstTurn = turnSpeaker.count
            document.text.withUnsafeBufferPointer { bytes in
                for turn in document.turns {
                    if !turn.metadata.isEmpty { turnMetadata.append((turnSpeaker.count, turn.metadata)) }
                    turnFirstToken.append(UInt32(tokenType.count))
                    turnSpeaker.append(turn.speaker)
                    turnDocument.append(documentIndex)
                    turnTextStart.append(UInt32(turn.range.lowerBound))
                    turnTextEnd.append(UInt32(turn.range.upperBound))
                    let turnIndex = UInt32(turnSpeaker.count - 1)
                    turnCheckpointStart.append(UInt32(tokenCheckpoints.count))
                    var inTurn = 0
                    tokenizer.forEachToken(in: bytes, range: turn.range) { token in
                        let id: Int
                        if let key = ShortFormCache.key(bytes, token) {
                            id = shortForms.id(key) { tokenizer.withFoldedForm(bytes, range: token, scratch: &folded) { table.intern($0) } }
                        } else {
                            id = tokenizer.withFoldedForm(bytes, range: token, scratch: &folded) { table.intern($0) }
                        }
                        tokenType.append(UInt32(id))
                        if inTurn > 0, inTurn % Corpus.checkpointInterval == 0 { tokenCheckpoints.append(UInt32(token.lowerBound)) }
                        inTurn += 1
                        if id == typeRanges.count {
                            typeRanges.append(0)
                            lastTurn.append(UInt32.max)
                        }
                        if lastTurn[id] != turnIndex {
                            lastTurn[id] = turnIndex
                            typeRanges[id] += 1
                        }
                    }
                }
            }
            documents.append(Document(
                name: document.name, title: document.title, metadata: document.metadata, text: document.text,
                turns: firstTurn..<turnSpeaker.count))
        }
    }

    private static func merge(_ parts: inout [Part], tokenizer: Tokenizer) -> Corpus {
        // One table for every form, then ids in byte order of the forms.
        var global = ByteStringTable(capacity: parts.map(\.table.count).max() ?? 0)
        let localToGlobal: [[Int]] = parts.map { part in
            (0..<part.table.count).map { local in
                part.table.bytes(of: local).withUnsafeBufferPointer { global.intern($0) }
            }
        }
        let order = (0..<global.count).sorted { global.bytes(of: $0).lexicographicallyPrecedes(global.bytes(of: $1)) }
        var ranks = [UInt32](repeating: 0, count: global.count)
        for (position, id) in order.enumerated() { ranks[id] = UInt32(position) }
        let rank = ranks
        let lexicon = Lexicon(sortedForms: order.map { global.string(of: $0) })
        let localToRank = localToGlobal.map { $0.map { rank[$0] } }

        let speakerNames = Set(parts.flatMap { $0.turnSpeaker.compactMap { $0 } })
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let speakerID = Dictionary(uniqueKeysWithValues: speakerNames.enumerated().map { ($1, UInt32($0)) })

        var typeRanges = [UInt32](repeating: 0, count: lexicon.count)
        for (index, part) in parts.enumerated() {
            for (local, range) in part.typeRanges.enumerated() { typeRanges[Int(localToRank[index][local])] += range }
        }

        // The token columns, filled in parallel; each part's own columns are released as soon as
        // they are copied, so the two never both hold the whole corpus.
        let tokenOffsets = parts.reduce(into: [0]) { $0.append($0.last! + $1.tokenType.count) }
        let tokenCount = tokenOffsets.last!
        let tokenType = Column<UInt32>(count: tokenCount) { types in
            parts.withUnsafeMutableBufferPointer { partBuffer in
                nonisolated(unsafe) let (types, partBuffer) = (types, partBuffer)
                DispatchQueue.concurrentPerform(iterations: partBuffer.count) { index in
                    let map = localToRank[index]
                    var position = tokenOffsets[index]
                    for local in partBuffer[index].tokenType {
                        types[position] = map[Int(local)]
                        position += 1
                    }
                    partBuffer[index].tokenType = []
                }
            }
        }

        var corpus = Corpus(
            documents: [], lexicon: lexicon, speakers: speakerNames,
            tokenType: tokenType, turnFirstToken: [], turnSpeaker: [], turnDocument: [],
            turnTextStart: [], turnTextEnd: [], postingStart: [], postings: Postings(Column([])), typeRanges: typeRanges)
        corpus.tokenizer = tokenizer
        let turnCount = parts.reduce(0) { $0 + $1.turnSpeaker.count }
        corpus.turnMetadata = TurnMetadata(turnCount: turnCount)
        var turnFirstToken: [UInt32] = [], turnSpeaker: [UInt32] = [], turnDocument: [UInt32] = []
        var turnTextStart: [UInt32] = [], turnTextEnd: [UInt32] = [], turnCheckpointStart: [UInt32] = []
        var tokenCheckpoints: [UInt32] = []
        turnFirstToken.reserveCapacity(turnCount + 1)
        turnSpeaker.reserveCapacity(turnCount)
        turnDocument.reserveCapacity(turnCount)
        turnTextStart.reserveCapacity(turnCount)
        turnTextEnd.reserveCapacity(turnCount)
        turnCheckpointStart.reserveCapacity(turnCount + 1)
        for (index, part) in parts.enumerated() {
            let turnBase = turnSpeaker.count
            let documentBase = UInt32(corpus.documents.count)
            let tokenBase = UInt32(tokenOffsets[index])
            turnFirstToken.append(contentsOf: part.turnFirstToken.lazy.map { $0 + tokenBase })
            turnSpeaker.append(contentsOf: part.turnSpeaker.lazy.map { $0.map { speakerID[$0]! } ?? Corpus.noSpeaker })
            turnDocument.append(contentsOf: part.turnDocument.lazy.map { $0 + documentBase })
            turnTextStart.append(contentsOf: part.turnTextStart)
            turnTextEnd.append(contentsOf: part.turnTextEnd)
            let checkpointBase = UInt32(tokenCheckpoints.count)
            turnCheckpointStart.append(contentsOf: part.turnCheckpointStart.lazy.map { $0 + checkpointBase })
            tokenCheckpoints.append(contentsOf: part.tokenCheckpoints)
            for (turn, fields) in part.turnMetadata { corpus.turnMetadata.set(fields, ofTurn: turnBase + turn) }
            for var document in part.documents {
                document.turns = (document.turns.lowerBound + turnBase)..<(document.turns.upperBound + turnBase)
                corpus.documents.append(document)
            }
        }
        parts = []
        turnFirstToken.append(UInt32(tokenCount))
        turnCheckpointStart.append(UInt32(tokenCheckpoints.count))
        (corpus.turnFirstToken, corpus.turnSpeaker, corpus.turnDocument) = (Column(turnFirstToken), Column(turnSpeaker), Column(turnDocument))
        (corpus.turnTextStart, corpus.turnTextEnd) = (Column(turnTextStart), Column(turnTextEnd))
        (corpus.turnCheckpointStart, corpus.tokenCheckpoints) = (Column(turnCheckpointStart), Column(tokenCheckpoints))
        let (postingStart, postings) = postings(of: tokenType, typeCount: lexicon.count)
        corpus.postingStart = postingStart
        corpus.postings = Postings(postings)
        return corpus
    }

    /// CSR postings by counting sort: positions of each type, in corpus order. The tokens are
    /// cut into one chunk per core; each chunk counts its types, and then writes its positions
    /// after those of the chunks before it, so the result is the same as one pass.
    static func postings(of tokenType: Column<UInt32>, typeCount: Int) -> ([UInt32], Column<UInt32>) {
        let chunkCount = max(1, min(Parallel.coreCount, tokenType.count / 65_536))
        let chunks = (0..<chunkCount).map { chunk in
            (tokenType.count * chunk / chunkCount)..<(tokenType.count * (chunk + 1) / chunkCount)
        }
        var counts = Parallel.map(chunkCount) { chunk in
            var count = [UInt32](repeating: 0, count: typeCount)
            for position in chunks[chunk] { count[Int(tokenType[position])] += 1 }
            return count
        }
        // counts[chunk][type] becomes where that chunk's first position of the type goes.
        var start = [UInt32](repeating: 0, count: typeCount + 1)
        var next: UInt32 = 0
        for type in 0..<typeCount {
            start[type] = next
            for chunk in 0..<chunkCount {
                let count = counts[chunk][type]
                counts[chunk][type] = next
                next += count
            }
        }
        start[typeCount] = next
        let chunkStarts = counts
        let postings = Column<UInt32>(count: tokenType.count) { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                var next = chunkStarts[chunk]
                for position in chunks[chunk] {
                    let type = Int(tokenType[position])
                    buffer[Int(next[type])] = UInt32(position)
                    next[type] += 1
                }
            }
        }
        return (start, postings)
    }
}

