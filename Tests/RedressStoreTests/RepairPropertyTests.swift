import Foundation
import GRDB
import RedressModel
import Testing
@testable import RedressStore

/// Damage set aside on random nodes, amid random writes and partial syncs in
/// random orders, heals: once every node has synced with every other, the
/// states are equal, nothing is missing and no refetch is left pending.
@Suite struct RepairPropertyTests {
    /// Sets aside one random row of a replicated table, as a failed checksum would.
    static func damageRandomRow(of store: RedressStore, using random: inout SplitMix64) throws {
        let tables = [RecordChecksum.table(.complaint), RecordChecksum.event, RecordChecksum.tag, RecordChecksum.table(.division)]
        let table = tables.randomElement(using: &random)!
        let rids = try store.read { db in try Int64.fetchAll(db, sql: "SELECT rid FROM \(table.name)") }
        guard let rid = rids.randomElement(using: &random) else { return }
        try store.setAside([(table, rid, "test")])
    }

    /// Records a complaint, unless its division's record is the one set aside
    /// (the node records again once a peer has sent it back).
    static func record(on store: RedressStore) throws(StoreError) -> ComplaintID? {
        do {
            return try store.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) }
        } catch {
            if case .unknownDivision = error { return nil }
            throw error
        }
    }

    @Test func damageSetAsideAnywhereHealsFromPeers() throws {
        let seed: UInt64 = ProcessInfo.processInfo.environment["REDRESS_TEST_SEED"].flatMap { UInt64($0) } ?? 20_261_202
        print("RepairPropertyTests seed \(seed)")
        var random = SplitMix64(seed: seed)
        for trial in 0..<6 {
            let directory = TemporaryDirectory()
            let clock = ManualClock()
            let stores = try (0..<3).map { index in
                try RedressStore.create(at: directory.subdirectory("n\(index)"), division: "retail", nodeName: "n\(index)", user: "ann",
                                        configuration: clock.configuration)
            }
            var ids: [ComplaintID] = []
            func randomWrites(_ count: Int) throws {
                for _ in 0..<count {
                    let store = stores.randomElement(using: &random)!
                    let known = try ids.filter { id in (try? store.complaint(id)) != nil }
                    if let id = known.randomElement(using: &random), Bool.random(using: &random) {
                        try store.write(user: "ann") { tx in
                            switch Int.random(in: 0..<3, using: &random) {
                            case 0: try tx.assign(id, to: "agent\(Int.random(in: 0..<5, using: &random))")
                            case 1: try tx.note(id, text: "note \(Int.random(in: 0..<1000, using: &random))")
                            default: try tx.tag(id, add: ["t\(Int.random(in: 0..<3, using: &random))"], remove: [])
                            }
                        }
                    } else {
                        if let id = try Self.record(on: store) { ids.append(id) }
                    }
                    clock.advance(by: 1_000)
                }
            }
            func syncEveryone() throws {
                for from in stores.indices { for to in stores.indices where to != from { try Fixture.sync(from: stores[from], to: stores[to]) } }
            }
            try randomWrites(20)
            try syncEveryone()
            // Damage on random nodes, then more writes and partial syncs (some cut short), in random orders.
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                try Self.damageRandomRow(of: stores.randomElement(using: &random)!, using: &random)
            }
            for _ in 0..<12 {
                try randomWrites(1)
                let from = Int.random(in: 0..<3, using: &random), to = (from + Int.random(in: 1...2, using: &random)) % 3
                let batch = try stores[from].changes(after: stores[to].versionVector(), maxFields: Int.random(in: 1...40, using: &random))
                try stores[to].apply(batch)
                if Bool.random(using: &random) { try stores[to].apply(batch) }  // a duplicate
            }
            for _ in 0..<3 { try syncEveryone() }
            let digests = try Set(stores.map { try $0.digest() })
            #expect(digests.count == 1, "trial \(trial): the nodes did not converge")
            for store in stores {
                let report = try store.check()
                #expect(report.isHealthy && report.awaitingRepair == 0, "trial \(trial), \(store.nodeName): \(report)")
                #expect(try store.complaints().count == ids.count, "trial \(trial), \(store.nodeName)")
                #expect(try store.versionVector() == stores[0].versionVector())
            }
        }
    }
}
