/// A CQP pattern as a nondeterministic automaton over tokens (Thompson's construction): token
/// edges test a condition, and turn anchors are edges that test the position.
struct PatternAutomaton {
    enum Edge {
        case epsilon(Int)
        case token(condition: Int, to: Int)
        case turnStart(Int)
        case turnEnd(Int)
    }

    private(set) var edges: [[Edge]] = []
    /// The distinct token conditions; edges name them by index.
    private(set) var conditions: [TokenCondition] = []
    let start: Int
    private(set) var accept = 0

    init(_ root: PatternNode) {
        edges = [[]]
        start = 0
        accept = build(root, from: start)
    }

    private mutating func newState() -> Int {
        edges.append([])
        return edges.count - 1
    }

    /// Adds `node` after state `entry`; returns the state its matches end in.
    private mutating func build(_ node: PatternNode, from entry: Int) -> Int {
        switch node {
        case .token(let condition):
            let index = conditions.firstIndex(of: condition) ?? {
                conditions.append(condition)
                return conditions.count - 1
            }()
            let exit = newState()
            edges[entry].append(.token(condition: index, to: exit))
            return exit
        case .turnStart, .turnEnd:
            let exit = newState()
            edges[entry].append(node == .turnStart ? .turnStart(exit) : .turnEnd(exit))
            return exit
        case .sequence(let nodes):
            return nodes.reduce(entry) { state, node in build(node, from: state) }
        case .alternatives(let nodes):
            let exit = newState()
            for node in nodes {
                let branch = newState()
                edges[entry].append(.epsilon(branch))
                edges[build(node, from: branch)].append(.epsilon(exit))
            }
            return exit
        case .repeated(let node, let min, let max):
            var state = entry
            for _ in 0..<min { state = build(node, from: state) }
            guard let max else {
                let loop = newState()
                edges[state].append(.epsilon(loop))
                edges[build(node, from: loop)].append(.epsilon(loop))
                return loop
            }
            let exit = newState()
            for _ in min..<max {
                edges[state].append(.epsilon(exit))
                let next = newState()
                edges[state].append(.epsilon(next))
                state = build(node, from: next)
            }
            edges[state].append(.epsilon(exit))
            return exit
        }
    }

    /// The conditions a match's first token can meet, and whether every match starts a turn.
    var firstConditions: (conditions: Set<Int>, startsTurn: Bool) {
        var found = Set<Int>()
        var startsTurn = true
        var seen = Set<Int>()
        var stack: [(state: Int, crossedTurnStart: Bool)] = [(start, false)]
        while let (state, crossed) = stack.popLast() {
            guard seen.insert(state * 2 + (crossed ? 1 : 0)).inserted else { continue }
            for edge in edges[state] {
                switch edge {
                case .epsilon(let next), .turnEnd(let next): stack.append((next, crossed))
                case .turnStart(let next): stack.append((next, true))
                case .token(let condition, _):
                    found.insert(condition)
                    if !crossed { startsTurn = false }
                }
            }
        }
        return (found, startsTurn)
    }
}

