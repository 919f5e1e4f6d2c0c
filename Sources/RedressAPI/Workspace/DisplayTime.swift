import Foundation
import RedressNode

/// Times as the workspace shows them: absolute in UTC (until divisions have
/// calendars and time zones of their own), and the time left before a
/// deadline in the words the page's script keeps current (`WorkspaceAssets`).
enum DisplayTime {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// "2026-12-01 14:30 UTC": `TimeFormat`'s short form, computed directly
    /// (an inbox page shows a hundred of these, and `Calendar` with
    /// `String(format:)` showed in `bench web`'s profile).
    static func absolute(_ millis: Int64?) -> String? {
        guard let millis else { return nil }
        return TimeFormat.short(millis) + " UTC"
    }

    /// "3 h 20 min left", "overdue by 2 d 4 h".
    static func left(until due: Int64, now: Int64) -> String {
        let left = due - now
        let minutes = abs(left) / 60_000, days = minutes / 1440, hours = minutes % 1440 / 60
        let text = days > 0 ? "\(days) d \(hours) h" : hours > 0 ? "\(hours) h \(minutes % 60) min" : "\(minutes % 60) min"
        return left < 0 ? "overdue by \(text)" : "\(text) left"
    }

    /// The end of the UTC day containing `now` (Unix ms): where "due today" ends.
    static func endOfDay(after now: Int64) -> Int64 {
        let day: Int64 = 86_400_000
        return (now / day + 1) * day
    }

    /// A date field's value ("2026-12-01") as Unix ms at 00:00 UTC; `nil` if it is not such a date.
    static func day(_ text: String) -> Int64? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts[0].count == 4, (1...12).contains(month), (1...31).contains(day),
              let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.component(.day, from: date) == day else { return nil }
        return Int64(date.timeIntervalSince1970 * 1000)
    }

    /// A `datetime-local` field's value ("2026-12-01T14:30", taken as UTC) as Unix ms.
    static func minute(_ text: String) -> Int64? {
        let halves = text.split(separator: "T")
        guard halves.count == 2, let day = day(String(halves[0])) else { return nil }
        let clock = halves[1].split(separator: ":")
        guard clock.count >= 2, clock.count <= 3, let hour = Int(clock[0]), let minute = Int(clock[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        let seconds = clock.count == 3 ? Int(Double(clock[2]) ?? -1) : 0
        guard (0..<60).contains(seconds) else { return nil }
        return day + Int64(hour * 3_600_000 + minute * 60_000 + seconds * 1000)
    }
}
