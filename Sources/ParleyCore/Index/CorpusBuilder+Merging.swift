import Dispatch

/// The second half of a load: the workers' parts become one corpus. Types are numbered in byte
/// order of their forms; the token column and the postings are written in one parallel pass, the
/// turn columns in another.
extension CorpusBuilder {
    /// `forms` holds every part's forms, and each part says which of them its types are.
    static func merge(_ parts: inout [Part], forms global: ByteStringTable, tokenizer: Tokenizer, deferringPostings: Bool) -> Corpus {
        // Ids in byte order of the forms.
        let localToGlobal = parts.map(\.localToGlobal)
        let order = sortedByBytes(global)
        var ranks = [UInt32](repeating: 0, count: global.count)
        for (position, id) in order.enumerated() { ranks[id] = UInt32(position) }
        let rank = ranks
        let lexicon = Lexicon(sortedForms: order.map { global.string(of: $0) })
        let localToRank = localToGlobal.map { $0.map { rank[$0] } }

        let speakerNames = Set(parts.flatMap(\.speakerNames)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let speakerID = Dictionary(uniqueKeysWithValues: speakerNames.enumerated().map { ($1, UInt32($0)) })
        let localSpeakerToGlobal = parts.map { $0.speakerNames.map { speakerID[$0]! } }

        var typeRanges = [UInt32](repeating: 0, count: lexicon.count)
        for (index, part) in parts.enumerated() {
            for (local, stats) in part.typeStats.buffer.enumerated() { typeRanges[Int(localToRank[index][local])] += stats.turns }
        }
        // Where each part's tokens start in the corpus.
        let tokenOffsets = parts.reduce(into: [0]) { $0.append($0.last! + $1.tokenType.count) }
        let (tokenType, postingStart, postings) = tokensAndPostings(
            &parts, tokenOffsets: tokenOffsets, localToRank: localToRank, typeCount: lexicon.count, deferringPostings: deferringPostings)

        var corpus = Corpus(
            documents: [], lexicon: lexicon, speakers: speakerNames,
            tokenType: tokenType, turnFirstToken: [], turnSpeaker: [], turnDocument: [],
            turnTextStart: [], turnTextEnd: [], postingStart: postingStart, postings: postings, typeRanges: typeRanges)
        corpus.tokenizer = tokenizer
        addTurns(of: &parts, to: &corpus, tokenOffsets: tokenOffsets, speakerMaps: localSpeakerToGlobal)
        return corpus
    }

    /// The ids of `table`'s entries in byte order of their bytes. Most pairs differ in their
    /// first eight bytes, so each entry's first eight (big-endian, zeros after its end) decide
    /// them as one integer comparison; the bytes themselves are compared only on a tie.
    static func sortedByBytes(_ table: ByteStringTable) -> [Int] {
        table.arena.withUnsafeBufferPointer { arena in
            let offsets = table.offsets
            var keys = (0..<table.count).map { id -> (prefix: UInt64, id: Int32) in
                var prefix: UInt64 = 0
                for index in 0..<8 {
                    let offset = offsets[id] + index
                    prefix = prefix << 8 | (offset < offsets[id + 1] ? UInt64(arena[offset]) : 0)
                }
                return (prefix, Int32(id))
            }
            keys.sort { a, b in
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                let (x, y) = (Int(a.id), Int(b.id))
                return UnsafeBufferPointer(rebasing: arena[offsets[x]..<offsets[x + 1]])
                    .lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: arena[offsets[y]..<offsets[y + 1]]))
            }
            return keys.map { Int($0.id) }
        }
    }

    /// The token column and the postings (CSR, by counting sort). The counts were taken by each
    /// worker once its part was read, so no pass here counts them: a part's first position of each type goes after those
    /// of the parts before it, which keeps the postings in corpus order. Each part then writes
    /// its tokens' global ids and their positions in one pass, the parts in parallel, and lets go
    /// of its own column as soon as it is read, so the two never both hold the whole corpus.
    /// `deferringPostings` writes the ids only, and leaves the postings to `DeferredPostings`.
    private static func tokensAndPostings(
        _ parts: inout [Part], tokenOffsets: [Int], localToRank: [[UInt32]], typeCount: Int, deferringPostings: Bool
    ) -> (Column<UInt32>, [UInt32], Postings) {
        let tokenCount = tokenOffsets.last!
        var postingStart = [UInt32](repeating: 0, count: typeCount + 1)
        for (index, part) in parts.enumerated() {
            for (local, stats) in part.typeStats.buffer.enumerated() { postingStart[Int(localToRank[index][local]) + 1] += stats.tokens }
        }
        for type in 0..<typeCount { postingStart[type + 1] += postingStart[type] }
        if deferringPostings {
            let tokenType = Column<UInt32>(count: tokenCount) { types in
                parts.withUnsafeMutableBufferPointer { partBuffer in
                    nonisolated(unsafe) let (types, partBuffer) = (types, partBuffer)
                    DispatchQueue.concurrentPerform(iterations: partBuffer.count) { index in
                        var position = tokenOffsets[index]
                        localToRank[index].withUnsafeBufferPointer { map in
                            for local in partBuffer[index].tokenType.buffer {
                                types[position] = map[Int(local)]
                                position += 1
                            }
                        }
                        partBuffer[index].tokenType.release()
                        partBuffer[index].releaseTables()
                    }
                }
            }
            return (tokenType, postingStart, Postings(deferredFrom: tokenType, typeCount: typeCount))
        }
        // partStarts[part][local type]: where that part's first position of the type goes.
        var next = postingStart
        let partStarts: [[UInt32]] = parts.enumerated().map { index, part in
            let map = localToRank[index]
            defer { for (local, stats) in part.typeStats.buffer.enumerated() { next[Int(map[local])] += stats.tokens } }
            return (0..<part.typeStats.count).map { next[Int(map[$0])] }
        }
        var postings = Column<UInt32>([])
        let tokenType = Column<UInt32>(count: tokenCount) { types in
            postings = Column<UInt32>(count: tokenCount) { postings in
                parts.withUnsafeMutableBufferPointer { partBuffer in
                    nonisolated(unsafe) let (types, postings, partBuffer) = (types, postings, partBuffer)
                    DispatchQueue.concurrentPerform(iterations: partBuffer.count) { index in
                        var next = partStarts[index]
                        var position = tokenOffsets[index]
                        localToRank[index].withUnsafeBufferPointer { map in
                            next.withUnsafeMutableBufferPointer { next in
                                for local in partBuffer[index].tokenType.buffer {
                                    let local = Int(local)
                                    types[position] = map[local]
                                    postings[Int(next[local])] = UInt32(position)
                                    next[local] += 1
                                    position += 1
                                }
                            }
                        }
                        partBuffer[index].tokenType.release()
                        partBuffer[index].releaseTables()
                    }
                }
            }
        }
        return (tokenType, postingStart, Postings(postings))
    }

    /// The parts' documents, turn metadata and turn columns, numbered on from the parts before;
    /// the columns are copied into place by every part at once. The parts are gone after it.
    private static func addTurns(of parts: inout [Part], to corpus: inout Corpus, tokenOffsets: [Int], speakerMaps: [[UInt32]]) {
        let turnBases = parts.reduce(into: [0]) { $0.append($0.last! + $1.turnSpeaker.count) }
        let documentBases = parts.reduce(into: [0]) { $0.append($0.last! + $1.documents.count) }
        let checkpointBases = parts.reduce(into: [0]) { $0.append($0.last! + $1.tokenCheckpoints.count) }
        let (turnCount, checkpointCount) = (turnBases.last!, checkpointBases.last!)
        corpus.turnMetadata = TurnMetadata(turnCount: turnCount)
        corpus.documents.reserveCapacity(documentBases.last!)
        for (index, part) in parts.enumerated() {
            let turnBase = turnBases[index]
            for (turn, fields) in part.turnMetadata { corpus.turnMetadata.set(fields, ofTurn: turnBase + turn) }
            for var document in part.documents {
                document.turns = (document.turns.lowerBound + turnBase)..<(document.turns.upperBound + turnBase)
                corpus.documents.append(document)
            }
            corpus.textChecksums += part.textChecksums
            corpus.textOrigins += part.textOrigins
        }
        corpus.cachedTextDigest = corpus.textChecksums.reduce(0, Checksum.combine)
        func column(_ count: Int) -> UnsafeMutableBufferPointer<UInt32> { .allocate(capacity: Swift.max(count, 1)) }
        nonisolated(unsafe) let (firstTokens, checkpointStarts) = (column(turnCount + 1), column(turnCount + 1))
        nonisolated(unsafe) let (speakers, documents) = (column(turnCount), column(turnCount))
        nonisolated(unsafe) let (textStarts, textEnds) = (column(turnCount), column(turnCount))
        nonisolated(unsafe) let checkpoints = column(checkpointCount)
        parts.withUnsafeMutableBufferPointer { partBuffer in
            nonisolated(unsafe) let partBuffer = partBuffer
            DispatchQueue.concurrentPerform(iterations: partBuffer.count) { index in
                defer { partBuffer[index].releaseTurns() }
                let part = partBuffer[index]
                let turnBase = turnBases[index]
                let (tokenBase, documentBase) = (UInt32(tokenOffsets[index]), UInt32(documentBases[index]))
                let checkpointBase = checkpointBases[index]
                let speakerMap = speakerMaps[index]
                for turn in 0..<part.turnSpeaker.count {
                    let speaker = part.turnSpeaker[turn]
                    firstTokens[turnBase + turn] = part.turnFirstToken[turn] + tokenBase
                    speakers[turnBase + turn] = speaker == Corpus.noSpeaker ? speaker : speakerMap[Int(speaker)]
                    documents[turnBase + turn] = part.turnDocument[turn] + documentBase
                    textStarts[turnBase + turn] = part.turnTextStart[turn]
                    textEnds[turnBase + turn] = part.turnTextEnd[turn]
                    checkpointStarts[turnBase + turn] = part.turnCheckpointStart[turn] + UInt32(checkpointBase)
                }
                for (offset, checkpoint) in part.tokenCheckpoints.buffer.enumerated() {
                    checkpoints[checkpointBase + offset] = checkpoint
                }
            }
        }
        parts = []
        firstTokens[turnCount] = UInt32(tokenOffsets.last!)
        checkpointStarts[turnCount] = UInt32(checkpointCount)
        corpus.turnFirstToken = Column(adopting: firstTokens, count: turnCount + 1)
        corpus.turnSpeaker = Column(adopting: speakers, count: turnCount)
        corpus.turnDocument = Column(adopting: documents, count: turnCount)
        corpus.turnTextStart = Column(adopting: textStarts, count: turnCount)
        corpus.turnTextEnd = Column(adopting: textEnds, count: turnCount)
        corpus.turnCheckpointStart = Column(adopting: checkpointStarts, count: turnCount + 1)
        corpus.tokenCheckpoints = Column(adopting: checkpoints, count: checkpointCount)
    }

    /// CSR postings by counting sort: positions of each type, in corpus order. The tokens are
    /// cut into one chunk per core; each chunk counts its types, and then writes its positions
    /// after those of the chunks before it, so the result is the same as one pass.
    static func postings(of tokenType: Column<UInt32>, typeCount: Int) -> ([UInt32], Column<UInt32>) {
        postings(of: tokenType, typeCount: typeCount, isAbandoned: { false })!
    }

    /// The same, or nil soon after `isAbandoned` (asked every million positions) says the lists
    /// are no longer wanted; once it has said so, it says so for good.
    static func postings(
        of tokenType: Column<UInt32>, typeCount: Int, isAbandoned: @escaping @Sendable () -> Bool
    ) -> ([UInt32], Column<UInt32>)? {
        let chunkCount = max(1, min(Parallel.coreCount, tokenType.count / 65_536))
        let chunks = (0..<chunkCount).map { chunk in
            (tokenType.count * chunk / chunkCount)..<(tokenType.count * (chunk + 1) / chunkCount)
        }
        /// `body` over the positions of `range` a million at a time; false once abandoned.
        @Sendable func inBlocks(_ range: Range<Int>, _ body: (Range<Int>) -> Void) -> Bool {
            for start in stride(from: range.lowerBound, to: range.upperBound, by: 1 << 20) {
                if isAbandoned() { return false }
                body(start..<min(start + (1 << 20), range.upperBound))
            }
            return true
        }
        var counts = Parallel.map(chunkCount) { chunk in
            var count = [UInt32](repeating: 0, count: typeCount)
            _ = inBlocks(chunks[chunk]) { block in
                for position in block { count[Int(tokenType[position])] += 1 }
            }
            return count
        }
        if isAbandoned() { return nil }
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
                _ = inBlocks(chunks[chunk]) { block in
                    for position in block {
                        let type = Int(tokenType[position])
                        buffer[Int(next[type])] = UInt32(position)
                        next[type] += 1
                    }
                }
            }
        }
        // A chunk that stopped early stopped because the lists were abandoned.
        return isAbandoned() ? nil : (start, postings)
    }
}
