public import Foundation

/// The calendar's settings as admins type them ("mon-fri", "09:00-17:00",
/// "Europe/London"). Each formatter's output parses back to the same value,
/// so settings can be stored and shown as text.
extension WorkingCalendar {
    /// Days of the week as codes separated by commas, with ranges: "mon-fri",
    /// "mon,tue,thu", "sun-thu" (a range wraps round the end of the week),
    /// "mon-fri,sun". Case and spaces do not matter.
    public static func parseWorkingDays(_ text: String) throws(CalendarError) -> Set<Weekday> {
        let accepted = "expected day codes mon, tue, wed, thu, fri, sat, sun separated by commas, with ranges such as mon-fri or sun-thu"
        func fail(_ problem: String) -> CalendarError {
            CalendarError(field: "working days", value: text, reason: "\(problem); \(accepted)")
        }
        guard !text.trimmingSpaces().isEmpty else { throw fail("no days given") }
        var days = Set<Weekday>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            guard !part.trimmingSpaces().isEmpty else { throw fail("an empty item between commas") }
            guard ends.count <= 2 else { throw fail("\"\(part.trimmingSpaces())\" is not a day or a range of two days") }
            guard let first = Weekday(code: ends[0]) else { throw fail("unknown day \"\(ends[0])\"") }
            guard let last = Weekday(code: ends[ends.count - 1]) else { throw fail("unknown day \"\(ends[ends.count - 1])\"") }
            var day = first
            days.insert(day)
            while day != last {
                day = day.next
                days.insert(day)
            }
        }
        return days
    }

    /// The canonical text of a set of days: Monday first, runs of two or
    /// more consecutive days as ranges ("mon-fri", "mon-thu,sun"; all seven
    /// days "mon-sun"). An empty set gives "".
    public static func formatWorkingDays(_ days: Set<Weekday>) -> String {
        var parts: [String] = []
        var run: [Weekday] = []
        func flush() {
            guard let first = run.first, let last = run.last else { return }
            parts.append(run.count == 1 ? first.code : "\(first.code)-\(last.code)")
            run = []
        }
        for day in Weekday.allCases {
            if days.contains(day) { run.append(day) } else { flush() }
        }
        flush()
        return parts.joined(separator: ",")
    }

    /// Opening and closing as local clock times, "09:00-17:00" (hours of one
    /// or two digits, minutes of two); closing may be "24:00" (midnight at
    /// the end of the day), and must be after opening: hours that run past
    /// midnight ("17:00-09:00") are refused.
    public static func parseWorkingHours(_ text: String) throws(CalendarError) -> (opensAt: Int, closesAt: Int) {
        let accepted = "expected opening and closing as HH:MM-HH:MM on one day, e.g. 09:00-17:00 or 00:00-24:00"
        func fail(_ problem: String) -> CalendarError {
            CalendarError(field: "working hours", value: text, reason: "\(problem); \(accepted)")
        }
        let ends = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard ends.count == 2 else { throw fail("not two times separated by \"-\"") }
        func minutes(_ clock: String) throws(CalendarError) -> Int {
            let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
                  parts[0].isASCIIDigits, parts[1].isASCIIDigits,
                  let hours = Int(parts[0]), let minutes = Int(parts[1]) else { throw fail("\"\(clock)\" is not a time HH:MM") }
            guard minutes < 60, hours < 24 || (hours == 24 && minutes == 0) else {
                throw fail("\"\(clock)\" is not a time of day (00:00 to 24:00)")
            }
            return hours * 60 + minutes
        }
        let opens = try minutes(ends[0]), closes = try minutes(ends[1])
        guard opens < closes else { throw fail("closing must be after opening on the same day") }
        return (opens, closes)
    }

    /// "09:00-17:00", which `parseWorkingHours` reads back.
    public static func formatWorkingHours(opensAt: Int, closesAt: Int) -> String {
        func clock(_ minutes: Int) -> String {
            let hours = minutes / 60, rest = minutes % 60
            return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
        }
        return "\(clock(opensAt))-\(clock(closesAt))"
    }

    /// An IANA time zone ("Europe/London", "America/New_York") or "UTC";
    /// unknown names are refused rather than silently becoming GMT.
    public static func parseTimeZone(_ identifier: String) throws(CalendarError) -> TimeZone {
        let name = identifier.trimmingSpaces()
        guard !name.isEmpty, let zone = TimeZone(identifier: name) else {
            throw CalendarError(field: "time zone", value: identifier,
                                reason: "not a known time zone; expected an IANA name such as Europe/London or America/New_York, or UTC")
        }
        return zone
    }
}
