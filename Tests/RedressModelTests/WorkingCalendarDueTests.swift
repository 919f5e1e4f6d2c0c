import Foundation
import RedressModel
import Testing

/// Due times for each promise unit: weekends, holidays, opening hours, time
/// zones and daylight saving, holds, and the guard against calendars that
/// never work.
@Suite struct WorkingCalendarDueTests {
    typealias T = CalendarTime
    static func promise(_ text: String) -> PromiseDuration { try! PromiseDuration(parsing: text) }
    static func london(_ days: String = "mon-fri", _ hours: String = "09:00-17:00") -> WorkingCalendar {
        let (opens, closes) = try! WorkingCalendar.parseWorkingHours(hours)
        return try! WorkingCalendar(timeZone: TimeZone(identifier: "Europe/London")!, workingDays: WorkingCalendar.parseWorkingDays(days),
                                    opensAt: opens, closesAt: closes)
    }

    let standard = WorkingCalendar.standard
    let twoDays = Self.promise("2 working days")

    @Test func workingDaysStartAtTheNextWorkingTimeAndSkipTheWeekend() {
        // Friday 2027-01-15 18:00: the clock starts Monday 09:00 (no working time has passed since Friday's close).
        #expect(standard.due(twoDays, from: T.at("2027-01-15 18:00")) == T.at("2027-01-19 17:00"))
        #expect(standard.due(twoDays, from: T.at("2027-01-15 17:00")) == T.at("2027-01-19 17:00"))
        #expect(standard.due(twoDays, from: T.at("2027-01-18 09:00")) == T.at("2027-01-19 17:00"))
        #expect(standard.due(twoDays, from: T.at("2027-01-18 11:00")) == T.at("2027-01-20 11:00"))
        #expect(standard.due(twoDays, from: T.at("2027-01-16 10:00")) == T.at("2027-01-19 17:00"))
        #expect(standard.due(twoDays, from: T.at("2027-01-17 23:59")) == T.at("2027-01-19 17:00"))
        // Friday 16:00: one hour on Friday, eight on Monday, seven on Tuesday.
        #expect(standard.due(twoDays, from: T.at("2027-01-15 16:00")) == T.at("2027-01-19 16:00"))
        #expect(standard.due(Self.promise("1 working day"), from: T.at("2027-01-15 18:00")) == T.at("2027-01-18 17:00"))
    }

    @Test func aHolidayHasNoWorkingTime() throws {
        var calendar = standard
        calendar.holidays = [LocalDate("2027-01-18")!]
        #expect(calendar.due(twoDays, from: T.at("2027-01-15 18:00")) == T.at("2027-01-20 17:00"))
        #expect(!calendar.isWorkingTime(T.at("2027-01-18 10:00")))
        #expect(calendar.isWorkingTime(T.at("2027-01-19 10:00")))
        #expect(calendar.workingMilliseconds(from: T.at("2027-01-15 00:00"), to: T.at("2027-01-20 00:00")) == 16 * T.hour)
    }

    @Test func workingHoursCountOnlyOpeningHours() {
        let thursday = T.at("2027-01-14 15:00")
        #expect(standard.due(Self.promise("10 working hours"), from: thursday) == T.at("2027-01-15 17:00"))
        #expect(standard.due(Self.promise("11 working hours"), from: thursday) == T.at("2027-01-18 10:00"))
        #expect(standard.advance(thursday, byWorkingMilliseconds: 0) == thursday)
        #expect(standard.advance(T.at("2027-01-16 12:00"), byWorkingMilliseconds: 0) == T.at("2027-01-16 12:00"))
        #expect(standard.advance(T.at("2027-01-15 17:00"), byWorkingMilliseconds: 1) == T.at("2027-01-18 09:00") + 1)
    }

