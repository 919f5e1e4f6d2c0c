import GRDB
public import RedressStore

extension RedressStore {
    /// The recorded customer counts, by division then month; of one division if given.
    public func customerCounts(division: String? = nil) throws(StoreError) -> [CustomerCount] {
        try readOnlyTransaction { db in
            var sql = "SELECT division, period, customers FROM customerCount WHERE division IS NOT NULL AND period IS NOT NULL AND customers IS NOT NULL"
            var arguments: StatementArguments = []
            if let division {
                sql += " AND division = ?"
                arguments += [division]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY division, period", arguments: arguments).map { row in
                CustomerCount(division: row[0], period: row[1], customers: row[2])
            }
        }
    }
}
