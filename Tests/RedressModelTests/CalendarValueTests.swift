import Foundation
import RedressModel
import Testing

/// Weekdays, local dates, promise durations and the error they share.
@Suite struct CalendarValueTests {
    @Test func weekdaysAreNumberedFromMondayWithThreeLetterCodes() {
        #expect(Weekday.allCases.map(\.rawValue) == Array(1...7))
        #expect(Weekday.allCases.map(\.code) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        #expect(Weekday.mon < Weekday.sun)
        #expect(Weekday(code: " FRI ") == .fri)
        #expect(Weekday(code: "friday") == nil)
        #expect(Weekday.sun.next == .mon)
    }

    @Test func localDatesParseStrictlyAndRoundTrip() {
        #expect(LocalDate("2027-01-15") == LocalDate(year: 2027, month: 1, day: 15))
        #expect(LocalDate("2028-02-29")?.description == "2028-02-29")
        for text in ["2027-02-29", "2027-13-01", "2027-00-10", "2027-04-31", "2027-1-05", "27-01-05", "2027/01/05",
                     "2027-01-05 ", "+027-01-05", "２０２７-01-05", "", "2027-01-5", "2027-01-05-01", "0000-01-01"] {
            #expect(LocalDate(text) == nil, "\(text)")
        }
        #expect(LocalDate("2027-01-15")!.weekday == .fri)
        #expect(LocalDate("1970-01-01")!.weekday == .thu)
        #expect(LocalDate("2026-12-31")! < LocalDate("2027-01-01")!)
        #expect(LocalDate("0001-01-01")?.description == "0001-01-01")
    }

    @Test func dayNumbersAgreeWithFoundationAndRoundTrip() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for dayNumber in stride(from: -719_162, through: 2_932_896, by: 997) {
            let date = LocalDate(dayNumber: dayNumber)
            #expect(date.dayNumber == dayNumber)
            #expect(LocalDate(date.description) == date)
            if (-100_000...100_000).contains(dayNumber) {
                let parts = calendar.dateComponents([.year, .month, .day, .weekday],
                                                    from: Date(timeIntervalSince1970: TimeInterval(dayNumber) * 86_400))
                #expect([parts.year, parts.month, parts.day] == [date.year, date.month, date.day])
                #expect((parts.weekday! + 5) % 7 + 1 == date.weekday.rawValue)  // Foundation: Sunday 1
            }
        }
    }

    @Test func promisesParseTheWaysPeopleWriteThem() throws {
        let cases: [(String, Int, PromiseDuration.Unit)] = [
            ("48 hours", 48, .hours), ("1 hour", 1, .hours), ("15 days", 15, .days), ("8 weeks", 8, .weeks),
            ("2 working days", 2, .workingDays), ("1 working day", 1, .workingDays),
            ("10 working hours", 10, .workingHours), ("15 business days", 15, .workingDays),
            ("  2   Working   DAYS ", 2, .workingDays), ("100000 hours", 100_000, .hours), ("3 business hours", 3, .workingHours),
        ]
        for (text, amount, unit) in cases {
            let promise = try PromiseDuration(parsing: text)
            #expect(promise == PromiseDuration(amount: amount, unit: unit), "\(text)")
        }
        #expect(try PromiseDuration(parsing: "2 working days").isWorkingTime)
        #expect(try !PromiseDuration(parsing: "2 days").isWorkingTime)
    }

    @Test func promisesHaveACanonicalTextThatRoundTrips() throws {
        #expect(PromiseDuration(amount: 2, unit: .workingDays).description == "2 working days")
        #expect(PromiseDuration(amount: 1, unit: .workingDays).description == "1 working day")
        #expect(PromiseDuration(amount: 48, unit: .hours).description == "48 hours")
        #expect(PromiseDuration(amount: 1, unit: .hours).description == "1 hour")
        #expect(try PromiseDuration(parsing: "15 BUSINESS DAYS").description == "15 working days")
        for unit in PromiseDuration.Unit.allCases {
            for amount in [1, 2, 7, 100_000] {
                let promise = PromiseDuration(amount: amount, unit: unit)
                #expect(try PromiseDuration(parsing: promise.description) == promise)
            }
        }
    }

    @Test func promisesRefuseWhatIsNotAPromiseAndSayWhatIsAccepted() {
        for text in ["0 days", "-1 days", "2 fortnights", "two days", "", "   ", "100001 days", "2", "days", "1e3 days",
                     "+2 days", "2.5 days", "99999999999999999999999 days", "2 working", "2 days please"] {
            #expect {
                try PromiseDuration(parsing: text)
            } throws: { error in
                guard let error = error as? CalendarError else { return false }
                let message = error.description
                return error.field == "promise" && error.value == text && message.contains("\"\(text)\"")
                    && ["hours", "days", "weeks", "working hours", "working days"].allSatisfy(message.contains)
            }
        }
        let error = #expect(throws: CalendarError.self) { try PromiseDuration(parsing: "2 fortnights") }
        #expect(error?.description.hasPrefix("invalid promise \"2 fortnights\": unknown unit \"fortnights\"") == true)
    }

    @Test func errorsNameTheFieldAndTheValue() {
        let error = CalendarError(field: "working days", value: "mon-xyz", reason: "unknown day \"xyz\"")
        #expect(error.description == "invalid working days \"mon-xyz\": unknown day \"xyz\"")
    }
}