extension Corpus {
    /// Every hit of a CQP pattern in the turns of `selection`, in corpus order, as CQP's default
    /// ("standard") matching strategy finds them: from each start the shortest match, and no
    /// match that lies inside an earlier one. Only starts that can begin a match are tried: the
    /// tokens of the first token's conditions, of a token every match must contain (at its
    /// distance from the start), or the turns' first tokens, whichever are fewest.
    package func matches(of pattern: TokenPatternQuery, in selection: TurnSet?) throws(QueryError) -> [Match] {
        let automaton = PatternAutomaton(pattern.root)
        var conditions: [CompiledCondition] = []
        for condition in automaton.conditions { conditions.append(try CompiledCondition(condition, in: self)) }
        let compiled = conditions
        let (starts, used) = candidateStarts(pattern, automaton, compiled, selection)
        let sieve = self.sieve(pattern, automaton, compiled, excluding: used)
        let chunk = 1 << 15
        let startCount = starts?.count ?? tokenCount
        let tokenType = tokenType
        let pieces = Parallel.map((startCount + chunk - 1) / chunk) { piece -> [Match] in
            var matcher = PatternMatcher(corpus: self, automaton: automaton, conditions: compiled, tokenType: tokenType, withinDocument: pattern.withinDocument)
            var locator = TurnLocator(self)
            var found: [Match] = []
            var cursor = 0
            for index in (piece * chunk)..<min(startCount, (piece + 1) * chunk) {
                if Interruption.stops(at: index) { break }
                let start = starts.map { Int($0[index]) } ?? index
                if let sieve, !sieve.hasPosition(in: (start + sieve.offsets.lowerBound)...(start + sieve.offsets.upperBound), from: &cursor) {
                    continue
                }
                let turn = locator.advance(to: start)
                if let selection, !selection.contains(turn) { continue }
                let range: Range<Int>
                if pattern.withinDocument {
                    let turns = documents[Int(turnDocument[turn])].turns
                    range = Int(turnFirstToken[turns.lowerBound])..<Int(turnFirstToken[turns.upperBound])
                } else {
                    range = tokens(ofTurn: turn)
                }
                guard range.contains(start), let end = matcher.shortestMatch(from: start, in: range, turn: turn) else { continue }
                found.append(Match(start: UInt32(start), length: UInt32(end - start), turn: UInt32(turn)))
            }
            return found
        }
        // The standard strategy drops a match that lies inside an earlier one.
        var result: [Match] = []
        result.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        var furthestEnd = 0
        for match in pieces.joined() {
            let end = Int(match.start + match.length)
            guard end > furthestEnd else { continue }
            furthestEnd = end
            result.append(match)
        }
        return result
    }

    /// A token every match contains at a bounded distance from its start, with its positions:
    /// a start with none of them at that distance is passed over without running the automaton.
    private func sieve(
        _ pattern: TokenPatternQuery, _ automaton: PatternAutomaton, _ compiled: [CompiledCondition], excluding used: Set<Int>
    ) -> Sieve? {
        var best: (positions: Int, condition: Int, offsets: ClosedRange<Int>)?
        for anchor in Self.anchors(of: pattern.root) {
            guard let condition = automaton.conditions.firstIndex(of: anchor.condition), !used.contains(condition) else { continue }
            var count = 0
            for (type, state) in compiled[condition].typeStates.enumerated() where state != CompiledCondition.no {
                count += frequency(ofType: type)
            }
            if count <= tokenCount / 4, count < (best?.positions ?? Int.max) { best = (count, condition, anchor.offsets) }
        }
        guard let best else { return nil }
        let types = compiled[best.condition].typeStates.indices.filter { compiled[best.condition].typeStates[$0] != CompiledCondition.no }
        return Sieve(positions: positions(ofTypes: types), offsets: best.offsets)
    }

