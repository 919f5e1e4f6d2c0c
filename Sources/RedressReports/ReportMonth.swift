import Foundation

/// Months of receipt as reports name them (`YYYY-MM`, UTC, what SQLite's
/// `strftime('%Y-%m', …)` gives) and the instants they start at, for the
/// report cells, which sum one month each.
enum ReportMonth {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The month of a Unix ms instant.
    static func of(_ millis: Int64) -> String { ReportScope.month(millis) }

    /// Unix ms of the first instant of `month`, or nil for a malformed name.
    static func start(of month: String) -> Int64? {
        let parts = month.split(separator: "-")
        guard month.utf8.count == 7, parts.count == 2, let year = Int(parts[0]), let number = Int(parts[1]), (1...12).contains(number),
              let date = calendar.date(from: DateComponents(year: year, month: number, day: 1)) else { return nil }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// Unix ms of the first instant after `month`.
    static func end(of month: String) -> Int64? {
        guard let start = start(of: month), let date = calendar.date(byAdding: .month, value: 1, to: Date(timeIntervalSince1970: Double(start) / 1000))
        else { return nil }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// `YYYY-Qn` of a `YYYY-MM` month, as `ReportGrouping.quarter` names it.
    static func quarter(of month: String) -> String {
        let number = Int(month.suffix(2)) ?? 1
        return "\(month.prefix(4))-Q\((number + 2) / 3)"
    }

    /// The months a period covers whole, first and last (either nil: unbounded
    /// on that side), and the parts of months it covers only partly, as Unix
    /// ms ranges [from, until) with their month.
    static func split(from: Int64?, until: Int64?) -> (first: String?, last: String?, partial: [(month: String, from: Int64, until: Int64)]) {
        var partial: [(month: String, from: Int64, until: Int64)] = []
        var first: String?, last: String?
        if let from {
            let month = of(from)
            if start(of: month) == from {
                first = month
            } else {
                let end = end(of: month)!
                partial.append((month, from, min(end, until ?? .max)))
                first = of(end)
            }
        }
        if let until {
            let month = of(until)
            let monthStart = start(of: month)!
            last = of(monthStart - 1)
            if monthStart != until, monthStart >= (from ?? .min) {
                partial.append((month, monthStart, until))
            }
        }
        return (first, last, partial)
    }
}