    @Test func openingIsWorkingTimeAndClosingOnlyWithinWorkingHours() {
        #expect(standard.isWorkingTime(T.at("2027-01-18 09:00")))
        #expect(!standard.isWorkingTime(T.at("2027-01-18 08:59")))
        #expect(standard.isWorkingTime(T.at("2027-01-18 17:00") - 1))
        #expect(!standard.isWorkingTime(T.at("2027-01-18 17:00")))
        #expect(standard.isWithinWorkingHours(T.at("2027-01-18 17:00")))
        #expect(!standard.isWithinWorkingHours(T.at("2027-01-18 17:00") + 1))
        #expect(!standard.isWithinWorkingHours(T.at("2027-01-16 12:00")))
        #expect(standard.workingMilliseconds(from: T.at("2027-01-18 12:00"), to: T.at("2027-01-18 12:00")) == 0)
        #expect(standard.workingMilliseconds(from: T.at("2027-01-18 13:00"), to: T.at("2027-01-18 12:00")) == 0)
        #expect(standard.workingMilliseconds(from: T.at("2027-01-11 00:00"), to: T.at("2027-01-18 00:00")) == 40 * T.hour)
    }

    @Test func aClosingAtMidnightEndsTheDayAtTheNextMidnight() throws {
        let nights = try WorkingCalendar(timeZone: TimeZone(identifier: "UTC")!, workingDays: [.mon, .tue], opensAt: 18 * 60, closesAt: 1_440)
        #expect(nights.isWorkingTime(T.at("2027-01-18 23:59")))
        #expect(!nights.isWorkingTime(T.at("2027-01-19 00:00")))
        #expect(nights.isWithinWorkingHours(T.at("2027-01-19 00:00")))
        #expect(nights.advance(T.at("2027-01-18 23:00"), byWorkingMilliseconds: T.hour) == T.at("2027-01-19 00:00"))
        #expect(nights.advance(T.at("2027-01-18 23:00"), byWorkingMilliseconds: T.hour + 1) == T.at("2027-01-19 18:00") + 1)
        #expect(nights.due(Self.promise("1 working day"), from: T.at("2027-01-19 20:00")) == T.at("2027-01-25 20:00"))
        let always = try WorkingCalendar(timeZone: TimeZone(identifier: "UTC")!, workingDays: Set(Weekday.allCases), opensAt: 0, closesAt: 1_440)
        #expect(always.due(twoDays, from: T.at("2027-01-15 18:00")) == T.at("2027-01-17 18:00"))
        #expect(always.workingMilliseconds(from: T.at("2027-01-01 00:00"), to: T.at("2027-02-01 00:00")) == 31 * T.day)
    }

    @Test func londonKeepsItsLocalHoursAcrossTheSpringChange() {
        let london = Self.london()
        // Clocks go forward on Sunday 2025-03-30: Friday is GMT, Tuesday BST.
        #expect(london.due(twoDays, from: T.at("2025-03-28 18:00", "Europe/London")) == T.at("2025-04-01 17:00", "Europe/London"))
        #expect(london.due(twoDays, from: T.utc("2025-03-28T18:00:00Z")) == T.utc("2025-04-01T16:00:00Z"))
        #expect(london.due(twoDays, from: T.at("2025-03-28 11:00", "Europe/London")) == T.utc("2025-04-01T10:00:00Z"))
        #expect(london.isWorkingTime(T.utc("2025-03-31T08:00:00Z")))  // 09:00 BST
        #expect(!london.isWorkingTime(T.utc("2025-03-31T16:00:00Z")))  // 17:00 BST
        #expect(london.workingDayMilliseconds == 8 * T.hour)
    }

    @Test func londonKeepsItsLocalHoursAcrossTheAutumnChange() {
        let london = Self.london()
        // Clocks go back on Sunday 2025-10-26: Friday is BST, Tuesday GMT.
        #expect(london.due(twoDays, from: T.at("2025-10-24 18:00", "Europe/London")) == T.utc("2025-10-28T17:00:00Z"))
        #expect(london.due(twoDays, from: T.at("2025-10-24 11:00", "Europe/London")) == T.utc("2025-10-28T11:00:00Z"))
        #expect(london.due(twoDays, from: T.utc("2025-10-24T10:00:00Z")) == T.at("2025-10-28 11:00", "Europe/London"))
    }