    /// The positions to try as starts, ascending (nil for every token), and the conditions
    /// they were found by.
    private func candidateStarts(
        _ pattern: TokenPatternQuery, _ automaton: PatternAutomaton, _ compiled: [CompiledCondition], _ selection: TurnSet?
    ) -> (starts: [UInt32]?, used: Set<Int>) {
        func postingCount(_ condition: Int) -> Int {
            var count = 0
            for (type, state) in compiled[condition].typeStates.enumerated() where state != CompiledCondition.no {
                count += frequency(ofType: type)
            }
            return count
        }
        func positions(_ condition: Int) -> [UInt32] {
            let types = compiled[condition].typeStates.indices.filter { compiled[condition].typeStates[$0] != CompiledCondition.no }
            return self.positions(ofTypes: types)
        }
        let (first, startsTurn) = automaton.firstConditions
        // Each way to find the starts, with how many it would try.
        var best: (count: Int, make: () -> [UInt32]) = (tokenCount, { [] })
        var useEvery = true
        var used = Set<Int>()
        let firstCount = first.reduce(0) { $0 + postingCount($1) }
        if firstCount < best.count {
            best = (firstCount, { self.merged(first.map(positions)) })
            useEvery = false
            used = first
        }
        if startsTurn, turnCount < best.count {
            best = (turnCount, { self.turnFirstToken.dropLast().map { $0 } })
            useEvery = false
            used = []
        }
        for anchor in Self.anchors(of: pattern.root) {
            guard let condition = automaton.conditions.firstIndex(of: anchor.condition) else { continue }
            let count = postingCount(condition) * (anchor.offsets.count)
            if count < best.count {
                best = (count, {
                    let offsets = anchor.offsets
                    var starts: [UInt32] = []
                    for position in positions(condition) {
                        for offset in offsets where Int(position) >= offset { starts.append(position - UInt32(offset)) }
                    }
                    return starts
                })
                useEvery = false
                used = [condition]
            }
        }
        if useEvery || best.count > tokenCount / 2 { return (nil, []) }
        var starts = best.make()
        starts.sort()
        // Sorted, so equal starts (an anchor met at two distances) are neighbours.
        var unique: [UInt32] = []
        unique.reserveCapacity(starts.count)
        for start in starts where unique.last != start { unique.append(start) }
        return (unique, used)
    }

    /// Several ascending position lists as one ascending list without repeats (the lists of
    /// several conditions, which can share tokens; one condition's types are `positions(ofTypes:)`).
    private func merged(_ lists: [[UInt32]]) -> [UInt32] {
        if lists.count == 1 { return lists[0] }
        var all = lists.flatMap { $0 }
        all.sort()
        var unique: [UInt32] = []
        unique.reserveCapacity(all.count)
        for position in all where unique.last != position { unique.append(position) }
        return unique
    }

    /// The tokens every match contains at a bounded distance from its start: the plain token
    /// elements of the pattern's top-level sequence, with the distances they can stand at.
    private static func anchors(of root: PatternNode) -> [(condition: TokenCondition, offsets: ClosedRange<Int>)] {
        let elements: [PatternNode]
        if case .sequence(let nodes) = root { elements = nodes } else { elements = [root] }
        var anchors: [(TokenCondition, ClosedRange<Int>)] = []
        var low = 0
        var high: Int? = 0
        for element in elements {
            var condition: TokenCondition?
            if case .token(let test) = element { condition = test }
            if case .repeated(.token(let test), let min, _) = element, min >= 1 { condition = test }
            if let condition, condition != .any, let high, high - low <= 8 { anchors.append((condition, low...high)) }
            let lengths = element.lengths
            low += lengths.min
            high = high.flatMap { total in lengths.max.map { total + $0 } }
        }
        return anchors
    }
}

/// The positions of a token every match contains, and how far from the start it stands.
private struct Sieve: Sendable {
    let positions: [UInt32]
    let offsets: ClosedRange<Int>

    /// Whether a position lies in `window`; windows are asked for in ascending order, so each
    /// search gallops on from `cursor`, where the last one ended.
    func hasPosition(in window: ClosedRange<Int>, from cursor: inout Int) -> Bool {
        let target = window.lowerBound
        var low = cursor
        var stride = 1
        while low + stride < positions.count, Int(positions[low + stride]) < target {
            low += stride
            stride *= 2
        }
        var high = min(positions.count, low + stride)
        if low < positions.count, Int(positions[low]) >= target { high = low }
        while high - low > 1 {
            let middle = (low + high) / 2
            if Int(positions[middle]) < target { low = middle } else { high = middle }
        }
        cursor = high
        return high < positions.count && Int(positions[high]) <= window.upperBound
    }
}

