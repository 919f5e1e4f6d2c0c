import Foundation
import GRDB
import RedressModel
import RedressStore

/// The baseline: the store's `complaint` table as an ordinary SQLite table.
///
/// Same columns, same integer primary key and unique text id, the same
/// secondary indexes (reports need them with or without a CRDT), same pragmas
/// (WAL, `synchronous = NORMAL`, `secure_delete` as the store sets it unless
/// told otherwise), written with prepared statements in transactions of the
/// same size; but no clock vector, no change log and no merge. What the store
/// costs over this is the price of being a CRDT.
struct PlainComplaintTable {
    let path: String
    let pool: DatabasePool

    /// - Parameter indexes: the `CREATE INDEX` statements of the store's complaint table.
    init(path: String, secureDelete: Bool, indexes: [String]) throws {
        self.path = path
        var configuration = Configuration()
        configuration.label = "redress-bench-plain"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = \(secureDelete ? "ON" : "OFF"); PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try pool.write { db in
            try db.execute(sql: Self.createTable)
            for index in indexes { try db.execute(sql: index) }
        }
    }

    /// Inserts complaints with the values the store would write for them.
    /// The store's `complaint` table without its clocks: the same columns,
    /// in the same order and with the same types, from the same schema the
    /// store's merges use, so the baseline follows any new field.
    static let createTable: String = {
        let schema = RecordSchema.complaint
        let columns = schema.fields.map { "\($0.column) \($0.isInteger ? "INTEGER" : "TEXT")" }
        return "CREATE TABLE \(schema.table) (rid INTEGER PRIMARY KEY, \(schema.keyColumn) TEXT NOT NULL UNIQUE, "
            + columns.joined(separator: ", ") + ")"
    }()

    func insert(_ complaints: ArraySlice<SyntheticComplaints.Complaint>, user: String) throws {
        try pool.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO complaint (id, division, receivedAt, channel, complainantName, complainantContact, product,
                    category, description, severity, requestedRemedy, assignee, level, ackDueAt, respondDueAt, respondPromise, stage,
                    erased, externalRef, createdBy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for complaint in complaints {
                let input = complaint.input
                try statement.execute(binding: [
                    complaint.id.description.databaseValue, input.division.databaseValue, input.receivedAt.databaseValue,
                    input.channel.databaseValue, input.complainant.name.databaseValue, input.complainant.contact.databaseValue,
                    input.product.databaseValue, input.category.databaseValue, input.description.databaseValue,
                    input.severity.databaseValue, input.requestedRemedy.databaseValue, input.assignee.databaseValue,
                    Int64(EscalationLevel.agent.rawValue).databaseValue, complaint.ackDueAt.databaseValue,
                    complaint.respondDueAt.databaseValue, complaint.respondPromise.databaseValue, StageState().encoded.databaseValue,
                    Int64(0).databaseValue, input.externalRef.databaseValue, user.databaseValue,
                ])
            }
        }
    }

    /// Updates the five benchmark fields of each complaint, found by its id.
    func update(_ updates: ArraySlice<(id: ComplaintID, update: SyntheticComplaints.Update)>) throws {
        try pool.write { db in
            let statement = try db.cachedStatement(sql: """
                UPDATE complaint SET assignee = ?, severity = ?, product = ?, rootCause = ?, decision = ? WHERE id = ?
                """)
            for (id, update) in updates {
                try statement.execute(binding: [update.assignee.databaseValue, update.severity.databaseValue,
                                                update.product.databaseValue, update.rootCause.databaseValue,
                                                update.decision.databaseValue, id.description.databaseValue])
            }
        }
    }

    /// Folds the WAL into the database file, so that its size is comparable.
    func checkpoint() throws {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}

extension PlainComplaintTable {
    /// The `CREATE INDEX` statements of the complaint table of the store in
    /// `path`, so that the baseline indexes exactly what the store does.
    static func complaintIndexes(ofStoreAt path: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'complaint' AND sql IS NOT NULL ORDER BY name
                """)
        }
    }
}
