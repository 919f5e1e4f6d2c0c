import Foundation

/// Times as users read and type them: ISO 8601 in UTC.
public enum TimeFormat {
    /// `2026-11-24T18:30:00Z`: what `ISO8601DateFormatter` with `.withInternetDateTime` writes,
    /// computed directly (a list of complaints writes several times per complaint, and
    /// making a formatter each time cost more than the query).
    public static func string(_ millis: Int64?) -> String? {
        guard let millis else { return nil }
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = year >= 0 && year < 10_000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A short form for tables: `2026-11-24 18:30`.
    public static func short(_ millis: Int64?) -> String {
        guard let full = string(millis) else { return "-" }
        return String(full.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// Parses `2026-11-24T18:30:00Z` or `2026-11-24`; nil if neither.
    public static func parse(_ text: String) -> Int64? {
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        if let date = full.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        return nil
    }

    public static var nowMillis: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
