import Foundation
import RedressModel
import Testing

/// Due times in working time: weekends, holidays, working hours, time zones,
/// daylight-saving changes, each promise unit, and holds.
@Suite struct WorkingCalendarTests {
    static let hour: Int64 = 3_600_000

    /// Unix ms of a local time in `zone`, e.g. "2027-01-15 18:00".
    static func at(_ text: String, _ zone: String = "UTC") -> Int64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return Int64(formatter.date(from: text)!.timeIntervalSince1970 * 1_000)
    }

    static func promise(_ text: String) -> PromiseDuration { try! PromiseDuration(parsing: text) }

    let standard = WorkingCalendar.standard

    @Test func workingDaysSkipTheWeekendAndStartAtTheNextWorkingTime() {
        let twoDays = Self.promise("2 working days")
        // Friday evening: the clock starts on Monday 09:00, so due on Tuesday at closing.
        #expect(standard.due(twoDays, from: Self.at("2027-01-15 18:00")) == Self.at("2027-01-19 17:00"))
        // Monday 11:00: Wednesday 11:00.
        #expect(standard.due(twoDays, from: Self.at("2027-01-18 11:00")) == Self.at("2027-01-20 11:00"))
        // Saturday: Tuesday 17:00.
        #expect(standard.due(twoDays, from: Self.at("2027-01-16 10:00")) == Self.at("2027-01-19 17:00"))
        // Friday 16:00: one hour on Friday, a day on Monday, seven hours on Tuesday.
        #expect(standard.due(twoDays, from: Self.at("2027-01-15 16:00")) == Self.at("2027-01-19 16:00"))
    }

    @Test func aHolidayIsNotWorkingTime() {
        var calendar = standard
        calendar.holidays = [LocalDate("2027-01-18")!]
        #expect(calendar.due(Self.promise("2 working days"), from: Self.at("2027-01-15 18:00")) == Self.at("2027-01-20 17:00"))
        #expect(!calendar.isWorkingTime(Self.at("2027-01-18 10:00")))
        #expect(calendar.isWorkingTime(Self.at("2027-01-19 10:00")))
    }

    @Test func workingHoursCountOnlyOpeningHours() {
        // 10 working hours from Thursday 15:00: 2 on Thursday, 8 on Friday → Friday 17:00.
        #expect(standard.due(Self.promise("10 working hours"), from: Self.at("2027-01-14 15:00")) == Self.at("2027-01-15 17:00"))
        // 11: Monday 10:00.
        #expect(standard.due(Self.promise("11 working hours"), from: Self.at("2027-01-14 15:00")) == Self.at("2027-01-18 10:00"))
    }

    @Test func calendarUnitsIgnoreTheCalendarButKeepTheLocalClockInDays() throws {
        var london = standard
        london.timeZone = try WorkingCalendar.parseTimeZone("Europe/London")
        let start = Self.at("2027-03-20 10:00", "Europe/London")  // before the clocks go forward on 28 March
        #expect(london.due(Self.promise("48 hours"), from: start) == start + 48 * Self.hour)
        #expect(london.due(Self.promise("15 days"), from: start) == Self.at("2027-04-04 10:00", "Europe/London"))
        #expect(london.due(Self.promise("15 days"), from: start) == start + 15 * 24 * Self.hour - Self.hour)
        #expect(london.due(Self.promise("1 week"), from: start) == Self.at("2027-03-27 10:00", "Europe/London"))
    }

    @Test func workingHoursAreLocalAcrossDaylightSavingChanges() throws {
        var london = standard
        london.timeZone = try WorkingCalendar.parseTimeZone("Europe/London")
        // Friday 26 March 2027 11:00 GMT; the clocks go forward on Sunday 28 March.
        let spring = london.due(Self.promise("2 working days"), from: Self.at("2027-03-26 11:00", "Europe/London"))
        #expect(spring == Self.at("2027-03-30 11:00", "Europe/London"))
        #expect(spring == Self.at("2027-03-30 10:00"))  // 11:00 BST is 10:00 UTC
        // Friday 29 October 2027 18:00 BST; the clocks go back on Sunday 31 October.
        let autumn = london.due(Self.promise("2 working days"), from: Self.at("2027-10-29 18:00", "Europe/London"))
        #expect(autumn == Self.at("2027-11-02 17:00", "Europe/London"))
        #expect(autumn == Self.at("2027-11-02 17:00"))  // GMT again
    }

    @Test func aHoldSpanningAWeekendMovesTheDueTimeByTheWorkingTimeLeft() {
        // Due on Monday 12:00; held from Friday 16:00 (one working hour on Friday + three on Monday left), resumed on Monday 10:00.
        let due = Self.at("2027-01-18 12:00")
        let moved = standard.dueAfterHold(due, promise: Self.promise("3 working days"), heldFrom: Self.at("2027-01-15 16:00"),
                                          resumedAt: Self.at("2027-01-18 10:00"))
        #expect(moved == Self.at("2027-01-18 14:00"))
        // In calendar units the whole hold counts: 68 hours later.
        let calendarMoved = standard.dueAfterHold(due, promise: Self.promise("15 days"), heldFrom: Self.at("2027-01-15 16:00"),
                                                  resumedAt: Self.at("2027-01-18 10:00"))
        #expect(calendarMoved == due + 66 * Self.hour)
        // A promise broken before the hold began stays broken.
        #expect(standard.dueAfterHold(due, promise: Self.promise("3 working days"), heldFrom: due + Self.hour, resumedAt: due + 50 * Self.hour) == due)
    }

    @Test func promisesParseAndPrintCanonically() throws {
        for (text, canonical) in [("48 hours", "48 hours"), ("1 hour", "1 hour"), ("15 days", "15 days"), ("8 weeks", "8 weeks"),
                                  ("2 working days", "2 working days"), ("1 working day", "1 working day"),
                                  ("10  Working  Hours", "10 working hours"), ("15 business days", "15 working days")] {
            #expect(try PromiseDuration(parsing: text).description == canonical)
            #expect(try PromiseDuration(parsing: canonical).description == canonical)
        }
        for text in ["0 days", "-1 days", "2 fortnights", "two days", "", "3"] {
            #expect(throws: CalendarError.self) { try PromiseDuration(parsing: text) }
        }
        do { _ = try PromiseDuration(parsing: "2 fortnights") } catch { #expect(error.description.contains("working days")) }
    }

    @Test func calendarSettingsParseAndRoundTrip() throws {
        #expect(try WorkingCalendar.parseWorkingDays("mon-fri") == [.mon, .tue, .wed, .thu, .fri])
        #expect(try WorkingCalendar.parseWorkingDays("sun-thu") == [.sun, .mon, .tue, .wed, .thu])
        #expect(try WorkingCalendar.parseWorkingDays("mon,tue,thu") == [.mon, .tue, .thu])
        for days in [Set<Weekday>([.mon, .tue, .wed, .thu, .fri]), [.sun, .mon], [.sat], Set(Weekday.allCases)] {
            #expect(try WorkingCalendar.parseWorkingDays(WorkingCalendar.formatWorkingDays(days)) == days)
        }
        #expect(throws: CalendarError.self) { try WorkingCalendar.parseWorkingDays("mon-xyz") }
        #expect(throws: CalendarError.self) { try WorkingCalendar.parseWorkingDays("") }
        let hours = try WorkingCalendar.parseWorkingHours("09:00-17:30")
        #expect(hours.opensAt == 540 && hours.closesAt == 1_050)
        #expect(WorkingCalendar.formatWorkingHours(opensAt: 540, closesAt: 1_050) == "09:00-17:30")
        #expect(try WorkingCalendar.parseWorkingHours("00:00-24:00").closesAt == 1_440)
        for text in ["17:00-09:00", "9-5", "25:00-26:00", "09:00"] {
            #expect(throws: CalendarError.self) { try WorkingCalendar.parseWorkingHours(text) }
        }
        #expect(try WorkingCalendar.parseTimeZone("America/New_York").identifier == "America/New_York")
        #expect(throws: CalendarError.self) { try WorkingCalendar.parseTimeZone("Mars/Olympus") }
        #expect(LocalDate("2028-02-29")?.description == "2028-02-29")
        #expect(LocalDate("2027-02-29") == nil && LocalDate("2027-1-05") == nil)
    }

    @Test func amountsAreExactDecimalsInTheCurrencysMinorUnits() throws {
        #expect(try MoneyAmount(parsing: "50.00 GBP") == MoneyAmount(minorUnits: 5_000, currency: "GBP"))
        #expect(try MoneyAmount(parsing: "50 gbp").description == "50.00 GBP")
        #expect(try MoneyAmount(parsing: "1234.5 USD").minorUnits == 123_450)
        #expect(try MoneyAmount(parsing: "1000 JPY").amountText == "1000")
        #expect(try MoneyAmount(parsing: "0.5 BHD").amountText == "0.500")
        #expect(try MoneyAmount(parsing: "0 EUR").amountText == "0.00")
        for text in ["-5.00 GBP", "50.00 XYZ", "1.234 GBP", "10.5 JPY", "ten GBP", "1e3 GBP", "1,000.00 GBP", "50.00", "1234567890123456 GBP"] {
            #expect(throws: CalendarError.self, "\(text)") { try MoneyAmount(parsing: text) }
        }
        do { _ = try MoneyAmount(parsing: "-5.00 GBP") } catch { #expect(error.description.contains("negative")) }
        do { _ = try MoneyAmount(parsing: "5.00 XYZ") } catch { #expect(error.description.contains("ISO 4217")) }
    }

    /// Random calendars, starts and promises (seeded; the seed is printed).
    @Test func dueTimesFallInWorkingHoursCountExactlyAndHoldsNeverBringThemEarlier() throws {
        let seed: UInt64 = ProcessInfo.processInfo.environment["REDRESS_TEST_SEED"].flatMap { UInt64($0) } ?? 10_002
        print("WorkingCalendarTests seed \(seed)")
        var random = SplitMix64(seed: seed)
        let zones = ["UTC", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]
        let start2025 = Self.at("2025-01-01 00:00"), span = Self.at("2028-01-01 00:00") - start2025
        for round in 0..<300 {
            var calendar = WorkingCalendar.standard
            calendar.timeZone = TimeZone(identifier: zones.randomElement(using: &random)!)!
            calendar.workingDays = Set(Weekday.allCases.filter { _ in Bool.random(using: &random) })
            if calendar.workingDays.isEmpty { calendar.workingDays = [.wed] }
            calendar.opensAt = Int.random(in: 0...(20 * 60), using: &random)
            calendar.closesAt = Int.random(in: (calendar.opensAt + 30)...1_440, using: &random)
            calendar.holidays = Set((0..<Int.random(in: 0...30, using: &random)).map { _ in
                LocalDate(dayNumber: Int(start2025 / 86_400_000) + Int.random(in: 0...1_100, using: &random))
            })
            let start = start2025 + Int64.random(in: 0..<span, using: &random)
            let unit = PromiseDuration.Unit.allCases.randomElement(using: &random)!
            let promise = PromiseDuration(amount: Int.random(in: 1...20, using: &random), unit: unit)
            let due = calendar.due(promise, from: start)
            #expect(due > start, "round \(round)")
            #expect(calendar.due(promise, from: start + Int64.random(in: 0...(72 * Self.hour), using: &random)) >= due, "round \(round): monotone")
            guard promise.isWorkingTime else { continue }
            let budget = promise.unit == .workingHours ? Int64(promise.amount) * Self.hour : Int64(promise.amount) * calendar.workingDayMilliseconds
            #expect(calendar.isWithinWorkingHours(due), "round \(round): \(promise) from \(start) is due at \(due), outside working hours")
            #expect(calendar.workingMilliseconds(from: start, to: due) == budget, "round \(round)")
            // A hold that begins before the due time moves it later by exactly the working time it took.
            let heldFrom = start + Int64.random(in: 0..<(due - start), using: &random)
            let resumedAt = heldFrom + Int64.random(in: 1...(200 * Self.hour), using: &random)
            let moved = calendar.dueAfterHold(due, promise: promise, heldFrom: heldFrom, resumedAt: resumedAt)
            #expect(moved >= due, "round \(round)")
            let held = calendar.workingMilliseconds(from: heldFrom, to: min(resumedAt, moved))
            #expect(calendar.workingMilliseconds(from: start, to: moved) - held == budget, "round \(round)")
        }
    }
}
