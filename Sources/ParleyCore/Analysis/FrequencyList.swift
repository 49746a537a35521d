/// A frequency list (DESIGN.md §6): types or n-grams with how often each occurs and in how many
/// turns (its range), held column-wise. A row names its n-gram by a key: its type ids packed
/// into one integer (the first in the highest bits), or a position where it occurs when they do
/// not fit; so a list of millions of rows costs 16 bytes a row and no string.
package struct FrequencyRows: Sendable, Equatable {
    /// Tokens per row: 1 for types.
    package let n: Int
    /// Bits per type id in a packed key; nil when keys are positions.
    let packedBits: Int?
    package private(set) var keys: [UInt64] = []
    package private(set) var frequencies: [UInt32] = []
    package private(set) var ranges: [UInt32] = []

    init(n: Int, packedBits: Int? = 32) {
        self.n = n
        self.packedBits = n == 1 ? 32 : packedBits
    }

    package var count: Int { keys.count }

    /// The type ids of row `row`.
    package func types(_ row: Int, in corpus: Corpus) -> [UInt32] {
        let key = keys[row]
        guard let packedBits else {
            let start = Int(key)
            let types = corpus.tokenType
            return (start..<(start + n)).map { types[$0] }
        }
        let mask: UInt64 = (1 << UInt64(packedBits)) - 1
        return (0..<n).map { UInt32(truncatingIfNeeded: key >> UInt64(packedBits * (n - 1 - $0)) & mask) }
    }

    /// Row `row`'s words, as their lower-case forms separated by spaces.
    package func form(_ row: Int, in corpus: Corpus) -> String {
        types(row, in: corpus).map { corpus.lexicon.forms[Int($0)] }.joined(separator: " ")
    }

    mutating func append(key: UInt64, frequency: UInt32, range: UInt32) {
        keys.append(key)
        frequencies.append(frequency)
        ranges.append(range)
    }

    mutating func append(contentsOf other: FrequencyRows) {
        keys += other.keys
        frequencies += other.frequencies
        ranges += other.ranges
    }

    /// The rows in `order`.
    func reordered(_ order: [Int]) -> FrequencyRows {
        var result = FrequencyRows(n: n, packedBits: packedBits)
        result.keys = order.map { keys[$0] }
        result.frequencies = order.map { frequencies[$0] }
        result.ranges = order.map { ranges[$0] }
        return result
    }

    /// The first `count` rows.
    package func prefix(_ count: Int) -> FrequencyRows {
        reordered(Array(0..<min(count, self.count)))
    }
}

/// An answer that would need more memory than an analysis may take: refused in one line before
/// it is built, with what would narrow it.
package struct ResultTooLarge: Error, Equatable, CustomStringConvertible {
    /// The most rows a result holds in memory (frequency lists, concordances to sort): at about
    /// 30 bytes a row, 600 MB.
    package static let maximumRows = 20_000_000

    package var what: String
    package var count: Int
    package var advice: String

    package init(what: String, count: Int, advice: String) {
        self.what = what
        self.count = count
        self.advice = advice
    }

    package var description: String {
        "the \(what) would hold \(count) rows, more than the \(ResultTooLarge.maximumRows) Parley keeps in memory; \(advice)"
    }
}

/// What a frequency list's range counts: the turns or the documents a row occurs in.
package enum RangeUnit: String, Sendable, CaseIterable {
    case turns
    case documents = "docs"
}

extension Corpus {
    /// The longest n-gram `frequencyList` counts.
    package static let maximumNGramLength = 8

    /// Types (n = 1) or n-grams in `selection`, most frequent first, ties broken by the forms'
    /// bytes; only rows occurring at least `minimum` times, none that contains a type in
    /// `excluded`, and at most `top` of them. N-grams never cross a turn. On the whole corpus,
    /// single types are read from the postings; n-grams are counted in bounded memory (see
    /// `nGramRows`). Ctrl-C stops it with no rows.
    package func frequencyList(
        n: Int, in selection: TurnSet?, minimum: Int = 1, excluded: Set<Int> = [], top: Int = Int.max,
        range unit: RangeUnit = .turns, minimumRange: Int = 1
    ) throws(ResultTooLarge) -> FrequencyRows {
        let rows: FrequencyRows
        if n == 1 {
            var (frequencies, ranges) = selection == nil ? (postingCounts, typeRanges) : typeCounts(in: selection)
            if unit == .documents { ranges = typeDocumentRanges(in: selection) }
            var types = FrequencyRows(n: 1)
            for type in 0..<lexicon.count where frequencies[type] >= max(1, minimum) && ranges[type] >= minimumRange && !excluded.contains(type) {
                types.append(key: UInt64(type), frequency: frequencies[type], range: ranges[type])
            }
            rows = types
        } else {
            rows = nGramRows(n: n, in: selection, minimum: max(1, minimum), excluded: excluded, top: top, range: unit, minimumRange: minimumRange)
            if rows.count > ResultTooLarge.maximumRows {
                throw ResultTooLarge(what: "list of \(n)-grams", count: rows.count, advice: "show fewer with --top N, or only frequent ones with --min N")
            }
        }
        guard let order = ranked(rows, top: top) else { return FrequencyRows(n: n) }
        return rows.reordered(order)
    }

