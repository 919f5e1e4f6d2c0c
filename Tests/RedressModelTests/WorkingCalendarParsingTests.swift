import Foundation
import RedressModel
import Testing

/// Working days, hours and time zones as admins type them.
@Suite struct WorkingCalendarParsingTests {
    @Test func workingDaysParseListsAndRangesThatMayWrap() throws {
        #expect(try WorkingCalendar.parseWorkingDays("mon-fri") == [.mon, .tue, .wed, .thu, .fri])
        #expect(try WorkingCalendar.parseWorkingDays("mon,tue,thu") == [.mon, .tue, .thu])
        #expect(try WorkingCalendar.parseWorkingDays("sun-thu") == [.sun, .mon, .tue, .wed, .thu])
        #expect(try WorkingCalendar.parseWorkingDays("mon-fri,sun") == [.mon, .tue, .wed, .thu, .fri, .sun])
        #expect(try WorkingCalendar.parseWorkingDays(" Mon - Wed , SAT ") == [.mon, .tue, .wed, .sat])
        #expect(try WorkingCalendar.parseWorkingDays("fri-fri") == [.fri])
        #expect(try WorkingCalendar.parseWorkingDays("tue-mon") == Set(Weekday.allCases))
    }

    @Test func workingDaysHaveACanonicalTextForEverySet() throws {
        #expect(WorkingCalendar.formatWorkingDays([.mon, .tue, .wed, .thu, .fri]) == "mon-fri")
        #expect(WorkingCalendar.formatWorkingDays([.sun, .mon, .tue, .wed, .thu]) == "mon-thu,sun")
        #expect(WorkingCalendar.formatWorkingDays([.mon, .wed]) == "mon,wed")
        #expect(WorkingCalendar.formatWorkingDays(Set(Weekday.allCases)) == "mon-sun")
        for mask in 1..<128 {
            let days = Set(Weekday.allCases.filter { mask & (1 << ($0.rawValue - 1)) != 0 })
            let text = WorkingCalendar.formatWorkingDays(days)
            #expect(try WorkingCalendar.parseWorkingDays(text) == days, "\(text)")
            #expect(try WorkingCalendar.formatWorkingDays(WorkingCalendar.parseWorkingDays(text)) == text)
        }
    }

    @Test func workingDaysRefuseUnknownDaysWithTheDayNamed() {
        let cases: [(String, String)] = [
            ("mon-xyz", "unknown day \"xyz\""), ("", "no days given"), ("mon,,fri", "empty item"),
            ("monday", "unknown day \"monday\""), ("mon-wed-fri", "not a day or a range"), ("mon-", "unknown day \"\""),
        ]
        for (text, problem) in cases {
            let error = #expect(throws: CalendarError.self) { try WorkingCalendar.parseWorkingDays(text) }
            #expect(error?.field == "working days")
            #expect(error?.description.hasPrefix("invalid working days \"\(text)\": ") == true)
            #expect(error?.description.contains(problem) == true, "\(error?.description ?? "")")
            #expect(error?.description.contains("mon-fri") == true)
        }
    }

    @Test func workingHoursParseFormatAndRoundTrip() throws {
        #expect(try WorkingCalendar.parseWorkingHours("09:00-17:00") == (540, 1_020))
        #expect(try WorkingCalendar.parseWorkingHours("00:00-24:00") == (0, 1_440))
        #expect(try WorkingCalendar.parseWorkingHours(" 8:30 - 17:45 ") == (510, 1_065))
        #expect(WorkingCalendar.formatWorkingHours(opensAt: 540, closesAt: 1_020) == "09:00-17:00")
        #expect(WorkingCalendar.formatWorkingHours(opensAt: 0, closesAt: 1_440) == "00:00-24:00")
        for opens in stride(from: 0, to: 1_440, by: 37) {
            for closes in stride(from: opens + 1, through: 1_440, by: 53) {
                let text = WorkingCalendar.formatWorkingHours(opensAt: opens, closesAt: closes)
                let parsed = try WorkingCalendar.parseWorkingHours(text)
                #expect(parsed.opensAt == opens && parsed.closesAt == closes, "\(text)")
            }
        }
    }

    @Test func workingHoursRefuseWhatIsNotADaysHours() {
        let cases: [(String, String)] = [
            ("17:00-09:00", "closing must be after opening"), ("9-5", "not a time HH:MM"),
            ("25:00-26:00", "not a time of day"), ("09:00-09:00", "closing must be after opening"),
            ("09:60-17:00", "not a time of day"), ("24:00-24:00", "closing must be after opening"), ("24:30", "not two times"),
            ("09:00", "not two times"), ("", "not two times"), ("09:00-24:01", "not a time of day"), ("9.00-17.00", "not a time HH:MM"),
        ]
        for (text, problem) in cases {
            let error = #expect(throws: CalendarError.self) { try WorkingCalendar.parseWorkingHours(text) }
            #expect(error?.field == "working hours")
            #expect(error?.description.hasPrefix("invalid working hours \"\(text)\": ") == true)
            #expect(error?.description.contains(problem) == true, "\(error?.description ?? "")")
            #expect(error?.description.contains("09:00-17:00") == true)
        }
    }

    @Test func timeZonesAreIANANamesOrUTC() throws {
        for name in ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"] {
            #expect(try WorkingCalendar.parseTimeZone(name).identifier == name)
        }
        // Foundation on Linux names UTC "GMT"; either way it has no offset and no daylight saving.
        let utc = try WorkingCalendar.parseTimeZone("UTC")
        #expect(utc.secondsFromGMT(for: Date(timeIntervalSince1970: 1_750_000_000)) == 0)
        #expect(utc.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 1_750_000_000)) == nil)
        for name in ["Mars/Olympus_Mons", "", "Europe/Londres"] {
            let error = #expect(throws: CalendarError.self) { try WorkingCalendar.parseTimeZone(name) }
            #expect(error?.description.hasPrefix("invalid time zone \"\(name)\": not a known time zone") == true)
            #expect(error?.description.contains("Europe/London") == true)
        }
    }

    @Test func theStandardCalendarIsOfficeHoursInUTC() throws {
        let standard = WorkingCalendar.standard
        #expect(standard.timeZone == TimeZone(identifier: "UTC"))
        #expect(WorkingCalendar.formatWorkingDays(standard.workingDays) == "mon-fri")
        #expect(WorkingCalendar.formatWorkingHours(opensAt: standard.opensAt, closesAt: standard.closesAt) == "09:00-17:00")
        #expect(standard.holidays.isEmpty)
        #expect(standard.workingDayMilliseconds == 8 * CalendarTime.hour)
        #expect(try WorkingCalendar(timeZone: standard.timeZone, workingDays: standard.workingDays, opensAt: 540, closesAt: 1_020) == standard)
    }

    @Test func calendarsRefuseNoWorkingDaysAndBackwardHours() {
        let utc = TimeZone(identifier: "UTC")!
        #expect(throws: CalendarError.self) { try WorkingCalendar(timeZone: utc, workingDays: [], opensAt: 540, closesAt: 1_020) }
        #expect(throws: CalendarError.self) { try WorkingCalendar(timeZone: utc, workingDays: [.mon], opensAt: 600, closesAt: 600) }
        #expect(throws: CalendarError.self) { try WorkingCalendar(timeZone: utc, workingDays: [.mon], opensAt: -1, closesAt: 600) }
        #expect(throws: CalendarError.self) { try WorkingCalendar(timeZone: utc, workingDays: [.mon], opensAt: 0, closesAt: 1_441) }
    }
}