    @Test func calendarDaysKeepTheLocalClockTimeButHoursDoNot() {
        let london = Self.london()
        #expect(london.due(Self.promise("15 days"), from: T.at("2025-03-20 10:30", "Europe/London")) == T.at("2025-04-04 10:30", "Europe/London"))
        #expect(london.due(Self.promise("15 days"), from: T.utc("2025-03-20T10:30:00Z")) == T.utc("2025-04-04T09:30:00Z"))
        #expect(london.due(Self.promise("15 days"), from: T.utc("2025-10-20T09:30:00Z")) == T.utc("2025-11-04T10:30:00Z"))
        #expect(london.due(Self.promise("8 weeks"), from: T.at("2025-09-01 09:15", "Europe/London")) == T.at("2025-10-27 09:15", "Europe/London"))
        #expect(london.due(Self.promise("48 hours"), from: T.utc("2025-03-29T12:00:00Z")) == T.utc("2025-03-31T12:00:00Z"))
        #expect(london.due(Self.promise("1 hour"), from: T.utc("2025-03-30T00:30:00Z")) == T.utc("2025-03-30T01:30:00Z"))
        // Calendar units ignore weekends and holidays; milliseconds are kept.
        #expect(standard.due(Self.promise("2 days"), from: T.at("2027-01-15 18:00") + 123) == T.at("2027-01-17 18:00") + 123)
    }

    @Test func aSkippedOrRepeatedLocalTimeKeepsDueTimesInOrder() {
        let london = Self.london(), oneDay = Self.promise("1 day")
        let jump = T.utc("2025-03-30T01:00:00Z")  // 01:00 GMT becomes 02:00 BST
        #expect(london.due(oneDay, from: T.utc("2025-03-29T00:59:00Z")) == T.utc("2025-03-30T00:59:00Z"))
        #expect(london.due(oneDay, from: T.utc("2025-03-29T01:30:00Z")) == jump)
        #expect(london.due(oneDay, from: T.utc("2025-03-29T02:00:00Z") - 1) == jump)
        #expect(london.due(oneDay, from: T.utc("2025-03-29T02:00:00Z")) == jump)
        #expect(london.due(oneDay, from: T.utc("2025-03-29T02:01:00Z")) == jump + 60_000)
        // 01:00-02:00 happens twice on 2025-10-26; a start in its second pass counts from 02:00 GMT.
        #expect(london.due(oneDay, from: T.utc("2025-10-25T00:30:00Z")) == T.utc("2025-10-26T00:30:00Z"))
        #expect(london.due(oneDay, from: T.utc("2025-10-26T00:59:59Z")) == T.utc("2025-10-27T01:59:59Z"))
        #expect(london.due(oneDay, from: T.utc("2025-10-26T01:30:00Z")) == T.utc("2025-10-27T02:00:00Z"))
        #expect(london.due(oneDay, from: T.utc("2025-10-26T02:00:00Z")) == T.utc("2025-10-27T02:00:00Z"))
        // Working hours that start in the skipped hour open when the clocks jump.
        let early = Self.london("mon-sun", "01:30-03:00")
        #expect(early.workingInterval(on: LocalDate("2025-03-30")!) == jump..<T.utc("2025-03-30T02:00:00Z"))
        #expect(!early.isWorkingTime(jump - 1))
        #expect(early.isWorkingTime(jump))
        #expect(early.workingInterval(on: LocalDate("2025-10-26")!) == T.utc("2025-10-26T00:30:00Z")..<T.utc("2025-10-26T03:00:00Z"))
    }

