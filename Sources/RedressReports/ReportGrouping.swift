/// What a report puts side by side: one group per division, category,
/// channel, or month or quarter of receipt (the trend).
public enum ReportGrouping: String, CaseIterable, Sendable {
    case division, category, channel, month, quarter

    /// The group a complaint row belongs to, as an SQL expression over the `complaint` table.
    var sqlExpression: String {
        switch self {
        case .division: "COALESCE(division, '(none)')"
        case .category: "COALESCE(category, '(none)')"
        case .channel: "COALESCE(channel, '(none)')"
        case .month: Self.monthSQL("receivedAt")
        case .quarter:
            "strftime('%Y', receivedAt / 1000, 'unixepoch') || '-Q' || ((CAST(strftime('%m', receivedAt / 1000, 'unixepoch') AS INTEGER) + 2) / 3)"
        }
    }

    /// The `YYYY-MM` (UTC) of a Unix ms column, in SQL.
    static func monthSQL(_ column: String) -> String {
        "strftime('%Y-%m', \(column) / 1000, 'unixepoch')"
    }

    /// A complaint's (division, month of receipt) as `customerCount`'s key
    /// (`division/YYYY-MM`), in SQL over `table`'s columns; NULL without a division.
    static func customerMonthKeySQL(_ table: String) -> String {
        "\(table).division || '/' || \(monthSQL("\(table).receivedAt"))"
    }

    /// The group of a `customerCount` row (`division`, `period` = `YYYY-MM`),
    /// or nil when customers are not split along this grouping (category, channel).
    var customerGroupExpression: String? {
        switch self {
        case .division: "division"
        case .month: "period"
        case .quarter: "substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3)"
        case .category, .channel: nil
        }
    }
}
