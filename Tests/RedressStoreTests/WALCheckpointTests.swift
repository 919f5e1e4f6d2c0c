import Foundation
import RedressModel
import RedressStore
import Testing

/// The store checkpoints the WAL after write transactions instead of inside
/// their commits (`WALCheckpoints`); the WAL must stay as small as SQLite's
/// own automatic checkpoint would keep it.
@Suite struct WALCheckpointTests {
    let directory = TemporaryDirectory()

    @Test func theWALStaysBoundedAcrossManyWrites() throws {
        let store = try RedressStore.create(at: directory.subdirectory("a"), division: "retail", nodeName: "a", user: "ann")
        let wal = store.databasePath + "-wal"
        let description = String(repeating: "Charged twice for one transfer. ", count: 150)  // ~4.8 KB
        // About 15 MB of complaints in 30 transactions: without checkpoints the WAL would hold all of it.
        for _ in 0..<30 {
            try store.write(user: "ann") { tx in
                for _ in 0..<100 { try tx.createComplaint(Fixture.complaint(description: description)) }
            }
        }
        let walBytes = try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int ?? 0
        let databaseBytes = try FileManager.default.attributesOfItem(atPath: store.databasePath)[.size] as? Int ?? 0
        // Checkpointed at about 1,000 pages (4 MB) plus one transaction's worth.
        #expect(walBytes < 8_000_000, "the WAL grew to \(walBytes) bytes")
        #expect(databaseBytes > 10_000_000, "the complaints reached the database file")
        #expect(try store.complaints().count == 3_000)
    }

    @Test func applyingBatchesChecksTheWALToo() throws {
        let source = try RedressStore.create(at: directory.subdirectory("s"), division: "retail", nodeName: "s", user: "ann")
        let description = String(repeating: "Adviser refused to explain the charges. ", count: 120)
        for _ in 0..<20 {
            try source.write(user: "ann") { tx in
                for _ in 0..<100 { try tx.createComplaint(Fixture.complaint(description: description)) }
            }
        }
        let replica = try RedressStore.create(at: directory.subdirectory("r"), division: "retail", nodeName: "r", user: "bo")
        var transactions: [Double] = []
        while true {
            let batch = try source.changes(after: replica.versionVector(), maxFields: 2_000)
            if batch.isEmpty { break }
            transactions.append(try replica.apply(batch).transactionSeconds)
        }
        let walBytes = try FileManager.default.attributesOfItem(atPath: replica.databasePath + "-wal")[.size] as? Int ?? 0
        #expect(walBytes < 8_000_000, "the replica's WAL grew to \(walBytes) bytes")
        #expect(try replica.digest() == source.digest())
        #expect(transactions.count > 5 && transactions.allSatisfy { $0 > 0 })
    }
}
