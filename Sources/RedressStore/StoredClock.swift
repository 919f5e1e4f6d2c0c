import GRDB
import RedressModel

/// This node's hybrid clock as the store keeps it (`localNode.clock`): read
/// at the start of every write transaction, local or applied from a peer,
/// and saved in the same transaction, so that a restart never reissues a stamp.
enum StoredClock {
    static func load(_ db: Database, maxDriftMillis: UInt64) throws -> HybridClock {
        let last = UInt64(bitPattern: try Int64.fetchOne(db, sql: "SELECT clock FROM localNode WHERE id = 1") ?? 0)
        return HybridClock(last: HybridTimestamp(rawValue: last), maxDriftMillis: maxDriftMillis)
    }

    static func save(_ clock: HybridClock, _ db: Database) throws {
        try db.execute(sql: "UPDATE localNode SET clock = ? WHERE id = 1", arguments: [Int64(bitPattern: clock.last.rawValue)])
    }
}
