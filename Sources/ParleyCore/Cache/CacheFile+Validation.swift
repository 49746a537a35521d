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
        try check(zip(corpus.lexicon.forms, corpus.lexicon.forms.dropFirst()).allSatisfy(bytesPrecede), "types out of order")
        // Type ids and postings are checked when they are first read (see `BlockChecks`,
        // `Postings`): they are most of the file, and most answers need little of them.
        try check(isAscending(corpus.postingStart, from: 0, to: tokens), "postings are out of order")
        try check(isAscending(corpus.turnFirstToken, from: 0, to: tokens), "turns are out of order")
        try check(corpus.turnSpeaker.allSatisfy { $0 == Corpus.noSpeaker || Int($0) < corpus.speakers.count }, "a speaker id is out of range")
        var nextTurn = 0
        for (index, document) in corpus.documents.enumerated() {
            try check(document.turns.lowerBound == nextTurn, "documents do not cover the turns in order")
            nextTurn = document.turns.upperBound
            for turn in document.turns {
                try check(Int(corpus.turnDocument[turn]) == index, "a turn's document is wrong")
                try check(corpus.turnTextStart[turn] <= corpus.turnTextEnd[turn] && Int(corpus.turnTextEnd[turn]) <= document.textLength, "a turn lies outside its text")
            }
        }
        try check(nextTurn == turns, "documents do not cover the turns")
        let interval = Corpus.checkpointInterval
        for turn in 0..<turns {
            let (start, end) = (corpus.turnTextStart[turn], corpus.turnTextEnd[turn])
            let tokens = corpus.tokens(ofTurn: turn).count
            let checkpoints = Int(corpus.turnCheckpointStart[turn])..<Int(corpus.turnCheckpointStart[turn + 1])
            try check(checkpoints.count == max(0, tokens - 1) / interval, "a turn has the wrong number of checkpoints")
            var last = start
            for checkpoint in checkpoints {
                let offset = corpus.tokenCheckpoints[checkpoint]
                guard offset >= last, offset < end else { throw .structure("a token lies outside its turn") }
                last = offset
            }
        }
    }

    /// Whether `first`'s UTF-8 bytes sort strictly before `second`'s, by `memcmp` where the
    /// strings are contiguous (those read from a file are).
    private static func bytesPrecede(_ first: String, _ second: String) -> Bool {
        let compared = first.utf8.withContiguousStorageIfAvailable { a in
            second.utf8.withContiguousStorageIfAvailable { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order < 0 || (order == 0 && a.count < b.count)
            }
        }
        return (compared ?? nil) ?? first.utf8.lexicographicallyPrecedes(second.utf8)
    }

    private static func isAscending<Values: BidirectionalCollection<UInt32>>(_ values: Values, from first: Int, to last: Int) -> Bool {
        guard values.first.map(Int.init) == first, values.last.map(Int.init) == last else { return false }
        return zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }
    }
}
