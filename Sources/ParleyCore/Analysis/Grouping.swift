/// How turns are grouped into parts for `--by`: by document, by speaker, one part per turn, or
/// by the value of a metadata key.
package enum Grouping: Sendable {
    case doc, speaker, turn
    case metadata(MetadataGroups)

    /// The built-in groupings by name.
    package static let builtIn: [String: Grouping] = ["doc": .doc, "speaker": .speaker, "turn": .turn]

    /// True for groups by period, which are listed in time order, every one of them.
    package var isPeriods: Bool {
        if case .metadata(let groups) = self { groups.periodCount != nil } else { false }
    }

    /// What the groups are called in a table heading: `doc`, `speaker`, `turn` or the key.
    package var label: String {
        switch self {
        case .doc: "doc"
        case .speaker: "speaker"
        case .turn: "turn"
        case .metadata(let groups): groups.key
        }
    }

    /// The name of the speaker group that holds turns without a speaker (preamble).
    package static let noSpeakerName = "(no speaker)"

    /// How many groups the corpus has (for speakers, one more for turns without a speaker).
    package func groupCount(in corpus: Corpus) -> Int {
        switch self {
        case .doc: corpus.documents.count
        case .speaker: corpus.speakers.count + 1
        case .turn: corpus.turnCount
        case .metadata(let groups): groups.names.count
        }
    }

    /// The group of a turn.
    package func group(ofTurn turn: Int, in corpus: Corpus) -> Int {
        switch self {
        case .doc: Int(corpus.turnDocument[turn])
        case .speaker: corpus.turnSpeaker[turn] == Corpus.noSpeaker ? corpus.speakers.count : Int(corpus.turnSpeaker[turn])
        case .turn: turn
        case .metadata(let groups): Int(groups.turnGroup[turn])
        }
    }

    /// A group's name: the document's name, the speaker's name, or "document#n" for a turn
    /// (numbered from 1 within its document, as `turns` shows it). Documents are called by
    /// `documentNames` when given (one per document), else by their names.
    package func name(ofGroup group: Int, in corpus: Corpus, documentNames: [String]? = nil) -> String {
        switch self {
        case .doc: return documentNames?[group] ?? corpus.documents[group].name
        case .speaker: return group == corpus.speakers.count ? Self.noSpeakerName : corpus.speakers[group]
        case .turn:
            let index = Int(corpus.turnDocument[group])
            let document = corpus.documents[index]
            return "\(documentNames?[index] ?? document.name)#\(group - document.turns.lowerBound + 1)"
        case .metadata(let groups): return groups.names[group]
        }
    }
}

/// The groups of a metadata key: one per value, in the order of the values' bytes (ISO dates
/// and zero-padded numbers sort in time and number order), and one for turns without a value.
package struct MetadataGroups: Sendable {
    package let key: String
    package let names: [String]
    package let turnGroup: [UInt32]
    /// For groups by period: the groups (all but a last `(none)`) are every period of a range
    /// in time order, listed whether or not the selection has turns in them.
    package var periodCount: Int?

    package init(key: String, names: [String], turnGroup: [UInt32], periodCount: Int? = nil) {
        self.key = key
        self.names = names
        self.turnGroup = turnGroup
        self.periodCount = periodCount
    }

    /// The name of the group of turns that have no value for the key.
    package static let noValueName = "(none)"
}

extension Corpus {
    package func metadataGroups(_ key: String) -> MetadataGroups {
        let lookup = metadataLookup(key)
        let values = (0..<turnCount).map { metadataValue(lookup, turn: $0) }
        var names = Array(Set(values.compactMap { $0 })).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, UInt32($0)) })
        if values.contains(nil) { names.append(MetadataGroups.noValueName) }
        let none = UInt32(names.count - 1)
        return MetadataGroups(key: key, names: names, turnGroup: values.map { $0.map { index[$0]! } ?? none })
    }
}

extension Corpus {
    /// The tokens of each group within `selection`, and which groups have any selected turn.
    package func groupSizes(_ grouping: Grouping, in selection: TurnSet?) -> (sizes: [Int], present: [Bool]) {
        let count = grouping.groupCount(in: self)
        var sizes = [Int](repeating: 0, count: count)
        var present = [Bool](repeating: false, count: count)
        for turn in selectedTurns(selection) {
            let group = grouping.group(ofTurn: turn, in: self)
            sizes[group] += tokens(ofTurn: turn).count
            present[group] = true
        }
        if case .metadata(let groups) = grouping, let periods = groups.periodCount {
            for group in 0..<periods { present[group] = true }
        }
        return (sizes, present)
    }

    /// The turns of `selection` in order, or every turn.
    package func selectedTurns(_ selection: TurnSet?) -> [Int] {
        selection?.members ?? Array(0..<turnCount)
    }
}

/// Why values cannot be grouped by period.
package struct PeriodError: Error, Equatable, CustomStringConvertible {
    package var description: String
}

extension Corpus {
    /// The most periods a grouping lists.
    package static let maximumPeriods = 100_000

