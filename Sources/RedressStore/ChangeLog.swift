import GRDB
import RedressModel

/// The `change` table: which write each `(origin, counter)` was, never its values.
///
/// Values are read from the records when a change is sent, so the log stays
/// small and an erasure has nothing to scrub here.
enum ChangeLog {
    /// The kind column: record kinds use their raw value (all below 16, see
    /// `RecordKind`); sets use these.
    static let eventKind: Int64 = 16
    static let tagKind: Int64 = 17

    /// The change-log rows of one transaction, inserted together before it commits.
    ///
    /// A change-log row is tiny: inserted one statement each, the statement's
    /// own work (GRDB's and SQLite's) cost more than the row, about a quarter
    /// of a local write. Nothing reads the log inside the transaction that
    /// writes it, so rows wait here and go in by multi-row INSERTs.
    struct Buffer {
        private var values: [DatabaseValue] = []
        private static let columnCount = 6
        private static let rowsPerStatement = 100

        mutating func append(origin: Int64, counter: UInt64, time: UInt64, kind: Int64, ref: Int64, mask: Int64) {
            values += [origin.databaseValue, Int64(counter).databaseValue, Int64(bitPattern: time).databaseValue,
                       kind.databaseValue, ref.databaseValue, mask.databaseValue]
        }

        /// Inserts the pending rows; call it before the transaction commits.
        mutating func flush(_ db: Database) throws {
            var start = 0
            while start < values.count {
                let rows = min(Self.rowsPerStatement, (values.count - start) / Self.columnCount)
                let end = start + rows * Self.columnCount
                try db.cachedStatement(sql: Self.insertSQL(rows: rows)).execute(binding: Array(values[start..<end]))
                start = end
            }
            values.removeAll(keepingCapacity: true)
        }

        private static let fullInsertSQL = makeInsertSQL(rows: rowsPerStatement)

        private static func insertSQL(rows: Int) -> String {
            rows == rowsPerStatement ? fullInsertSQL : makeInsertSQL(rows: rows)
        }

        private static func makeInsertSQL(rows: Int) -> String {
            "INSERT OR REPLACE INTO change (origin, counter, time, kind, ref, mask) VALUES "
                + Array(repeating: "(?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        }
    }
}

/// Grow-only history and add-wins tags, stored one row per element.
enum SetTables {
    /// Inserts a history event unless it is already there; returns its rowid if it was new.
    ///
    /// An event is written once, by its writer, so two copies differ at most
    /// in `at`: a copy relayed by a node of an earlier version lost it. A
    /// copy that brings it fills it in (null, then the writer's one value:
    /// idempotent, commutative, associative) when the node fetches again.
    static func insertEvent(_ event: HistoryEvent, origin: Int64, counter: UInt64, time: UInt64, db: Database) throws -> Int64? {
        // An erased complaint's history keeps its shape but loses its free text.
        let erased = try isErased(event.complaint, db: db)
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO event (origin, counter, time, complaint, kind, user, text, fromStage, toStage, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [origin, Int64(counter), Int64(bitPattern: time), event.complaint, event.kind.rawValue,
                                     event.user, erased ? nil : event.text, event.fromStage, event.toStage, event.at])
        if db.changesCount == 1 { return db.lastInsertedRowID }
        if let at = event.at {
            try db.cachedStatement(sql: "UPDATE event SET at = ? WHERE origin = ? AND counter = ? AND at IS NULL")
                .execute(arguments: [at, origin, Int64(counter)])
        }
        return nil
    }

    /// Whether a complaint's personal data is erased (history text arriving for it is dropped).
    static func isErased(_ complaint: String, db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT erased = 1 FROM complaint WHERE id = ?"), arguments: [complaint]) ?? false
    }

    /// Merges a tag dot (union of dots, OR of `removed`); returns its rowid and whether anything changed.
    static func mergeTag(_ dot: TagDot, dotOrigin: Int64, db: Database) throws -> (rid: Int64, changed: Bool) {
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT rid, removed FROM tag WHERE origin = ? AND counter = ?"),
                                      arguments: [dotOrigin, Int64(dot.counter)]) {
            let rid: Int64 = row[0]
            let removed: Bool = row[1]
            guard dot.removed, !removed else { return (rid, false) }
            try db.cachedStatement(sql: "UPDATE tag SET removed = 1 WHERE rid = ?").execute(arguments: [rid])
            return (rid, true)
        }
        try db.cachedStatement(sql: "INSERT INTO tag (origin, counter, complaint, tag, removed) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [dotOrigin, Int64(dot.counter), dot.complaint, dot.tag, dot.removed])
        return (db.lastInsertedRowID, true)
    }
}
