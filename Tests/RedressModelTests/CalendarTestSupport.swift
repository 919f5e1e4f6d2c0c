import Foundation

/// Instants for the calendar tests, written as local times so that the
/// expectations read like the office's clock.
enum CalendarTime {
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    /// Unix ms of a local time in `zone`, "2027-01-15 18:00" (an existing,
    /// unambiguous local time, or Foundation's pick).
    static func at(_ text: String, _ zone: String = "UTC") -> Int64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone)!
        formatter.dateFormat = text.count > 16 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm"
        return Int64((formatter.date(from: text)!.timeIntervalSince1970 * 1_000).rounded())
    }

    /// Unix ms of an ISO 8601 UTC time, "2025-03-30T01:00:00Z".
    static func utc(_ text: String) -> Int64 {
        Int64((ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970 * 1_000).rounded())
    }
}
