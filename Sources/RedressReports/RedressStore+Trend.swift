import GRDB
public import RedressStore

extension RedressStore {
    /// Complaints received per division and month in `scope`, ordered by month then division.
    ///
    /// One GROUP BY over the (division, receivedAt) index: as many rows as
    /// divisions × months, whatever the number of complaints.
    public func monthlyVolumes(scope: ReportScope = ReportScope()) throws(StoreError) -> [MonthlyVolume] {
        let conditions = scope.complaintConditions
        let sql = """
            SELECT COALESCE(division, '(none)'), \(ReportGrouping.month.sqlExpression), COUNT(*)
            FROM complaint WHERE \(conditions.sql) GROUP BY 1, 2 ORDER BY 2, 1
            """
        return try readOnlyTransaction { db in
            try Row.fetchAll(db, sql: sql, arguments: conditions.arguments).map { row in
                MonthlyVolume(division: row[0], month: row[1], complaints: row[2])
            }
        }
    }
}
