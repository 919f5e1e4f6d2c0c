import Foundation
import RedressTestSupport
import GRDB
import RedressStore
import Testing
@testable import RedressBench

/// The store benchmark's baseline must write "the same rows": its table has
/// the store's complaint columns, in order and with their types, and nothing
/// else: not the clocks and not the checksum, which are the CRDT store's own cost.
@Suite struct PlainComplaintTableTests {
    let directory = TemporaryDirectory()

    func columns(_ path: String, table: String = "complaint") throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read { db in
            try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { row in
                "\(row["name"] as String) \(row["type"] as String) \(row["notnull"] as Int) \(row["pk"] as Int)"
            }
        }
    }

    @Test func theBaselineHasTheStoresColumnsWithoutTheClocksOrChecksum() throws {
        let store = try RedressStore.create(at: directory.subdirectory("store"), division: "retail", nodeName: "a", user: "ann")
        let plain = try PlainComplaintTable(path: directory.subdirectory("plain.sqlite").path, secureDelete: true,
                                            indexes: PlainComplaintTable.complaintIndexes(ofStoreAt: store.databasePath))
        let storeColumns = try columns(store.databasePath).filter { !$0.hasPrefix("clocks ") && !$0.hasPrefix("checksum ") }
        #expect(storeColumns.count == 38)
        #expect(try columns(plain.path) == storeColumns)
    }
}
