extension Corpus {
    /// Merges the speakers `sources` into `target` (an existing speaker or a new name), as the
    /// `alias` command does. Returns the corpus with renumbered speakers.
    package func mergingSpeakers(_ sources: [Int], into target: String) -> Corpus {
        var names = Set(speakers)
        for source in sources { names.remove(speakers[source]) }
        names.insert(target)
        let sorted = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var newID: [String: UInt32] = [:]
        for (id, name) in sorted.enumerated() { newID[name] = UInt32(id) }
        let sourceSet = Set(sources)
        let mapping: [UInt32] = speakers.indices.map { old in
            sourceSet.contains(old) ? newID[target]! : newID[speakers[old]]!
        }
        var result = self
        result.speakers = sorted
        result.cachedVariantCounts = nil
        result.turnSpeaker = Column(turnSpeaker.map { $0 == Self.noSpeaker ? $0 : mapping[Int($0)] })
        return result
    }
}

extension Corpus {
    /// The turns of the speakers with ids `ids`.
    package func turns(ofSpeakers ids: [Int]) -> TurnSet {
        var chosen = [Bool](repeating: false, count: speakers.count)
        for id in ids { chosen[id] = true }
        var turns = TurnSet(universe: turnCount)
        for turn in 0..<turnCount where turnSpeaker[turn] != Self.noSpeaker && chosen[Int(turnSpeaker[turn])] {
            turns.insert(turn)
        }
        return turns
    }
}
