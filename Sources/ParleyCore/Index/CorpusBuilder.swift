import Dispatch

/// What a load reports besides the corpus.
package struct LoadReport: Sendable, Equatable {
    package var files: Int
    package var bytes: Int
    /// Invalid UTF-8 sequences replaced by U+FFFD (only with `--lenient`).
    package var replacedSequences: Int
}

/// Builds a `Corpus`: reads and tokenizes documents in parallel, each worker interning types
/// into its own table; then merges the tables, numbers types in byte order and builds the
/// postings with a counting sort (DESIGN.md §2).
package enum CorpusBuilder {
    /// Loads files from disk.
    package static func load(
        _ sources: [CorpusSource], options: ReaderOptions, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws(LoadError) -> (Corpus, LoadReport) {
        try build(count: sources.count, name: { sources[$0].name }, options: options, isCancelled: isCancelled) { index throws(LoadError) in
            try FileReading.bytes(of: sources[index].path, name: sources[index].name)
        }
    }

    /// Builds a corpus from documents already in memory (the embedded seed, tests).
    package static func build(
        documents: [(name: String, bytes: [UInt8])], options: ReaderOptions
    ) throws(LoadError) -> (Corpus, LoadReport) {
        let names = documents.map(\.name)
        let contents = documents.map(\.bytes)
        return try build(count: documents.count, name: { names[$0] }, options: options, isCancelled: { false }) { contents[$0] }
    }

    private static func build(
        count: Int,
        name: @Sendable (Int) -> String,
        options: ReaderOptions,
        isCancelled: @Sendable () -> Bool,
        read: @Sendable (Int) throws(LoadError) -> [UInt8]
    ) throws(LoadError) -> (Corpus, LoadReport) {
        _ = try TranscriptReader(options: options)  // reports a bad --label pattern once, up front
        let groupCount = min(count, 8 * 4)
        let groups: [Range<Int>] = (0..<groupCount).map { group in
            (count * group / groupCount)..<(count * (group + 1) / groupCount)
        }
        let parts = Parallel.map(groupCount) { group in
            Part.read(groups[group], name: name, options: options, isCancelled: isCancelled, read: read)
        }
        if let error = parts.lazy.compactMap(\.error).first { throw error }
        if isCancelled() { throw .cancelled }
        let corpus = merge(parts)
        let report = LoadReport(
            files: count, bytes: parts.reduce(0) { $0 + $1.bytes },
            replacedSequences: parts.reduce(0) { $0 + $1.replaced })
        return (corpus, report)
    }

    /// One worker's share: consecutive documents with types numbered in a local table.
    private struct Part: Sendable {
        var documents: [Document] = []
        var table = ByteStringTable()
        var tokenType: [UInt32] = []
        var tokenStart: [UInt32] = []
        var turnFirstToken: [UInt32] = []
        var turnSpeaker: [String?] = []
        var turnDocument: [UInt32] = []
        var turnTextStart: [UInt32] = []
        var turnTextEnd: [UInt32] = []
        var bytes = 0
        var replaced = 0
        var error: LoadError?

        static func read(
            _ range: Range<Int>, name: (Int) -> String, options: ReaderOptions,
            isCancelled: () -> Bool, read: (Int) throws(LoadError) -> [UInt8]
        ) -> Part {
            var part = Part()
            // Each worker compiles its own reader: a compiled Regex is not Sendable.
            let reader: TranscriptReader
            do throws(LoadError) {
                reader = try TranscriptReader(options: options)
            } catch {
                part.error = error
                return part
            }
            let tokenizer = Tokenizer()
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
                    try part.add(text, name: documentName, reader: reader, tokenizer: tokenizer, folded: &folded)
                } catch {
                    part.error = error
                    return part
                }
            }
            return part
        }

        private mutating func add(
            _ text: [UInt8], name: String, reader: TranscriptReader, tokenizer: Tokenizer, folded: inout [UInt8]
        ) throws(LoadError) {
            let documentIndex = UInt32(documents.count)
            let firstTurn = turnSpeaker.count
            let title: String? = try text.withUnsafeBufferPointer { (bytes) throws(LoadError) in
                guard TextLayout.trimmed(bytes, 0..<bytes.count) != nil else { throw .emptyFile(name) }
                let layout = reader.read(bytes)
                for turn in layout.turns {
                    turnFirstToken.append(UInt32(tokenType.count))
                    turnSpeaker.append(turn.speaker)
                    turnDocument.append(documentIndex)
                    turnTextStart.append(UInt32(turn.range.lowerBound))
                    turnTextEnd.append(UInt32(turn.range.upperBound))
                    tokenizer.forEachToken(in: bytes, range: turn.range) { token in
                        folded.removeAll(keepingCapacity: true)
                        tokenizer.fold(bytes, range: token, into: &folded)
                        let id = folded.withUnsafeBufferPointer { table.intern($0) }
                        tokenType.append(UInt32(id))
                        tokenStart.append(UInt32(token.lowerBound))
                    }
                }
                return layout.title.map { TextLayout.folded(bytes, $0) }
            }
            documents.append(Document(name: name, title: title, metadata: [], text: text, turns: firstTurn..<turnSpeaker.count))
        }
    }

    private static func merge(_ parts: [Part]) -> Corpus {
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

        let speakerNames = Set(parts.flatMap { $0.turnSpeaker.compactMap { $0 } })
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let speakerID = Dictionary(uniqueKeysWithValues: speakerNames.enumerated().map { ($1, UInt32($0)) })

        let tokenOffsets = parts.reduce(into: [0]) { $0.append($0.last! + $1.tokenType.count) }
        let tokenCount = tokenOffsets.last!
        let tokenType = [UInt32](unsafeUninitializedCapacity: tokenCount) { buffer, initialized in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: parts.count) { index in
                let map = localToGlobal[index].map { rank[$0] }
                var position = tokenOffsets[index]
                for local in parts[index].tokenType {
                    output[position] = map[Int(local)]
                    position += 1
                }
            }
            initialized = tokenCount
        }

        var corpus = Corpus(
            documents: [], lexicon: lexicon, speakers: speakerNames,
            tokenType: tokenType, tokenStart: [], turnFirstToken: [], turnSpeaker: [], turnDocument: [],
            turnTextStart: [], turnTextEnd: [], postingStart: [], postings: [], typeRanges: [])
        corpus.tokenStart.reserveCapacity(tokenCount)
        for (index, part) in parts.enumerated() {
            let turnBase = corpus.turnSpeaker.count
            let documentBase = UInt32(corpus.documents.count)
            let tokenBase = UInt32(tokenOffsets[index])
            corpus.tokenStart.append(contentsOf: part.tokenStart)
            corpus.turnFirstToken.append(contentsOf: part.turnFirstToken.lazy.map { $0 + tokenBase })
            corpus.turnSpeaker.append(contentsOf: part.turnSpeaker.lazy.map { $0.map { speakerID[$0]! } ?? Corpus.noSpeaker })
            corpus.turnDocument.append(contentsOf: part.turnDocument.lazy.map { $0 + documentBase })
            corpus.turnTextStart.append(contentsOf: part.turnTextStart)
            corpus.turnTextEnd.append(contentsOf: part.turnTextEnd)
            for var document in part.documents {
                document.turns = (document.turns.lowerBound + turnBase)..<(document.turns.upperBound + turnBase)
                corpus.documents.append(document)
            }
        }
        corpus.turnFirstToken.append(UInt32(tokenCount))
        (corpus.postingStart, corpus.postings) = postings(of: tokenType, typeCount: lexicon.count)
        corpus.typeRanges = corpus.typeCounts(in: nil).ranges
        return corpus
    }

    /// CSR postings by counting sort: positions of each type, in corpus order.
    static func postings(of tokenType: [UInt32], typeCount: Int) -> ([UInt32], [UInt32]) {
        var start = [UInt32](repeating: 0, count: typeCount + 1)
        for type in tokenType { start[Int(type) + 1] += 1 }
        for type in 0..<typeCount { start[type + 1] += start[type] }
        var next = start
        let postings = [UInt32](unsafeUninitializedCapacity: tokenType.count) { buffer, initialized in
            for (position, type) in tokenType.enumerated() {
                buffer[Int(next[Int(type)])] = UInt32(position)
                next[Int(type)] += 1
            }
            initialized = tokenType.count
        }
        return (start, postings)
    }
}
