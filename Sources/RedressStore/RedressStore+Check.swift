import Foundation
import GRDB
import Logging
import RedressModel

extension RedressStore {
    /// Checks the store for damage, sets damaged records aside so that peers
    /// send them again, and marks or clears the file's damage note
    /// (`DamageMarker`).
    ///
    /// - Parameter thorough: SQLite's `integrity_check` (every index against its
    ///   table) instead of `quick_check`; both read the whole file.
    public func check(thorough: Bool = true) throws(StoreError) -> StoreCheckReport {
        var report = StoreCheckReport()
        var damaged: [(table: RecordChecksum.Table, rid: Int64, label: String)] = []
        try Self.translatingErrors(path: databasePath) {
            do {
                try pool.read { db in
                    let pragma = thorough ? "integrity_check(100)" : "quick_check(100)"
                    let findings = try String.fetchAll(db, sql: "PRAGMA \(pragma)")
                    if findings != ["ok"] { report.sqliteProblems = findings }
                    for table in RecordChecksum.tables {
                        do {
                            report.recordsChecked += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0
                            let rows = try Row.fetchCursor(db, sql: table.mismatchSQL)
                            while let row = try rows.next() {
                                damaged.append((table, row[0], (row[1] as String?) ?? "?"))
                            }
                        } catch let error as DatabaseError where Self.isDamage(error) {
                            report.sqliteProblems.append("\(table.name): \(error.message ?? "malformed")")
                        }
                    }
                }
            } catch let error as DatabaseError where Self.isDamage(error) {
                report.sqliteProblems.append(error.message ?? "database disk image is malformed")
            }
        }
        report.damagedRecords = damaged.map { .init(table: $0.table.name, label: $0.label) }
        if !damaged.isEmpty {
            try setAside(damaged)
            logger.error("damaged records set aside; peers send them again at the next sync",
                         metadata: ["redress.damaged": "\(damaged.count)", "redress.tables": "\(Set(damaged.map(\.table.name)).sorted())"])
        }
        report.awaitingRepair = try read { db in try StoreRepair.originsAwaitingRefetch(db) }
        if report.sqliteProblems.isEmpty {
            DamageMarker.clear(store: databasePath)
        } else {
            DamageMarker.record("SQLite's check: \(report.sqliteProblems.first ?? "malformed")", store: databasePath)
        }
        return report
    }

    static func isDamage(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    /// Sets the given damaged rows aside in one transaction (`StoreRepair`).
    func setAside(_ rows: [(table: RecordChecksum.Table, rid: Int64, label: String)]) throws(StoreError) {
        let now = Int64(configuration.wallClock())
        try localWrite { db in
            for row in rows { try StoreRepair.setAside(row.table, rid: row.rid, label: row.label, now: now, db: db) }
        }
    }
}