    /// Groups by the period of `unit` that each turn's value of `key` falls in: one group per
    /// period from the first to the last that a selected turn's value falls in (or from the
    /// period holding `from` to the one holding `to`), in time order, then `(none)` for turns
    /// whose value is missing or is not a date or time of that precision. With bounds, also the
    /// turns inside them, to restrict the selection to.
    package func periodGroups(
        _ key: String, unit: PeriodUnit, in selection: TurnSet?, from: Period? = nil, to: Period? = nil
    ) throws(PeriodError) -> (groups: MetadataGroups, inRange: TurnSet?) {
        let lookup = metadataLookup(key)
        var ordinalOfValue: [String: Int?] = [:]
        var isOffset: Bool?
        let ordinals: [Int?] = (0..<turnCount).map { turn in
            guard let value = metadataValue(lookup, turn: turn) else { return nil }
            if let known = ordinalOfValue[value] { return known }
            let moment = Moment(value)
            let ordinal = moment?.period(unit)
            if ordinal != nil, isOffset == nil { isOffset = moment?.day == nil }
            // Dates and offsets do not mix in one series: the first kind seen wins.
            let kept = ordinal != nil && (moment?.day == nil) == isOffset ? ordinal : nil
            ordinalOfValue[value] = kept
            return kept
        }
        guard let isOffset else {
            let example = ordinalOfValue.keys.sorted().first.map { " (\"\(Visible.echo($0, limit: 40))\")" } ?? ""
            let kind = unit.isCalendar ? "dates" : "times or dates with a time"
            throw PeriodError(description: ordinalOfValue.isEmpty
                ? "no turn has a value for \(key)"
                : "the values of \(key) are not \(kind) with a \(unit.rawValue)\(example); --by \(key):PERIOD takes ISO dates such as 2021-06-30 or times such as 00:01:02.500")
        }
        if isOffset, from != nil || to != nil {
            throw PeriodError(description: "--from and --to take calendar periods; the values of \(key) are times from the start of a recording")
        }
        var lowest = from.flatMap { bound(of: $0, in: unit, last: false) }
        var highest = to.flatMap { bound(of: $0, in: unit, last: true) }
        if lowest == nil || highest == nil {
            var seenLow = Int.max
            var seenHigh = Int.min
            for turn in selectedTurns(selection) {
                guard let ordinal = ordinals[turn] else { continue }
                seenLow = min(seenLow, ordinal)
                seenHigh = max(seenHigh, ordinal)
            }
            if seenLow == Int.max, lowest == nil || highest == nil {
                throw PeriodError(description: "no turn of the selection has a value of \(key) with a \(unit.rawValue)")
            }
            lowest = lowest ?? seenLow
            highest = highest ?? seenHigh
        }
        let low = lowest!
        let high = highest!
        guard low <= high else { throw PeriodError(description: "--from is after --to") }
        guard high - low < Self.maximumPeriods else {
            throw PeriodError(description: "\(high - low + 1) periods of a \(unit.rawValue) are too many (at most \(Self.maximumPeriods)): group by a longer period")
        }
        let count = high - low + 1
        var names = (0..<count).map { Period(unit: unit, ordinal: low + $0, isOffset: isOffset).label }
        let none = UInt32(count)
        let turnGroup = ordinals.map { ordinal in ordinal.map { $0 >= low && $0 <= high ? UInt32($0 - low) : none } ?? none }
        if turnGroup.contains(none) { names.append(MetadataGroups.noValueName) }
        var inRange: TurnSet?
        if from != nil || to != nil {
            var turns = TurnSet(universe: turnCount)
            for (turn, group) in turnGroup.enumerated() where group != none { turns.insert(turn) }
            inRange = turns
        }
        return (MetadataGroups(key: key + ":" + unit.rawValue, names: names, turnGroup: turnGroup, periodCount: count), inRange)
    }

    /// The ordinal, in `unit`, of the first (or last) period of `unit` inside `period`.
    private func bound(of period: Period, in unit: PeriodUnit, last: Bool) -> Int {
        // The first day of the period, and the first day after it.
        func firstDay(_ period: Period) -> Int {
            switch period.unit {
            case .year: return Calendar.days(period.ordinal, 1, 1)
            case .quarter:
                let year = Calendar.floorDivide(period.ordinal, 4)
                return Calendar.days(year, (period.ordinal - year * 4) * 3 + 1, 1)
            case .month:
                let year = Calendar.floorDivide(period.ordinal, 12)
                return Calendar.days(year, period.ordinal - year * 12 + 1, 1)
            case .week: return period.ordinal * 7 - 3
            default: return period.ordinal
            }
        }
        var next = period
        next.ordinal += 1
        let day = last ? firstDay(next) - 1 : firstDay(period)
        let (year, month, dayOfMonth) = Calendar.civil(day)
        let moment = Moment(Period(unit: .day, ordinal: Calendar.days(year, month, dayOfMonth), isOffset: false).label)!
        switch unit {
        case .hour: return day * 24 + (last ? 23 : 0)
        case .minute: return day * 1440 + (last ? 1439 : 0)
        case .second: return day * 86_400 + (last ? 86_399 : 0)
        default: return moment.period(unit)!
        }
    }
}
