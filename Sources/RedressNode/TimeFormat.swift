import Foundation

/// Times as users read and type them: ISO 8601 in UTC.
public enum TimeFormat {
    public static func string(_ millis: Int64?) -> String? {
        guard let millis else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
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
