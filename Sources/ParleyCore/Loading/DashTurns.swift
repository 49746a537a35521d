/// Who speaks the unlabelled (dash) turns of a transcript where one speaker, the principal, is
/// labelled and everyone else opens with a dash (DESIGN.md §3).
///
/// Each dash turn is the principal's or another person's. The choice is the cheapest path over
/// the document's turns: a change of side costs nothing, the principal following themselves is
/// dear (a transcript labels or dashes a new turn only when the speaker changes), another person
/// following another person costs a little, and the text's cues (`TurnCues`) make one side
/// cheaper: an introduction or a vocative to the principal means someone else; a greeting or a
/// hand-over after another person's turn means yet another person. The next labelled speaker
/// never speaks the dash turn right before their label.
///
/// Other people's turns take the introduced name, else, when the document has exactly two
/// parties, the other party's name, else a placeholder that says the speaker is not known.
struct DashTurns {
    /// One turn of the document, before dash turns are given speakers.
    struct Turn {
        enum Kind: Equatable { case preamble, labelled, question, dash }
        var kind: Kind
        var speaker: String?
        /// The text of a dash turn (nil for the others).
        var text: String?
    }

    enum Side { case principal, other }

    /// Costs of the path; only their order and rough ratios matter.
    enum Cost {
        static let principalTwice = 3.0
        static let principalTwiceAtLabel = 8.0
        static let otherTwice = 1.0
        static let otherTwiceAfterHandOver = 0.0
        static let otherTwiceWithGreeting = 0.3
        static let principalAfterHandOverToOther = 3.0
        static let otherAfterHandOverToPrincipal = 3.0
        static let principalIntroducing = 6.0
        static let principalAddressingPrincipal = 5.0
        static let principalAddressingPrincipalLater = 1.5
        static let otherAddressingOther = 0.8
        static let principalGreetingAfterOther = 1.5
        static let otherAnsweringOther = 1.0
    }

    let placeholder: String

    /// The speakers of every turn: labelled and question turns keep theirs; dash turns get one.
    func speakers(of turns: [Turn]) -> [String?] {
        var labelCounts: [String: Int] = [:]
        for turn in turns where turn.kind == .labelled { labelCounts[turn.speaker!, default: 0] += 1 }
        guard let principal = labelCounts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else {
            return alternating(turns)
        }
        let addressee = TurnCues.Principal(principal)
        let cues = turns.map { turn in turn.kind == .dash ? TurnCues(text: turn.text ?? "", principal: addressee) : nil }
        let sides = cheapestSides(turns, cues: cues, principal: principal)
        var parties = Set(labelCounts.keys)
        for cue in cues { if let name = cue?.introduction { parties.insert(name) } }
        // Two others in a row show a third party: then nobody's name is borrowed.
        let othersInARow = zip(sides, sides.dropFirst()).contains { $0 == .other && $1 == .other }
        let onlyOther = parties.count == 2 && !othersInARow ? parties.first { $0 != principal } : nil
        return turns.indices.map { index in
            guard turns[index].kind == .dash else { return turns[index].speaker }
            if sides[index] == .principal { return principal }
            return cues[index]?.introduction ?? onlyOther ?? placeholder
        }
    }

    /// The sides of all turns along the cheapest path (Viterbi over two states).
    private func cheapestSides(_ turns: [Turn], cues: [TurnCues?], principal: String) -> [Side] {
        let sides: [Side] = [.principal, .other]
        func fixed(_ index: Int) -> Side? {
            switch turns[index].kind {
            case .dash: nil
            case .labelled: turns[index].speaker == principal ? .principal : .other
            case .question, .preamble: .other
            }
        }
        func emission(_ index: Int, _ side: Side) -> Double {
            if let fixed = fixed(index) { return fixed == side ? 0 : .infinity }
            guard let cue = cues[index] else { return 0 }
            switch side {
            case .principal:
                var cost = 0.0
                if cue.introduction != nil { cost += Cost.principalIntroducing }
                if cue.addressesPrincipal { cost += Cost.principalAddressingPrincipal }
                if cue.addressesPrincipalLater { cost += Cost.principalAddressingPrincipalLater }
                return cost
            case .other:
                return cue.addressesOther ? Cost.otherAddressingOther : 0
            }
        }
        func transition(_ from: Int, _ fromSide: Side, _ to: Int, _ toSide: Side) -> Double {
            let handOver = cues[from]?.handsOver
            switch (fromSide, toSide) {
            case (.principal, .principal):
                return turns[from].kind == .dash && turns[to].kind == .dash ? Cost.principalTwice : Cost.principalTwiceAtLabel
            case (.principal, .other):
                return 0
            case (.other, .principal):
                var cost = handOver == .toOther ? Cost.principalAfterHandOverToOther : 0
                // A greeting after another person's turn opens a new guest's turn, unless it
                // answers that person's greeting.
                if cues[to]?.greets == true, cues[from]?.greets != true { cost += Cost.principalGreetingAfterOther }
                return cost
            case (.other, .other):
                if handOver == .toPrincipal { return Cost.otherAfterHandOverToPrincipal }
                if handOver == .toOther { return Cost.otherTwiceAfterHandOver }
                if cues[to]?.greets == true { return Cost.otherTwiceWithGreeting }
                guard turns[from].kind == .dash || turns[to].kind == .dash else { return 0 }
                // Someone else asked; the principal is the one who answers.
                return Cost.otherTwice + (cues[from]?.asks == true ? Cost.otherAnsweringOther : 0)
            }
        }
        guard !turns.isEmpty else { return [] }
        var cost = sides.map { emission(0, $0) }
        var back: [[Int]] = []
        for index in 1..<turns.count {
            var next = [Double](repeating: .infinity, count: 2)
            var from = [0, 0]
            for (toIndex, toSide) in sides.enumerated() {
                let own = emission(index, toSide)
                for (fromIndex, fromSide) in sides.enumerated() where cost[fromIndex] < .infinity {
                    let total = cost[fromIndex] + transition(index - 1, fromSide, index, toSide) + own
                    if total < next[toIndex] {
                        next[toIndex] = total
                        from[toIndex] = fromIndex
                    }
                }
            }
            back.append(from)
            cost = next
        }
        var state = cost[0] <= cost[1] ? 0 : 1
        var result = [Side](repeating: .other, count: turns.count)
        for index in stride(from: turns.count - 1, through: 0, by: -1) {
            result[index] = sides[state]
            if index > 0 { state = back[index - 1][state] }
        }
        return result
    }

    /// With no labelled speaker: an introduction, else the speaker before the previous one
    /// (two-party alternation), else the placeholder.
    func alternating(_ turns: [Turn]) -> [String?] {
        var result: [String?] = []
        for turn in turns {
            guard turn.kind == .dash else {
                result.append(turn.speaker)
                continue
            }
            let introduced = TurnCues.introduction(in: String((turn.text ?? "").prefix(TurnCues.openingLength)), principal: nil)
            result.append(introduced ?? Self.alternatingSpeaker(result, placeholder: placeholder) ?? placeholder)
        }
        return result
    }

    /// Two-party alternation: the most recent speaker other than the previous turn's.
    static func alternatingSpeaker(_ speakers: [String?], placeholder: String) -> String? {
        guard let previous = speakers.last ?? nil else { return nil }
        return speakers.reversed().lazy.compactMap { $0 }.first { $0 != previous && $0 != placeholder }
    }
}
