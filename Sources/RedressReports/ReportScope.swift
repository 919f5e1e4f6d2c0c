import Foundation
import GRDB

/// Which complaints a report covers: those received in a period, optionally of one division.
public struct ReportScope: Sendable, Hashable {
    /// First instant included (Unix ms), or unbounded.
    public var from: Int64?
    /// First instant *excluded* (Unix ms), or unbounded.
    public var until: Int64?
    public var division: String?
    /// A range of division codes, for the parts of a report computed in parallel (`RedressStore.report`).
    var divisionRange: DivisionRange?

    /// Division codes from `from` (inclusive; unbounded if nil) up to `before` (exclusive; unbounded if nil).
    struct DivisionRange: Sendable, Hashable {
        var from: String?
        var before: String?
    }

    public init(from: Int64? = nil, until: Int64? = nil, division: String? = nil) {
        self.from = from
        self.until = until
        self.division = division
    }

    /// A scope of whole UTC days, both inclusive, as `--from` and `--to` give them.
    public init(fromDay: Int64?, toDay: Int64?, division: String?) {
        self.init(from: fromDay, until: toDay.map { $0 + 86_400_000 }, division: division)
    }

    /// A scope in words, as `--from`/`--to` days and a division give it, e.g.
    /// "received 2026-01-01 to 2026-03-31 in division retail": reports and
    /// the dashboard say the same.
    public static func describe(fromDay from: String?, toDay to: String?, division: String?) -> String {
        var words = ["received"]
        switch (from, to) {
        case let (from?, to?): words.append("\(from) to \(to)")
        case let (from?, nil): words.append("since \(from)")
        case let (nil, to?): words.append("until \(to)")
        case (nil, nil): words.append("at any time")
        }
        if let division { words.append("in division \(division)") }
        return words.joined(separator: " ")
    }

    /// Unix ms of midnight UTC of a `YYYY-MM-DD` day, or nil for anything else.
    ///
    /// Strict, unlike date parsers that roll 2019-02-30 over to March: `--from`,
    /// `--to` and the dashboard's filters must refuse a day that does not exist.
    public static func utcDay(_ text: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return Int64(date.timeIntervalSince1970 * 1000)
    }

    /// `WHERE` terms and their arguments for the `complaint` table.
    var complaintConditions: (sql: String, arguments: StatementArguments) {
        var terms = ["receivedAt IS NOT NULL"]
        var arguments: [any DatabaseValueConvertible] = []
        if let from { terms.append("receivedAt >= ?"); arguments.append(from) }
        if let until { terms.append("receivedAt < ?"); arguments.append(until) }
        if let division { terms.append("division = ?"); arguments.append(division) }
        divisionRange?.append(to: &terms, &arguments)
        return (terms.joined(separator: " AND "), StatementArguments(arguments))
    }

    /// `WHERE` terms for the `customerCount` table: the months the period touches.
    var customerConditions: (sql: String, arguments: StatementArguments) {
        var terms = ["customers IS NOT NULL", "division IS NOT NULL", "period IS NOT NULL"]
        var arguments: [any DatabaseValueConvertible] = []
        if let from { terms.append("period >= ?"); arguments.append(Self.month(from)) }
        if let until { terms.append("period <= ?"); arguments.append(Self.month(until - 1)) }
        if let division { terms.append("division = ?"); arguments.append(division) }
        divisionRange?.append(to: &terms, &arguments)
        return (terms.joined(separator: " AND "), StatementArguments(arguments))
    }

    /// `YYYY-MM` of a Unix ms instant, UTC.
    static func month(_ millis: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: Date(timeIntervalSince1970: Double(millis) / 1000))
        return String(format: "%04d-%02d", parts.year ?? 1970, parts.month ?? 1)
    }
}

extension ReportScope.DivisionRange {
    fileprivate func append(to terms: inout [String], _ arguments: inout [any DatabaseValueConvertible]) {
        if let from { terms.append("division >= ?"); arguments.append(from) }
        if let before { terms.append("division < ?"); arguments.append(before) }
    }
}