    /// The `top` best rows' indices, best first: by frequency, then by the forms (type ids
    /// follow the forms' byte order, so comparing ids compares forms). Nil when Ctrl-C stopped it.
    func ranked(_ rows: FrequencyRows, top: Int) -> [Int]? {
        let n = rows.n
        let packed = rows.packedBits != nil
        // Packed keys compare by themselves: the type ids (a scan of a mapped column) only for
        // n-grams named by their position.
        return (packed ? Column<UInt32>([]) : tokenType).withUnsafeBufferPointer { types -> [Int]? in
            func precedes(_ a: Int, _ b: Int) -> Bool {
                if rows.frequencies[a] != rows.frequencies[b] { return rows.frequencies[a] > rows.frequencies[b] }
                // Packed keys hold the first id in their highest bits: they compare as the forms do.
                if packed { return rows.keys[a] < rows.keys[b] }
                let (x, y) = (Int(rows.keys[a]), Int(rows.keys[b]))
                for offset in 0..<n where types[x + offset] != types[y + offset] { return types[x + offset] < types[y + offset] }
                return false
            }
            var order: [Int]
            if top < rows.count / 2 {
                guard let best = Self.best(rows.count, top, by: precedes) else { return nil }
                order = best
            } else {
                order = Array(0..<rows.count)
            }
            // Each worker of an n-gram count keeps its own best `top`: cut the merged rows too.
            return order.interruptibleSort(by: precedes) ? Array(order.prefix(top)) : nil
        }
    }

    /// The `k` best of `0..<count` by `precedes`, in no order: a bounded heap with the worst kept
    /// at its top, so ranking the top 10 of 60 million n-grams holds 10 of them.
    static func best(_ count: Int, _ k: Int, by precedes: (Int, Int) -> Bool) -> [Int]? {
        guard k > 0 else { return [] }
        var heap: [Int] = []
        heap.reserveCapacity(k)
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { return }
                var worst = left
                if left + 1 < heap.count, precedes(heap[worst], heap[left + 1]) { worst = left + 1 }
                guard precedes(heap[parent], heap[worst]) else { return }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
        for index in 0..<count {
            if Interruption.stops(at: index) { return nil }
            if heap.count < k {
                heap.append(index)
                var child = heap.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard precedes(heap[parent], heap[child]) else { break }
                    heap.swapAt(parent, child)
                    child = parent
                }
            } else if precedes(index, heap[0]) {
                heap[0] = index
                siftDown(0)
            }
        }
        return heap
    }

    /// The frequency and range of every type in `selection`: one pass over its tokens.
    package func typeCounts(in selection: TurnSet?) -> (frequencies: [UInt32], ranges: [UInt32]) {
        var lastTurn = [UInt32](repeating: UInt32.max, count: lexicon.count)
        // Most of the corpus (speech, a few preambles left out): the whole corpus's counts, which
        // the index holds, less those of the turns left out, whose types alone are read.
        if let selection, let excluded = turnsLeftOut(by: selection) {
            var frequencies = postingCounts
            var ranges = typeRanges
            for turn in excluded {
                for type in tokenTypes(tokens(ofTurn: turn)).lazy.map(Int.init) {
                    // Wrapping: ids of a damaged cache read as 0, and damage stops the command.
                    frequencies[type] &-= 1
                    if lastTurn[type] != UInt32(turn) {
                        lastTurn[type] = UInt32(turn)
                        ranges[type] &-= 1
                    }
                }
            }
            return (frequencies, ranges)
        }
        var frequencies = [UInt32](repeating: 0, count: lexicon.count)
        var ranges = [UInt32](repeating: 0, count: lexicon.count)
        let tokenType = tokenType
        for turn in selectedTurns(selection) {
            if Interruption.stops(at: turn) { break }
            for token in tokens(ofTurn: turn) {
                let type = Int(tokenType[token])
                frequencies[type] += 1
                if lastTurn[type] != UInt32(turn) {
                    lastTurn[type] = UInt32(turn)
                    ranges[type] += 1
                }
            }
        }
        return (frequencies, ranges)
    }

    /// In how many documents each type occurs (counting only `selection`'s turns): a pass over
    /// the tokens, a document's at a time on every core.
    package func typeDocumentRanges(in selection: TurnSet?) -> [UInt32] {
        let workers = Parallel.coreCount
        let documentCount = documents.count
        let corpus = self
        let tokenType = tokenType
        let parts = Parallel.map(workers) { worker -> [UInt32] in
            var ranges = [UInt32](repeating: 0, count: corpus.lexicon.count)
            var lastDocument = [UInt32](repeating: UInt32.max, count: corpus.lexicon.count)
            for document in (documentCount * worker / workers)..<(documentCount * (worker + 1) / workers) {
                if Interruption.isRequested { break }
                for turn in corpus.documents[document].turns where selection?.contains(turn) ?? true {
                    for token in corpus.tokens(ofTurn: turn) {
                        let type = Int(tokenType[token])
                        if lastDocument[type] != UInt32(document) {
                            lastDocument[type] = UInt32(document)
                            ranges[type] += 1
                        }
                    }
                }
            }
            return ranges
        }
        var ranges = parts[0]
        for part in parts.dropFirst() { for type in ranges.indices { ranges[type] += part[type] } }
        return ranges
    }

    /// Each type's frequency in the whole corpus, from the postings.
    private var postingCounts: [UInt32] {
        (0..<lexicon.count).map { postingStart[$0 + 1] - postingStart[$0] }
    }
}
