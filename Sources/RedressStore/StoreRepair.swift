import GRDB
import RedressModel

/// Sets damaged rows aside so that peers send them again.
///
/// A row whose checksum fails cannot be trusted, and cannot be fixed here:
/// its values came from writes that this node (and its peers) logged by
/// origin and counter. So the row is removed, with its change-log rows, and
/// for each origin that wrote it this node lowers what it tells peers it has
/// (`ReplicaTable.refetch`) to just before the earliest of those writes, until
/// a peer has sent them again up to the latest. The
/// next sync brings those changes again; every merge rule is idempotent, so
/// what this node still has is unchanged by them, and the removed row comes
/// back as the peer has it. A row that no other node has (written here and
/// never synced) cannot come back: the check reports it.
enum StoreRepair {
    /// Removes the row `rid` of `table` and asks peers for its writes again.
    static func setAside(_ table: RecordChecksum.Table, rid: Int64, label: String, now: Int64, db: Database) throws {
        var replicas = try ReplicaTable.load(db)
        let changeKind: Int64
        var ranges: [Int64: ClosedRange<UInt64>] = [:]
        func note(_ ordinal: Int64, _ counter: UInt64) {
            let range = ranges[ordinal] ?? counter...counter
            ranges[ordinal] = min(range.lowerBound, counter)...max(range.upperBound, counter)
        }
        switch table.name {
        case RecordChecksum.event.name, RecordChecksum.tag.name:
            changeKind = table.name == RecordChecksum.event.name ? ChangeLog.eventKind : ChangeLog.tagKind
            // The row's own origin and counter, unless those are what was damaged.
            if let row = try Row.fetchOne(db, sql: "SELECT origin, counter FROM \(table.name) WHERE rid = ?", arguments: [rid]),
               let origin = row[0] as Int64?, let counter = row[1] as Int64?, replicas.knows(ordinal: origin), counter > 0 {
                note(origin, UInt64(counter))
            }
        default:
            guard let kind = RecordKind.allCases.first(where: { RecordChecksum.table($0) == table }) else { return }
            changeKind = Int64(kind.rawValue)
        }
        let rows = try Row.fetchAll(db, sql: "SELECT origin, min(counter), max(counter) FROM change WHERE kind = ? AND ref = ? GROUP BY origin",
                                    arguments: [changeKind, rid])
        for row in rows {
            note(row[0], UInt64(row[1] as Int64))
            note(row[0], UInt64(row[2] as Int64))
        }
        try db.execute(sql: "DELETE FROM change WHERE kind = ? AND ref = ?", arguments: [changeKind, rid])
        try db.execute(sql: "DELETE FROM \(table.name) WHERE rid = ?", arguments: [rid])
        if ranges.isEmpty {
            // Nothing says who wrote it: ask for everything again.
            for ordinal in replicas.ordinals {
                try replicas.refetch(after: 0, upTo: replicas.counter(ordinal), ordinal: ordinal, incomplete: true, in: db)
            }
        } else {
            for (ordinal, range) in ranges {
                try replicas.refetch(after: range.lowerBound - 1, upTo: range.upperBound, ordinal: ordinal, incomplete: true, in: db)
            }
        }
        try db.execute(sql: "INSERT INTO damagedRecord (tableName, label, foundAt) VALUES (?, ?, ?)", arguments: [table.name, label, now])
    }

    /// How many origins this node still asks its peers to send again.
    static func originsAwaitingRefetch(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM replica WHERE refetchAfter IS NOT NULL") ?? 0
    }
}
