import ParleyCore
import Testing

/// Periods of ISO dates and times, with expected values worked out by hand from a calendar.
@Suite("Periods of dates and times")
struct PeriodTests {
    private func label(_ value: String, _ unit: PeriodUnit) -> String? {
        guard let moment = Moment(value), let ordinal = moment.period(unit) else { return nil }
        return Period(unit: unit, ordinal: ordinal, isOffset: moment.day == nil).label
    }

    @Test("dates read at the precision written, with a time and a zone or without")
    func moments() {
        #expect(Moment("1970-01-01")?.day == 0)
        // 2000-01-01 is day 10,957 (30 years, 7 of them leap: 30 × 365 + 7); March 1st is 31 + 29 days on.
        #expect(Moment("2000-03-01")?.day == 10_957 + 60)
        #expect(Moment("1969-12-31")?.day == -1)
        #expect(Moment("2021-06")?.precision == .month)
        #expect(Moment("2021")?.precision == .year)
        #expect(Moment("2021-06-30 19:06:05-04:00")?.seconds == 19 * 3600 + 6 * 60 + 5)
        #expect(Moment("2021-06-30T19:06Z")?.seconds == 19 * 3600 + 6 * 60)
        #expect(Moment(" 1962-10-15; 1962-10-17")?.day == Moment("1962-10-15")?.day)
        for bad in ["2021-13-01", "2021-02-29", "20210", "June 2021", "2021-06-30 25:00", "", "12"] {
            #expect(Moment(bad) == nil, "\(bad)")
        }
        #expect(Moment("2024-02-29") != nil)
        // Captions: offsets from the start, with a comma before the fraction as SubRip writes it.
        #expect(Moment("00:01:02.500")?.day == nil)
        #expect(Moment("00:01:02.500")?.seconds == 62)
        #expect(Moment("01:02:03,250")?.seconds == 3723)
        #expect(Moment("01:02.5")?.seconds == 62)
    }

    @Test("period labels: years, quarters, months, ISO weeks, days, clock and offset times")
    func labels() {
        #expect(label("2021-06-30", .year) == "2021")
        #expect(label("2021-06-30", .quarter) == "2021-Q2")
        #expect(label("2021-07-01", .quarter) == "2021-Q3")
        #expect(label("2021-06-30", .month) == "2021-06")
        #expect(label("2021-06-30", .day) == "2021-06-30")
        // ISO 8601 weeks: 2021-01-04 is the Monday of week 1; Sunday 2021-01-03 is in the last
        // week of 2020, which had 53; Monday 2024-12-30 starts week 1 of 2025.
        #expect(label("2021-01-04", .week) == "2021-W01")
        #expect(label("2021-01-10", .week) == "2021-W01")
        #expect(label("2021-01-03", .week) == "2020-W53")
        #expect(label("2024-12-30", .week) == "2025-W01")
        #expect(label("2021-06-30 19:06:05", .hour) == "2021-06-30 19h")
        #expect(label("2021-06-30 19:06:05", .minute) == "2021-06-30 19:06")
        #expect(label("00:01:02.500", .minute) == "00:01")
        #expect(label("01:02:03.000", .second) == "01:02:03")
        // Not precise enough, or of the other kind: no period.
        #expect(label("2021-06", .week) == nil)
        #expect(label("2021-06-30", .minute) == nil)
        #expect(label("00:01:02.500", .month) == nil)
    }

    @Test("periods as typed: 2021, 2021-Q3, 2021-06, 2021-W25, 2021-06-30")
    func parsing() {
        #expect(Period(parsing: "2021") == Period(unit: .year, ordinal: 2021, isOffset: false))
        #expect(Period(parsing: "2021-Q3") == Period(unit: .quarter, ordinal: 2021 * 4 + 2, isOffset: false))
        #expect(Period(parsing: "2021-06") == Period(unit: .month, ordinal: 2021 * 12 + 5, isOffset: false))
        #expect(Period(parsing: "2021-W01")?.label == "2021-W01")
        #expect(Period(parsing: "2020-W53")?.label == "2020-W53")
        #expect(Period(parsing: "2021-W53") == nil)
        #expect(Period(parsing: "2021-06-30")?.label == "2021-06-30")
        for bad in ["2021-Q5", "21", "2021-6", "next year", "2021-06-30T10:00"] {
            #expect(Period(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("meta: conditions compare a period with dates: = takes the whole period")
    func conditions() throws {
        let equal = try #require(try MetadataCondition("date=2021"))
        #expect(equal.holds(for: "2021-12-31") && !equal.holds(for: "2022-01-01"))
        let quarter = try #require(try MetadataCondition("date>=2021-Q3"))
        #expect(quarter.holds(for: "2021-07-01") && !quarter.holds(for: "2021-06-30"))
        let week = try #require(try MetadataCondition("date=2021-W01"))
        #expect(week.holds(for: "2021-01-10") && !week.holds(for: "2021-01-11"))
        // A value that is not a date is compared as text, as before.
        let text = try #require(try MetadataCondition("season=2021"))
        #expect(text.holds(for: "2021") && !text.holds(for: "x2021"))
    }
}
