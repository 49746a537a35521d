import Glibc

extension CacheFile {
    /// Everything the analyses rely on without checking: each id within its table, each
    /// offset within its text, and the postings and turns in order. A file that passed its
    /// checksums was written by Parley, but a cache is never trusted further than this.
    static func validate(_ corpus: Corpus) throws(Failure) {
        func check(_ condition: Bool, _ problem: String) throws(Failure) {
            if !condition { throw .structure(problem) }
        }
        let tokens = corpus.tokenCount
        let turns = corpus.turnSpeaker.count
        let types = corpus.lexicon.count
        try check(corpus.turnCheckpointStart.count == turns + 1, "turn columns differ in length")
        try check(isAscending(corpus.turnCheckpointStart, from: 0, to: corpus.tokenCheckpoints.count), "checkpoints are out of order")
        try check(
            [corpus.turnDocument.count, corpus.turnTextStart.count, corpus.turnTextEnd.count, corpus.turnFirstToken.count - 1]
                .allSatisfy { $0 == turns }, "turn columns differ in length")
        try check(corpus.postingStart.count == types + 1 && corpus.typeRanges.count == types, "type columns differ in length")
        try check(zip(corpus.lexicon.forms, corpus.lexicon.forms.dropFirst()).allSatisfy { $0.bytesPrecede($1) }, "types out of order")
        // Type ids and postings are checked when they are first read (see `BlockChecks`,
        // `Postings`): they are most of the file, and most answers need little of them.
        try check(isAscending(corpus.postingStart, from: 0, to: tokens), "postings are out of order")
        try check(isAscending(corpus.turnFirstToken, from: 0, to: tokens), "turns are out of order")
        try checkTurns(corpus)
    }

    /// The turn columns, in one pass over raw buffers split across the cores (a corpus of
    /// 1.8 M turns is checked on every load from its cache): documents covering the turns in
    /// order, speakers in range, each turn inside its text, and its checkpoints inside the turn.
    private static func checkTurns(_ corpus: Corpus) throws(Failure) {
        let documents = corpus.documents
        let turnCount = corpus.turnSpeaker.count
        var nextTurn = 0
        for document in documents {
            guard document.turns.lowerBound == nextTurn, document.turns.upperBound <= turnCount else {
                throw .structure("documents do not cover the turns in order")
            }
            nextTurn = document.turns.upperBound
        }
        guard nextTurn == turnCount else { throw .structure("documents do not cover the turns") }
        let parts = documents.isEmpty ? 0 : min(documents.count, 4 * Parallel.coreCount)
        let problems = Parallel.map(parts) { part in
            checkTurns(of: (documents.count * part / parts)..<(documents.count * (part + 1) / parts), in: corpus)
        }
        if let problem = problems.lazy.compactMap({ $0 }).first { throw .structure(problem) }
    }

    /// The checks of `checkTurns` for the turns of some documents, or what is wrong with them.
    private static func checkTurns(of documentRange: Range<Int>, in corpus: Corpus) -> String? {
        let speakerCount = UInt32(corpus.speakers.count)
        let interval = Corpus.checkpointInterval
        let checkpointCount = corpus.tokenCheckpoints.count
        return corpus.turnSpeaker.withUnsafeBufferPointer { speaker in
            corpus.turnDocument.withUnsafeBufferPointer { document in
                corpus.turnTextStart.withUnsafeBufferPointer { textStart in
                    corpus.turnTextEnd.withUnsafeBufferPointer { textEnd in
                        corpus.turnFirstToken.withUnsafeBufferPointer { firstToken in
                            corpus.turnCheckpointStart.withUnsafeBufferPointer { checkpointStart in
                                corpus.tokenCheckpoints.withUnsafeBufferPointer { checkpoints -> String? in
                                    for index in documentRange {
                                        let item = corpus.documents[index]
                                        let textLength = UInt32(clamping: item.textLength)
                                        for turn in item.turns {
                                            guard speaker[turn] == Corpus.noSpeaker || speaker[turn] < speakerCount else { return "a speaker id is out of range" }
                                            guard document[turn] == UInt32(index) else { return "a turn's document is wrong" }
                                            let (start, end) = (textStart[turn], textEnd[turn])
                                            guard start <= end, end <= textLength else { return "a turn lies outside its text" }
                                            // Ascending first tokens and checkpoint starts were checked before.
                                            let tokens = Int(firstToken[turn + 1] - firstToken[turn])
                                            let (first, last) = (Int(checkpointStart[turn]), Int(checkpointStart[turn + 1]))
                                            guard last - first == max(0, tokens - 1) / interval, last <= checkpointCount else {
                                                return "a turn has the wrong number of checkpoints"
                                            }
                                            var previous = start
                                            for checkpoint in first..<last {
                                                let offset = checkpoints[checkpoint]
                                                guard offset >= previous, offset < end else { return "a token lies outside its turn" }
                                                previous = offset
                                            }
                                        }
                                    }
                                    return nil
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func isAscending<Values: BidirectionalCollection<UInt32>>(_ values: Values, from first: Int, to last: Int) -> Bool {
        guard values.first.map(Int.init) == first, values.last.map(Int.init) == last else { return false }
        var previous = UInt32(first)
        for value in values {
            if value < previous { return false }
            previous = value
        }
        return true
    }
}
