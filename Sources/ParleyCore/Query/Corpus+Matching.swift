/// One hit of a query: the tokens it covers and the turn they are in.
package struct Match: Sendable, Equatable {
    package var start: UInt32
    package var length: UInt32
    package var turn: UInt32

    package var tokens: Range<Int> { Int(start)..<Int(start + length) }
}

extension Corpus {
    /// The ids of the types a pattern matches, ignoring case, ascending. A word costs one lookup,
    /// a wildcard with a literal prefix a binary search and a scan of that prefix's range, any
    /// other wildcard or a regex one pass over the lexicon.
    package func types(matching pattern: TokenPattern) -> [Int] {
        switch pattern {
        case .any:
            return Array(0..<lexicon.count)
        case .word(let word):
            guard let form = Tokenizer().types(of: word).first, let id = lexicon.id(of: form) else { return [] }
            return [id]
        case .wildcard(let wildcard):
            let folded = wildcard.folded
            let candidates = lexicon.ids(withPrefix: folded.literalPrefix)
            if folded.pattern == folded.literalPrefix + "*" { return Array(candidates) }
            return candidates.filter { folded.matches(lexicon.forms[$0]) }
        case .lemma(let form):
            guard let lemmas, let id = lemmas.id(of: form, in: lexicon) else { return [] }
            return lemmas.types(ofLemma: id)
        case .regex(let pattern):
            var matching: [Int] = []
            for type in lexicon.forms.indices {
                // Stopped by Ctrl-C or a timeout, inside a word or between words.
                guard let matched = pattern.matchesWhole(lexicon.forms[type], caseSensitive: false) else { break }
                if matched { matching.append(type) }
            }
            return matching
        }
    }

    /// Every hit of `query` inside the turns of `selection` (every turn when nil), in corpus
    /// order. A phrase never crosses a turn. The cost is that of the rarest pattern's postings.
    package func matches(of query: Query, in selection: TurnSet? = nil) throws(QueryError) -> [Match] {
        if let pattern = query.tokenPattern { return try matches(of: pattern, in: selection) }
        let patterns = query.patterns
        // The lemma layer is made when first needed: a query of words alone does not make it.
        if patterns.contains(where: { if case .lemma = $0 { true } else { false } }), lemmas == nil {
            throw .pattern("this corpus has no lemma layer: load it without --lemmas none, or with --lemmas FILE", at: 0..<0)
        }
        let typeSets = patterns.map { $0 == .any ? nil : types(matching: $0) }
        // Anchor on the pattern with the fewest postings; check the others around each of them.
        var anchor = 0
        var fewest = Int.max
        for (index, types) in typeSets.enumerated() {
            guard let types else { continue }
            let count = types.reduce(0) { $0 + frequency(ofType: $1) }
            if count < fewest { (anchor, fewest) = (index, count) }
        }
        let anchorPositions = positions(ofTypes: typeSets[anchor] ?? [])
        var others = typeSets.enumerated().map { index, types -> Membership in
            guard let types, index != anchor else { return .any }
            return membership(of: types)
        }
        let surfaceTests = query.caseSensitive ? patterns.map(SurfaceTest.init) : []
        var locator = TurnLocator(self)
        var result: [Match] = []
        result.reserveCapacity(anchorPositions.count)
        for (index, position) in anchorPositions.enumerated() {
            if Interruption.stops(at: index) { break }
            // The positions ascend: each turn is found from the one before.
            let turn = locator.advance(to: Int(position))
            if let selection, !selection.contains(turn) { continue }
            let start = Int(position) - anchor
            let range = tokens(ofTurn: turn)
            guard start >= range.lowerBound, start + patterns.count <= range.upperBound else { continue }
            var matched = true
            for index in others.indices where !others[index].contains(start + index) {
                matched = false
                break
            }
            if matched, !surfaceTests.isEmpty {
                matched = surfaceTests.indices.allSatisfy { surfaceTests[$0].accepts(surface(ofToken: start + $0, in: turn)) }
            }
            if matched { result.append(Match(start: UInt32(start), length: UInt32(patterns.count), turn: UInt32(turn))) }
        }
        return result
    }

    /// The turns that contain at least one hit of `query`.
    package func turns(containing query: Query) throws(QueryError) -> TurnSet {
        var set = TurnSet(universe: turnCount)
        for match in try matches(of: query) { set.insert(Int(match.turn)) }
        return set
    }

    /// How a phrase tests the tokens beside its anchor: by type id when the ids are in memory
    /// (or the pattern has too many postings to read), otherwise by the pattern's own postings,
    /// so that a phrase answered from a cache never unpacks the 4 bytes a token of the id column.
    private func membership(of types: [Int]) -> Membership {
        let postingCount = types.reduce(0) { $0 + frequency(ofType: $1) }
        if let packedTokenTypes, !packedTokenTypes.isUnpacked, types.count <= 256, postingCount <= tokenCount / 4 {
            return .positions(positions(ofTypes: types), cursor: 0)
        }
        var member = [Bool](repeating: false, count: lexicon.count)
        for type in types { member[type] = true }
        return .types(member, tokenType)
    }

