/// Calendar and clock periods, for grouping metadata values that are ISO dates or times
/// (`--by date:month`, `--by start:minute`) and for `meta:date=2021` filter terms.
///
/// A value is read as a calendar date (`2021`, `2021-06`, `2021-06-30`, optionally followed by
/// `T` or a space and a clock time `19:06[:05[.250]]`, whose zone is ignored: the time is taken as
/// written) or as an offset from the start of a recording (`00:01:02.500`, `01:02.5`,
/// `00:01:02,500`), as captions' `start` holds. Where a value holds several dates separated by
/// `;` (CHAT's `@Date` of a session recorded over days), the first counts.
package enum PeriodUnit: String, Sendable, CaseIterable {
    case year, quarter, month, week, day, hour, minute, second

    /// True for the units that need a calendar date.
    package var isCalendar: Bool {
        switch self {
        case .year, .quarter, .month, .week, .day: true
        case .hour, .minute, .second: false
        }
    }
}

/// A metadata value read as a point in time, at the precision it was written with.
package struct Moment: Sendable, Equatable {
    /// What the value holds.
    package enum Precision: Int, Sendable, Comparable {
        case year, month, day, time

        package static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Days since 1970-01-01 of the date (of its first day when the value is a year or month),
    /// or nil for an offset.
    package var day: Int?
    package var year = 0
    package var month = 1
    /// Seconds into the day, or the offset in seconds.
    package var seconds = 0
    package var precision: Precision

    /// The value read as a date or an offset; nil when it is neither.
    package init?(_ value: String) {
        let first = value.split(separator: ";", maxSplits: 1).first ?? ""
        let bytes = Array(first.utf8.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed())
        if let moment = Self.date(bytes) ?? Self.offset(bytes) { self = moment } else { return nil }
    }

    private init(day: Int?, year: Int, month: Int, seconds: Int, precision: Precision) {
        self.day = day
        self.year = year
        self.month = month
        self.seconds = seconds
        self.precision = precision
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, then optionally a clock time and a zone.
    private static func date(_ bytes: [UInt8]) -> Moment? {
        var reader = DigitReader(bytes)
        guard let year = reader.number(digits: 4) else { return nil }
        if reader.atEnd { return Moment(day: Calendar.days(year, 1, 1), year: year, month: 1, seconds: 0, precision: .year) }
        guard reader.skip(0x2D), let month = reader.number(digits: 2), (1...12).contains(month) else { return nil }
        if reader.atEnd { return Moment(day: Calendar.days(year, month, 1), year: year, month: month, seconds: 0, precision: .month) }
        guard reader.skip(0x2D), let dayOfMonth = reader.number(digits: 2), (1...Calendar.length(year, month)).contains(dayOfMonth) else { return nil }
        let day = Calendar.days(year, month, dayOfMonth)
        if reader.atEnd { return Moment(day: day, year: year, month: month, seconds: 0, precision: .day) }
        guard reader.skip(0x54) || reader.skip(0x74) || reader.skip(0x20), let seconds = reader.clock(), seconds < 86_400 else {
            return nil
        }
        // A zone (Z, +05:00, -0500) or nothing may follow; the time is taken as written.
        guard reader.atEnd || reader.restIsZone else { return nil }
        return Moment(day: day, year: year, month: month, seconds: seconds, precision: .time)
    }

    /// `HH:MM:SS[.fff]` or `MM:SS[.fff]` (a comma before the fraction as in SubRip).
    private static func offset(_ bytes: [UInt8]) -> Moment? {
        var reader = DigitReader(bytes)
        guard let seconds = reader.clock(allowingMinutesFirst: true), reader.atEnd else { return nil }
        return Moment(day: nil, year: 0, month: 1, seconds: seconds, precision: .time)
    }

    /// The ordinal of the period of `unit` this moment falls in, or nil when the value is not
    /// precise enough for it (a month has no week) or is of the other kind (an offset has no
    /// year).
    package func period(_ unit: PeriodUnit) -> Int? {
        guard let day else {
            switch unit {
            case .hour: return seconds / 3600
            case .minute: return seconds / 60
            case .second: return seconds
            default: return nil
            }
        }
        switch unit {
        case .year: return year
        case .quarter: return precision >= .month ? year * 4 + (month - 1) / 3 : nil
        case .month: return precision >= .month ? year * 12 + month - 1 : nil
        // Weeks start on Monday: 1970-01-01 was a Thursday, so day −3 is a Monday.
        case .week: return precision >= .day ? Calendar.floorDivide(day + 3, 7) : nil
        case .day: return precision >= .day ? day : nil
        case .hour: return precision >= .time ? day * 24 + seconds / 3600 : nil
        case .minute: return precision >= .time ? day * 1440 + seconds / 60 : nil
        case .second: return precision >= .time ? day * 86_400 + seconds : nil
        }
    }
}

/// A period of one unit, by its ordinal: how it is named and read back.
package struct Period: Sendable, Equatable {
    package var unit: PeriodUnit
    package var ordinal: Int
    /// True for a period of time since the start of a recording, not of the calendar.
    package var isOffset: Bool

    package init(unit: PeriodUnit, ordinal: Int, isOffset: Bool) {
        self.unit = unit
        self.ordinal = ordinal
        self.isOffset = isOffset
    }

    /// `2021`, `2021-Q3`, `2021-06`, `2021-W25` (ISO 8601 week), `2021-06-30`,
    /// `2021-06-30 19h`, `2021-06-30 19:06`, `2021-06-30 19:06:05`; an offset's hour, minute or
    /// second as `01h`, `01:02` and `01:02:03` (hours, minutes, seconds).
    package var label: String {
        if isOffset {
            switch unit {
            case .hour: return Self.two(ordinal) + "h"
            case .minute: return Self.two(ordinal / 60) + ":" + Self.two(ordinal % 60)
            default: return Self.two(ordinal / 3600) + ":" + Self.two(ordinal / 60 % 60) + ":" + Self.two(ordinal % 60)
            }
        }
        switch unit {
        case .year: return Self.year(ordinal)
        case .quarter: return Self.year(Calendar.floorDivide(ordinal, 4)) + "-Q\(ordinal - Calendar.floorDivide(ordinal, 4) * 4 + 1)"
        case .month:
            let year = Calendar.floorDivide(ordinal, 12)
            return Self.year(year) + "-" + Self.two(ordinal - year * 12 + 1)
        case .week:
            let (year, week) = Calendar.isoWeek(ofMonday: ordinal * 7 - 3)
            return Self.year(year) + "-W" + Self.two(week)
        case .day: return Self.date(ordinal)
        case .hour: return Self.date(Calendar.floorDivide(ordinal, 24)) + " " + Self.two(ordinal - Calendar.floorDivide(ordinal, 24) * 24) + "h"
        case .minute:
            let day = Calendar.floorDivide(ordinal, 1440)
            let minute = ordinal - day * 1440
            return Self.date(day) + " " + Self.two(minute / 60) + ":" + Self.two(minute % 60)
        case .second:
            let day = Calendar.floorDivide(ordinal, 86_400)
            let second = ordinal - day * 86_400
            return Self.date(day) + " " + Self.two(second / 3600) + ":" + Self.two(second / 60 % 60) + ":" + Self.two(second % 60)
        }
    }

    /// A calendar period as written in a query or option: `2021`, `2021-Q3`, `2021-06`,
    /// `2021-W25`, `2021-06-30`; nil for anything else.
    package init?(parsing text: String) {
        let bytes = Array(text.utf8)
        var reader = DigitReader(bytes)
        guard let year = reader.number(digits: 4) else { return nil }
        if reader.atEnd {
            self.init(unit: .year, ordinal: year, isOffset: false)
            return
        }
        guard reader.skip(0x2D) else { return nil }
        if reader.skip(0x51) || reader.skip(0x71) {
            guard let quarter = reader.number(digits: 1), (1...4).contains(quarter), reader.atEnd else { return nil }
            self.init(unit: .quarter, ordinal: year * 4 + quarter - 1, isOffset: false)
            return
        }
        if reader.skip(0x57) || reader.skip(0x77) {
            guard let week = reader.number(digits: 2), (1...Calendar.isoWeeks(in: year)).contains(week), reader.atEnd else { return nil }
            let monday = Calendar.isoFirstMonday(of: year) + (week - 1) * 7
            self.init(unit: .week, ordinal: Calendar.floorDivide(monday + 3, 7), isOffset: false)
            return
        }
        guard let moment = Moment(text), moment.day != nil, moment.precision != .time,
            let ordinal = moment.period(moment.precision == .month ? .month : .day)
        else { return nil }
        self.init(unit: moment.precision == .month ? .month : .day, ordinal: ordinal, isOffset: false)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func year(_ value: Int) -> String {
        value >= 0 && value < 1000 ? String(repeating: "0", count: 4 - "\(value)".count) + "\(value)" : "\(value)"
    }

    private static func date(_ day: Int) -> String {
        let (year, month, dayOfMonth) = Calendar.civil(day)
        return Self.year(year) + "-" + two(month) + "-" + two(dayOfMonth)
    }
}

/// The proleptic Gregorian calendar in days since 1970-01-01 (Howard Hinnant's algorithms).
enum Calendar {
    static func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func length(_ year: Int, _ month: Int) -> Int {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    static func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Monday = 0 … Sunday = 6.
    static func weekday(_ days: Int) -> Int { (days % 7 + 7 + 3) % 7 }

    /// The Monday of ISO week 1 of `year`: the week that holds its first Thursday.
    static func isoFirstMonday(of year: Int) -> Int {
        let january4 = days(year, 1, 4)
        return january4 - weekday(january4)
    }

    static func isoWeeks(in year: Int) -> Int { (isoFirstMonday(of: year + 1) - isoFirstMonday(of: year)) / 7 }

    /// The ISO 8601 week-numbering year and week of the week starting on Monday `monday`.
    static func isoWeek(ofMonday monday: Int) -> (year: Int, week: Int) {
        let year = civil(monday + 3).year
        return (year, (monday - isoFirstMonday(of: year)) / 7 + 1)
    }
}

/// Reads digits and separators from the bytes of a value.
private struct DigitReader {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Exactly `digits` digits, or nil (and nothing read).
    mutating func number(digits: Int) -> Int? {
        guard position + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<(position + digits)] {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        // A longer run of digits is another thing (a number, not a year).
        if position + digits < bytes.count, (0x30...0x39).contains(bytes[position + digits]) { return nil }
        position += digits
        return value
    }

    /// One or two digits.
    mutating func field() -> Int? {
        if let two = number(digits: 2) { return two }
        return number(digits: 1)
    }

    /// `HH:MM[:SS[.fff]]` as seconds (the fraction dropped); with `allowingMinutesFirst`,
    /// `MM:SS[.fff]` too, told apart by a fraction or the lack of a third field.
    mutating func clock(allowingMinutesFirst: Bool = false) -> Int? {
        let start = position
        guard let first = field(), skip(0x3A), let second = number(digits: 2), second < 60 else {
            position = start
            return nil
        }
        var fields = [first, second]
        if skip(0x3A) {
            guard let third = number(digits: 2), third < 61 else {
                position = start
                return nil
            }
            fields.append(third)
        }
        if skip(0x2E) || skip(0x2C) {
            let digits = bytes[position...].prefix { (0x30...0x39).contains($0) }.count
            guard digits > 0 else {
                position = start
                return nil
            }
            position += digits
        }
        if fields.count == 3 { return fields[0] * 3600 + fields[1] * 60 + fields[2] }
        // Two fields: a clock time's hours and minutes, or an offset's minutes and seconds.
        return allowingMinutesFirst ? fields[0] * 60 + fields[1] : fields[0] * 3600 + fields[1] * 60
    }

    /// Whether what is left is a zone: `Z`, `+05:00`, `-0500`, or ` EST`-like letters.
    var restIsZone: Bool {
        let rest = bytes[position...]
        if rest == [0x5A] || rest == [0x7A] { return true }
        if let sign = rest.first, sign == 0x2B || sign == 0x2D {
            return rest.dropFirst().allSatisfy { (0x30...0x39).contains($0) || $0 == 0x3A } && rest.count >= 3
        }
        return false
    }
}