/// Runs the automaton from one start at a time.
private struct PatternMatcher {
    let corpus: Corpus
    let automaton: PatternAutomaton
    let conditions: [CompiledCondition]
    let tokenType: Column<UInt32>
    let withinDocument: Bool
    /// Per state: the step that last added it (states are never added twice in a step).
    private var mark: [Int]
    private var step = 0
    private var current: [Int] = []
    private var next: [Int] = []
    private var stack: [Int] = []
    /// Per condition: the step its result below is for, and the result.
    private var testedAt: [Int]
    private var tested: [Bool]
    /// The verdicts on spellings met so far.
    private var memo: [CompiledCondition.SpellingKey: Bool] = [:]

    init(corpus: Corpus, automaton: PatternAutomaton, conditions: [CompiledCondition], tokenType: Column<UInt32>, withinDocument: Bool) {
        self.corpus = corpus
        self.automaton = automaton
        self.conditions = conditions
        self.tokenType = tokenType
        self.withinDocument = withinDocument
        mark = [Int](repeating: -1, count: automaton.edges.count)
        testedAt = [Int](repeating: -1, count: conditions.count)
        tested = [Bool](repeating: false, count: conditions.count)
    }

    /// Where the shortest match from `start` ends, or nil; it stays inside `range`.
    mutating func shortestMatch(from start: Int, in range: Range<Int>, turn: Int) -> Int? {
        var position = start
        var turn = turn
        step += 1
        current.removeAll(keepingCapacity: true)
        add(automaton.start, at: position, in: range, toNext: false)
        while !current.isEmpty, position < range.upperBound {
            if withinDocument { while Int(corpus.turnFirstToken[turn + 1]) <= position { turn += 1 } }
            let type = Int(tokenType[position])
            let speaker = corpus.turnSpeaker[turn]
            step += 1
            next.removeAll(keepingCapacity: true)
            for index in current.indices {
                let state = current[index]
                for edge in automaton.edges[state] {
                    guard case .token(let condition, let target) = edge else { continue }
                    if testedAt[condition] != step {
                        testedAt[condition] = step
                        let (corpus, token, turnNow) = (corpus, position, turn)
                        tested[condition] = conditions[condition].accepts(type: type, speaker: speaker, memo: &memo) {
                            corpus.surface(ofToken: token, in: turnNow)
                        }
                    }
                    if tested[condition] { add(target, at: position + 1, in: range, toNext: true) }
                }
            }
            position += 1
            swap(&current, &next)
            if mark[automaton.accept] == step { return position }
        }
        return nil
    }

    /// Adds `state` and every state reached from it without a token at `position`.
    private mutating func add(_ state: Int, at position: Int, in range: Range<Int>, toNext: Bool) {
        stack.append(state)
        while let state = stack.popLast() {
            guard mark[state] != step else { continue }
            mark[state] = step
            if toNext { next.append(state) } else { current.append(state) }
            for edge in automaton.edges[state] {
                switch edge {
                case .epsilon(let target): stack.append(target)
                case .turnStart(let target): if startsTurn(position, in: range) { stack.append(target) }
                case .turnEnd(let target): if endsTurn(position, in: range) { stack.append(target) }
                case .token: break
                }
            }
        }
    }

    private func startsTurn(_ position: Int, in range: Range<Int>) -> Bool {
        guard withinDocument else { return position == range.lowerBound }
        return position < range.upperBound && isTurnBoundary(position)
    }

    private func endsTurn(_ position: Int, in range: Range<Int>) -> Bool {
        guard withinDocument else { return position == range.upperBound }
        return position > range.lowerBound && (position == range.upperBound || isTurnBoundary(position))
    }

    private func isTurnBoundary(_ position: Int) -> Bool {
        let firsts = corpus.turnFirstToken
        var low = 0
        var high = firsts.count
        while low < high {
            let middle = (low + high) / 2
            if Int(firsts[middle]) < position { low = middle + 1 } else { high = middle }
        }
        return low < firsts.count && Int(firsts[low]) == position
    }
}