    @Test func aHoldGivesBackTheWorkingTimeThatWasLeft() {
        // Received Friday 12:00 with one working day: due Monday 12:00 (5 h Friday, 3 h Monday).
        let start = T.at("2027-01-15 12:00"), oneDay = Self.promise("1 working day")
        let due = standard.due(oneDay, from: start)
        #expect(due == T.at("2027-01-18 12:00"))
        // Held Friday 16:00, resumed Monday 10:00: 4 working hours were left (16-17 Friday, 09-12 Monday),
        // counted from Monday 10:00: Monday 14:00.
        let heldFrom = T.at("2027-01-15 16:00"), resumedAt = T.at("2027-01-18 10:00")
        #expect(standard.workingMilliseconds(from: heldFrom, to: due) == 4 * T.hour)
        let after = standard.dueAfterHold(due, promise: oneDay, heldFrom: heldFrom, resumedAt: resumedAt)
        #expect(after == T.at("2027-01-18 14:00"))
        #expect(standard.workingMilliseconds(from: start, to: after) - standard.workingMilliseconds(from: heldFrom, to: resumedAt) == 8 * T.hour)
        // A hold over a weekend only (no working time) changes nothing.
        #expect(standard.dueAfterHold(due, promise: oneDay, heldFrom: T.at("2027-01-15 17:00"), resumedAt: T.at("2027-01-18 09:00")) == due)
        // A promise already broken when the hold began stays broken; an empty hold changes nothing.
        #expect(standard.dueAfterHold(due, promise: oneDay, heldFrom: due, resumedAt: due + T.day) == due)
        #expect(standard.dueAfterHold(due, promise: oneDay, heldFrom: heldFrom, resumedAt: heldFrom) == due)
    }

    @Test func aHoldOnACalendarPromiseGivesBackTheElapsedTimeThatWasLeft() {
        let start = T.at("2027-01-18 10:00"), promise = Self.promise("48 hours")
        let due = standard.due(promise, from: start)
        #expect(due == T.at("2027-01-20 10:00"))
        #expect(standard.dueAfterHold(due, promise: promise, heldFrom: T.at("2027-01-19 10:00"), resumedAt: T.at("2027-01-19 15:00"))
            == T.at("2027-01-20 15:00"))
        #expect(standard.dueAfterHold(due, promise: promise, heldFrom: T.at("2027-01-20 11:00"), resumedAt: T.at("2027-01-21 11:00")) == due)
        #expect(standard.dueAfterHold(due, promise: promise, heldFrom: T.at("2027-01-19 10:00"), resumedAt: T.at("2027-01-19 09:00")) == due)
    }

    @Test func aCalendarWithoutWorkingTimeStillEnds() throws {
        var calendar = standard
        // Two whole years of holidays: the due is the first working day after them.
        calendar.holidays = Set((0..<731).map { LocalDate("2027-01-01")!.adding(days: $0) })
        #expect(calendar.due(Self.promise("1 working day"), from: T.at("2026-12-31 18:00")) == T.at("2029-01-01 17:00"))
        // Twenty-one years of holidays: the amount is counted as elapsed time.
        calendar.holidays = Set((0..<(21 * 366)).map { LocalDate("2027-01-01")!.adding(days: $0) })
        let start = T.at("2027-01-04 10:00")
        #expect(calendar.due(Self.promise("3 working hours"), from: start) == start + 3 * T.hour)
        #expect(calendar.workingMilliseconds(from: start, to: start + T.day) == 0)
        // Settings mutated to have no working time at all.
        var empty = standard
        empty.workingDays = []
        #expect(empty.due(Self.promise("3 working hours"), from: start) == start + 3 * T.hour)
        #expect(!empty.isWorkingTime(start))
        empty = standard
        empty.closesAt = empty.opensAt
        #expect(empty.due(Self.promise("2 working days"), from: start) == start)  // a working day of length 0
        #expect(empty.due(Self.promise("1 working hour"), from: start) == start + T.hour)
    }

    @Test func longPromisesWalkDaysNotMinutes() {
        let london = Self.london()
        let clock = ContinuousClock()
        var last: Int64 = 0
        let elapsed = clock.measure {
            for offset in 0..<100 { last = london.due(Self.promise("100 working days"), from: T.utc("2025-06-02T10:00:00Z") + Int64(offset) * T.hour) }
        }
        print("100 × due(100 working days):", elapsed)
        #expect(london.workingMilliseconds(from: T.utc("2025-06-02T10:00:00Z") + 99 * T.hour, to: last) == 800 * T.hour)
        #expect(elapsed < .seconds(2))
        // The largest promise still ends (about four centuries of working days).
        let huge = standard.due(PromiseDuration(amount: 100_000, unit: .workingDays), from: T.at("2027-01-18 09:00"))
        #expect(standard.isWithinWorkingHours(huge))
    }
}