    /// The positions of several types merged into corpus order. Each type's list is in order
    /// already, so a few lists (a lemma's forms) are merged two at a time, in passes over the
    /// positions, and many (a wildcard's) are sorted together.
    func positions(ofTypes types: [Int]) -> [UInt32] {
        if types.count == 1 { return Array(positions(ofType: types[0])) }
        guard types.count <= 16 else {
            var merged: [UInt32] = []
            merged.reserveCapacity(types.reduce(0) { $0 + frequency(ofType: $1) })
            for type in types { merged += positions(ofType: type) }
            _ = merged.interruptibleSort(by: <)
            return merged
        }
        var lists = types.map { positions(ofType: $0) }
        while lists.count > 1 {
            if Interruption.isRequested { return [] }
            lists = stride(from: 0, to: lists.count, by: 2).map { index in
                index + 1 < lists.count ? Self.merged(lists[index], lists[index + 1]) : lists[index]
            }
        }
        return lists.first ?? []
    }

    /// Two ascending lists as one.
    private static func merged(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count, j < b.count {
            if a[i] <= b[j] {
                result.append(a[i])
                i += 1
            } else {
                result.append(b[j])
                j += 1
            }
        }
        result += a[i...]
        result += b[j...]
        return result
    }
}

/// Finds the turns of tokens visited in ascending order, starting each search where the last
/// one ended so that a sweep over sorted positions costs little more than the positions.
package struct TurnLocator {
    private let firstTokens: Column<UInt32>
    private var current = 0

    package init(_ corpus: Corpus) { firstTokens = corpus.turnFirstToken }

    /// The turn of `token`, which lies at or after the last token asked for: a few steps from
    /// the current turn, then ever longer strides, so a sweep with small gaps costs a few steps
    /// each (the hits of a common word are a few turns apart: stepping is cheaper than a search).
    package mutating func advance(to token: Int) -> Int {
        let turnCount = firstTokens.count - 1
        let target = UInt32(token)
        guard current < turnCount, firstTokens[current] <= target else { return turn(containing: token) }
        for _ in 0..<8 {
            if target < firstTokens[current + 1] { return current }
            current += 1
            if current == turnCount { return turn(containing: token) }
        }
        var low = current
        var stride = 1
        // Gallop: the turn is after `low`'s start and before `low + stride`'s.
        while low + stride < turnCount, firstTokens[low + stride] <= target {
            low += stride
            stride *= 2
        }
        var high = min(turnCount, low + stride)
        while high - low > 1 {
            let middle = (low + high) / 2
            if firstTokens[middle] <= target { low = middle } else { high = middle }
        }
        current = low
        return low
    }

    package mutating func turn(containing token: Int) -> Int {
        let turnCount = firstTokens.count - 1
        let target = UInt32(token)
        if current < turnCount, firstTokens[current] <= target, target < firstTokens[current + 1] { return current }
        // The last turn whose first token is at or before `target`.
        var low = firstTokens[current] <= target ? current : 0
        var high = turnCount
        while high - low > 1 {
            let middle = (low + high) / 2
            if firstTokens[middle] <= target { low = middle } else { high = middle }
        }
        current = low
        return low
    }
}

/// Whether a token matches one pattern of a phrase.
private enum Membership {
    case any
    case types([Bool], Column<UInt32>)
    /// The pattern's positions, and where the last test left off: tokens are asked for in
    /// ascending order, so each test gallops forward from the one before.
    case positions([UInt32], cursor: Int)

    mutating func contains(_ token: Int) -> Bool {
        switch self {
        case .any:
            return true
        case .types(let member, let tokenType):
            return member[Int(tokenType[token])]
        case .positions(let positions, var cursor):
            let target = UInt32(token)
            var stride = 1
            var low = cursor
            // Gallop to a bracket, then halve it: the first position at or after `target`.
            while low + stride < positions.count, positions[low + stride] < target {
                low += stride
                stride *= 2
            }
            var high = min(positions.count, low + stride)
            if low < positions.count, positions[low] >= target { high = low }
            while high - low > 1 {
                let middle = (low + high) / 2
                if positions[middle] < target { low = middle } else { high = middle }
            }
            cursor = high
            self = .positions(positions, cursor: cursor)
            return cursor < positions.count && positions[cursor] == target
        }
    }
}

/// The case-sensitive test of one query pattern on a surface form (`--case`).
private struct SurfaceTest {
    let pattern: TokenPattern

    init(_ pattern: TokenPattern) {
        self.pattern = pattern
    }

    func accepts(_ surface: String) -> Bool {
        let surface = surface.replacing("\u{2019}", with: "'")
        switch pattern {
        case .any: return true
        case .word(let word): return surface == word
        case .wildcard(let wildcard): return wildcard.matches(surface)
        case .regex(let regex): return regex.matchesWhole(surface, caseSensitive: true) == true
        case .lemma: return true
        }
    }
}
