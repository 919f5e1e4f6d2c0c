import Foundation

/// The calendar's settings as admins type them: `mon-fri`, `09:00-17:00`,
/// `Europe/London`; each formatter's output parses back to the same value.
extension WorkingCalendar {
    /// "mon-fri", "mon,tue,thu", "sun-thu" (a range may wrap round the week), "mon-fri,sun".
    public static func parseWorkingDays(_ text: String) throws(CalendarError) -> Set<Weekday> {
        let reason = "expected days as mon, tue, wed, thu, fri, sat, sun, separated by commas, with ranges such as mon-fri"
        var days = Set<Weekday>()
        let parts = text.lowercased().split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        for part in parts {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(ends.count), let first = Weekday(code: ends[0]), let last = Weekday(code: ends[ends.count - 1]) else {
                throw CalendarError(field: "working days", value: text, reason: reason)
            }
            var day = first
            while true {
                days.insert(day)
                if day == last { break }
                day = Weekday(rawValue: day.rawValue % 7 + 1)!
            }
        }
        guard !days.isEmpty else { throw CalendarError(field: "working days", value: text, reason: reason) }
        return days
    }

    /// The canonical text of a set of days: runs of consecutive days (Monday first) as ranges.
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

    /// "09:00-17:00" (closing may be 24:00).
    public static func parseWorkingHours(_ text: String) throws(CalendarError) -> (opensAt: Int, closesAt: Int) {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        func minutes(_ clock: String) -> Int? {
            let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
                  let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...59).contains(minutes),
                  (0...23).contains(hours) || (hours == 24 && minutes == 0) else { return nil }
            return hours * 60 + minutes
        }
        guard ends.count == 2, let opens = minutes(ends[0]), let closes = minutes(ends[1]) else {
            throw CalendarError(field: "working hours", value: text, reason: "expected opening and closing as HH:MM-HH:MM, e.g. 09:00-17:00")
        }
        guard opens < closes, opens < 1_440 else {
            throw CalendarError(field: "working hours", value: text, reason: "closing time must be after opening time on the same day (at most 24:00)")
        }
        return (opens, closes)
    }

    public static func formatWorkingHours(opensAt: Int, closesAt: Int) -> String {
        func clock(_ minutes: Int) -> String {
            let hours = minutes / 60, rest = minutes % 60
            return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
        }
        return "\(clock(opensAt))-\(clock(closesAt))"
    }

    /// An IANA time zone ("Europe/London") or "UTC".
    public static func parseTimeZone(_ identifier: String) throws(CalendarError) -> TimeZone {
        let trimmed = identifier.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, let zone = TimeZone(identifier: trimmed) else {
            throw CalendarError(field: "time zone", value: identifier, reason: "not a known time zone; use an IANA name such as Europe/London or America/New_York, or UTC")
        }
        return zone
    }
}
