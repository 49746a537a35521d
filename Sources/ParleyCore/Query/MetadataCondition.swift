/// A condition on a metadata value (`meta:` filter terms): `KEY=VALUE` (whole value, any case,
/// `*` and `?` as wildcards), `KEY!=VALUE`, `KEY~PATTERN` (a regular expression found anywhere
/// in the value, any case), and the ordered comparisons `KEY>=V`, `KEY>V`, `KEY<=V`, `KEY<V`.
///
/// Ordered comparisons compare numbers as numbers when both sides are numbers; otherwise they
/// compare the value cut to the length of `V` with `V`, by characters' code points. So ISO-like
/// values work at the precision written: `date>=2021-06` holds for `2021-06-01` and later,
/// `date<=2021-06` for every day of June 2021 and before, `date<2021-06` only before June.
/// An operand that is a calendar period (`2021`, `2021-Q3`, `2021-06`, `2021-W25`, `2021-06-30`)
/// and a value that is a date (`Moment`) are compared as periods, `=` included: `date=2021`
/// holds for every date in 2021, `date>=2021-Q3` for July 2021 on.
package struct MetadataCondition: Sendable, Equatable {
    package enum Operator: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", matches = "~", atLeast = ">=", above = ">", atMost = "<=", below = "<"
    }

    package var key: String
    package var operation: Operator
    package var operand: String
    private var regex: RegexPattern?

    /// Parses `KEY OP VALUE`; nil when there is no operator after a key. A bad regular
    /// expression throws.
    package init?(_ text: String) throws(QueryError) {
        guard let start = text.firstIndex(where: { "=!~<>".contains($0) }), start > text.startIndex else { return nil }
        let rest = text[start...]
        guard let operation = Operator.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count }).first(where: { rest.hasPrefix($0.rawValue) }) else {
            return nil
        }
        key = String(text[..<start])
        self.operation = operation
        operand = String(rest.dropFirst(operation.rawValue.count))
        if operation == .matches { regex = try RegexPattern(operand) }
    }

    /// Whether `value` satisfies the condition.
    package func holds(for value: String) -> Bool { predicate()(value) }

    /// The condition as a test, with its wildcard or regular expression prepared once, for
    /// asking it of many values.
    package func predicate() -> (String) -> Bool {
        let operand = operand
        // A period (2021, 2021-Q3, 2021-06, 2021-W25, 2021-06-30) against a date: compared as
        // periods, so date=2021 holds for every day of 2021 and date>=2021-Q3 from July on.
        if operation != .matches, let period = Period(parsing: operand) {
            let fallback = textPredicate()
            let operation = operation
            return { value in
                guard let ordinal = Moment(value)?.period(period.unit) else { return fallback(value) }
                switch operation {
                case .equal: return ordinal == period.ordinal
                case .notEqual: return ordinal != period.ordinal
                case .atLeast: return ordinal >= period.ordinal
                case .above: return ordinal > period.ordinal
                case .atMost: return ordinal <= period.ordinal
                case .below, .matches: return ordinal < period.ordinal
                }
            }
        }
        return textPredicate()
    }

    private func textPredicate() -> (String) -> Bool {
        let operand = operand
        switch operation {
        case .equal:
            let pattern = Wildcard(operand.lowercased())
            return { pattern.matches($0.lowercased()) }
        case .notEqual:
            let pattern = Wildcard(operand.lowercased())
            return { !pattern.matches($0.lowercased()) }
        case .matches:
            let regex = regex!
            return { regex.isFound(in: $0) == true }
        case .atLeast: return { Self.compare($0, operand) >= 0 }
        case .above: return { Self.compare($0, operand) > 0 }
        case .atMost: return { Self.compare($0, operand) <= 0 }
        case .below: return { Self.compare($0, operand) < 0 }
        }
    }

    /// −1, 0 or 1 as `value` orders before, with or after `bound` (see the type's documentation).
    package static func compare(_ value: String, _ bound: String) -> Int {
        if let a = Double(value.trimmed), let b = Double(bound.trimmed) { return a < b ? -1 : a > b ? 1 : 0 }
        let cut = Array(value.unicodeScalars.prefix(bound.unicodeScalars.count).map(\.value))
        let other = Array(bound.unicodeScalars.map(\.value))
        if cut == other { return 0 }
        return cut.lexicographicallyPrecedes(other) ? -1 : 1
    }

    package static func == (lhs: MetadataCondition, rhs: MetadataCondition) -> Bool {
        lhs.key == rhs.key && lhs.operation == rhs.operation && lhs.operand == rhs.operand
    }
}
