import GRDB
import RedressStore

/// Complaints received per division and month (the dashboard's volume
/// trend), counted by range on the (division, receivedAt) index.
///
/// A `GROUP BY division, month` converts every complaint's receipt time to
/// its month (`strftime`) and sorts: about a second at a million complaints,
/// a quarter of the dashboard's page (docs/BENCHMARKS.md). Here each
/// division's months are counted as ranges of the index instead, one
/// `COUNT(*)` per (division, month) that the division's first and last
/// complaint span: SQLite steps through index entries and converts no date.
/// The grouping is kept as the reference (`byGrouping`), and for what the
/// ranges cannot name the same way: complaints without a division, and
/// receipt times before 1970 or after 9999, where `strftime` and
/// `ReportMonth` could name a month differently.
enum MonthlyVolumes {
    /// The latest receipt time whose month `ReportMonth` names as `strftime` does: 9999-12-31T23:59:59.999Z.
    static let latestNamed: Int64 = 253_402_300_799_999

    /// Ordered by month, then division (byte order, as SQLite orders text).
    static func count(_ scope: ReportScope, _ db: Database) throws -> [MonthlyVolume] {
        try byRanges(scope, db) ?? byGrouping(scope, db)
    }

    /// The reference: one `GROUP BY` over the scope's complaints.
    static func byGrouping(_ scope: ReportScope, _ db: Database) throws -> [MonthlyVolume] {
        let conditions = scope.complaintConditions
        let sql = """
            SELECT COALESCE(division, '(none)'), \(ReportGrouping.month.sqlExpression), COUNT(*)
            FROM complaint WHERE \(conditions.sql) GROUP BY 1, 2 ORDER BY 2, 1
            """
        return try Row.fetchAll(db, sql: sql, arguments: conditions.arguments).map { row in
            MonthlyVolume(division: row[0], month: row[1], complaints: row[2])
        }
    }

    /// Range counts per (division, month); nil when a receipt time is outside what they name alike.
    static func byRanges(_ scope: ReportScope, _ db: Database) throws -> [MonthlyVolume]? {
        let conditions = scope.complaintConditions
        let inDivision = "FROM complaint INDEXED BY complaint_division_receivedAt WHERE \(conditions.sql) AND division = ?"
        // Two subqueries, so that each is one seek (SQLite's MIN/MAX optimisation takes one aggregate).
        let bounds = try db.cachedStatement(sql: "SELECT (SELECT MIN(receivedAt) \(inDivision)), (SELECT MAX(receivedAt) \(inDivision))")
        let count = try db.cachedStatement(sql: "SELECT COUNT(*) \(inDivision) AND receivedAt >= ? AND receivedAt < ?")
        var volumes: [MonthlyVolume] = []
        for division in try scope.division.map({ [$0] }) ?? KPIReporter.complaintDivisions(db) {
            let withDivision = conditions.arguments + [division]
            guard let row = try Row.fetchOne(bounds, arguments: withDivision + withDivision),
                  let first = row[0] as Int64?, let last = row[1] as Int64? else { continue }
            guard first >= 0, last <= latestNamed else { return nil }
            var month = ReportMonth.of(first)
            while let start = ReportMonth.start(of: month), start <= last, let end = ReportMonth.end(of: month) {
                let complaints = try Int.fetchOne(count, arguments: withDivision + [start, end]) ?? 0
                if complaints > 0 { volumes.append(MonthlyVolume(division: division, month: month, complaints: complaints)) }
                month = ReportMonth.of(end)
            }
        }
        if scope.division == nil {
            // Complaints without a division: few, grouped as the reference groups them.
            let sql = """
                SELECT \(ReportGrouping.month.sqlExpression), COUNT(*) FROM complaint INDEXED BY complaint_division_receivedAt
                WHERE \(conditions.sql) AND division IS NULL GROUP BY 1
                """
            for row in try Row.fetchAll(db, sql: sql, arguments: conditions.arguments) {
                guard let month = row[0] as String? else { return nil }
                volumes.append(MonthlyVolume(division: "(none)", month: month, complaints: row[1]))
            }
        }
        return volumes.sorted { left, right in
            left.month != right.month
                ? left.month.utf8.lexicographicallyPrecedes(right.month.utf8)
                : left.division.utf8.lexicographicallyPrecedes(right.division.utf8)
        }
    }
}
