import ParleyCore

/// How commands name metadata: `--meta KEY[,KEY…]` columns and `--by` groupings that may be a
/// metadata key as well as a built-in grouping.
enum MetadataArguments {
    /// The keys a `--meta` option names, resolved without regard to case.
    static func columns(_ arguments: Arguments, in corpus: Corpus) throws(CommandError) -> [Corpus.MetadataLookup] {
        guard let word = arguments.values["--meta"] else { return [] }
        var lookups: [Corpus.MetadataLookup] = []
        for name in word.text.split(separator: ",") {
            lookups.append(corpus.metadataLookup(try key(String(name), word: word, in: corpus)))
        }
        return lookups
    }

    /// The corpus's spelling of metadata key `name`, or an error listing the keys.
    static func key(_ name: String, word: Word, in corpus: Corpus) throws(CommandError) -> String {
        if let key = corpus.metadataKey(named: name.trimmingPrefix(while: \.isWhitespace).description) { return key }
        let keys = corpus.metadataKeys
        throw CommandError.unknown(
            "metadata key", Word(text: name, columns: word.columns), among: keys,
            hint: keys.isEmpty ? "this corpus has no metadata" : "\"info\" lists the keys")
    }

    /// The grouping the `--by` option names, or nil without one.
    static func grouping(_ arguments: Arguments, builtIn: [String], in corpus: Corpus) throws(CommandError) -> Grouping? {
        guard let word = arguments.values["--by"] else { return nil }
        return try grouping(word, builtIn: builtIn, in: corpus)
    }

    /// A `--by` grouping with the selection it applies to: the session's, limited by `--from`
    /// and `--to` when the grouping is by period.
    struct Scoped {
        var grouping: Grouping
        var selection: TurnSet?
    }

    /// The grouping `--by` names (a period of a date key, `date:month`, among them) and the
    /// selection `--from`/`--to` leave; nil without `--by`.
    static func scoped(_ arguments: Arguments, builtIn: [String], in session: Session) throws(CommandError) -> Scoped? {
        guard let word = arguments.values["--by"] else {
            if let bound = arguments.values["--from"] ?? arguments.values["--to"] {
                throw CommandError("\(arguments.optionWords["--from"] != nil ? "--from" : "--to") limits a grouping by period: add --by KEY:PERIOD (for example --by date:month)", at: bound)
            }
            return nil
        }
        return try scoped(word, arguments, builtIn: builtIn, in: session)
    }

    /// The grouping one `--by` word names, scoped as `scoped(_:builtIn:in:)` says.
    /// With `boundsNeedPeriod` false, `--from` and `--to` are left to another grouping (count's
    /// second key).
    static func scoped(
        _ word: Word, _ arguments: Arguments, builtIn: [String], in session: Session, boundsNeedPeriod: Bool = true
    ) throws(CommandError) -> Scoped {
        let corpus = session.corpus
        guard let colon = word.text.lastIndex(of: ":"), corpus.metadataKey(named: word.text) == nil else {
            if boundsNeedPeriod, let bound = arguments.values["--from"] ?? arguments.values["--to"] {
                throw CommandError("--from and --to limit a grouping by period, such as --by date:month", at: bound)
            }
            return Scoped(grouping: try grouping(word, builtIn: builtIn, in: corpus), selection: session.analysisSelection)
        }
        let name = String(word.text[..<colon])
        let unitName = String(word.text[word.text.index(after: colon)...])
        let key = try key(name, word: Word(text: name, columns: word.columns), in: corpus)
        guard let unit = PeriodUnit(rawValue: unitName.lowercased()) else {
            throw CommandError(
                "\"\(unitName)\" is not a period: --by \(name):PERIOD takes "
                    + PeriodUnit.allCases.map(\.rawValue).joined(separator: ", "), at: word)
        }
        func bound(_ option: String) throws(CommandError) -> Period? {
            guard let bound = arguments.values[option] else { return nil }
            guard let period = Period(parsing: bound.text) else {
                throw CommandError("\(option) expects a date or period such as 2021, 2021-Q3, 2021-06, 2021-W25 or 2021-06-30, got \"\(bound.text)\"", at: bound)
            }
            return period
        }
        let from = try bound("--from")
        let to = try bound("--to")
        do throws(PeriodError) {
            let (groups, inRange) = try corpus.periodGroups(key, unit: unit, in: session.analysisSelection, from: from, to: to)
            let selection = inRange.map { session.analysisSelection?.intersection($0) ?? $0 } ?? session.analysisSelection
            return Scoped(grouping: .metadata(groups), selection: selection)
        } catch {
            throw CommandError(error.description, at: word)
        }
    }

    /// `--from` and `--to`, for the commands that group by period.
    static let periodOptions = [
        OptionSpec("--from", value: "PERIOD", help: "with --by KEY:PERIOD, start at this date or period (2021, 2021-Q3, 2021-06, 2021-06-30)"),
        OptionSpec("--to", value: "PERIOD", help: "with --by KEY:PERIOD, end with this date or period"),
    ]

    /// What help says of grouping by period.
    static let periodHelp = """
        --by KEY:PERIOD groups by the period a metadata value that is an ISO date or time falls in
        (PERIOD is year, quarter, month, week, day, hour, minute or second): --by date:month for
        front matter dates, --by start:minute for captions' times. Every period from the first to
        the last is listed in time order, those without hits with 0, then (none) for turns whose
        value is missing or not a date. Weeks are ISO 8601 weeks (2021-W03, from Monday); clock
        times are taken as written, their zone ignored. --from and --to (2021, 2021-Q3, 2021-06,
        2021-W25, 2021-06-30) set the first and last period and leave out turns outside them.
        """

    /// The grouping `--by` names: one of `builtIn`, or a metadata key.
    static func grouping(_ word: Word, builtIn: [String], in corpus: Corpus) throws(CommandError) -> Grouping {
        if builtIn.contains(word.text), let grouping = Grouping.builtIn[word.text] { return grouping }
        if let key = corpus.metadataKey(named: word.text) { return .metadata(corpus.metadataGroups(key)) }
        let keys = corpus.metadataKeys
        let near = Suggestions.nearest(to: word.text, among: builtIn + keys)
        var message = "no metadata key \"\(word.text)\": --by takes \(builtIn.joined(separator: ", "))"
        let listed = keys.prefix(20).joined(separator: ", ") + (keys.count > 20 ? " and \(keys.count - 20) more (info lists them)" : "")
        message += keys.isEmpty ? "; this corpus has no metadata keys" : " or one of the keys " + listed + " (KEY:PERIOD for dates)"
        if !near.isEmpty { message += "; did you mean " + near.map { "\"\($0)\"" }.joined(separator: " or ") + "?" }
        throw CommandError(message, at: word)
    }

    /// A metadata value as a table cell.
    static func cell(_ lookup: Corpus.MetadataLookup, turn: Int, in corpus: Corpus) -> Table.Value {
        corpus.metadataValue(lookup, turn: turn).map(Table.Value.text) ?? .null
    }

    static let option = OptionSpec("--meta", value: "KEY[,KEY…]", completion: .metadataKeys, help: "add a column for each of these metadata keys (info lists them)")
}
