/// How the hits of a query spread over the parts of the selection (documents, speakers or
/// turns), with the measures of DESIGN.md §6.
package struct Dispersion: Sendable {
    /// One part: its group, size in selected tokens, hits, and where in the part each hit falls
    /// (0 ≤ position < 1, the hit's offset among the part's selected tokens over its size).
    package struct Part: Sendable, Equatable {
        package var group: Int
        package var tokens: Int
        package var hits: Int
        package var positions: [Double]
    }

    package var parts: [Part]
    package var hits: Int { parts.reduce(0) { $0 + $1.hits } }
    /// Parts with at least one hit.
    package var range: Int { parts.count { $0.hits > 0 } }
    /// The parts the measures are taken over: those with tokens (a period without turns is
    /// listed, but has no relative frequency).
    private var measured: [Part] { parts.filter { $0.tokens > 0 } }
    package var juillandD: Double? { Statistics.juillandD(hits: measured.map(\.hits), sizes: measured.map(\.tokens)) }
    package var dp: Double? { Statistics.deviationOfProportions(hits: measured.map(\.hits), sizes: measured.map(\.tokens)) }
    package var dpNorm: Double? {
        Statistics.normalisedDeviationOfProportions(hits: measured.map(\.hits), sizes: measured.map(\.tokens))
    }
}

extension Corpus {
    /// The dispersion of `matches` (which lie in `selection`) over the parts of `grouping` that
    /// have selected tokens, in corpus order of their groups. One pass over the selected turns.
    package func dispersion(of matches: [Match], by grouping: Grouping, in selection: TurnSet?) -> Dispersion {
        let groupCount = grouping.groupCount(in: self)
        // Each selected turn's offset within its part, counted in selected tokens.
        var offsetOfTurn = [Int](repeating: 0, count: turnCount)
        var sizes = [Int](repeating: 0, count: groupCount)
        var present = [Bool](repeating: false, count: groupCount)
        for turn in selectedTurns(selection) {
            let group = grouping.group(ofTurn: turn, in: self)
            offsetOfTurn[turn] = sizes[group]
            sizes[group] += tokens(ofTurn: turn).count
            present[group] = true
        }
        // Every period of the range is a part, with turns or without.
        if case .metadata(let groups) = grouping, let periods = groups.periodCount {
            for group in 0..<periods { present[group] = true }
        }
        var hits = [Int](repeating: 0, count: groupCount)
        var positions = [[Double]](repeating: [], count: groupCount)
        for match in matches {
            let turn = Int(match.turn)
            let group = grouping.group(ofTurn: turn, in: self)
            hits[group] += 1
            let offset = offsetOfTurn[turn] + Int(match.start) - tokens(ofTurn: turn).lowerBound
            positions[group].append(Double(offset) / Double(sizes[group]))
        }
        let parts = (0..<groupCount).filter { present[$0] && (sizes[$0] > 0 || hits[$0] > 0 || grouping.isPeriods) }.map {
            Dispersion.Part(group: $0, tokens: sizes[$0], hits: hits[$0], positions: positions[$0])
        }
        return Dispersion(parts: parts)
    }
}
