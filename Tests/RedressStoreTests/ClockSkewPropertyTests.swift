import Foundation
import GRDB
import RedressModel
import RedressStore
import Testing

/// Nodes with wrong clocks (issue 12, "A wrong clock cannot win"): whatever
/// the writes, syncs and orders, no node ever holds a stamp more than the
/// drift limit ahead of its own wall clock, so a wrong clock drags no one
/// further than that; and once the clocks agree again, every node converges.
@Suite struct ClockSkewPropertyTests {
    /// The newest stamp a store has written or taken in (its hybrid clock).
    static func newestStamp(_ store: RedressStore) throws -> HybridTimestamp {
        var configuration = Configuration()
        configuration.readonly = true
        let raw = try DatabaseQueue(path: store.databasePath, configuration: configuration)
        return HybridTimestamp(rawValue: UInt64(bitPattern: try raw.read { db in try Int64.fetchOne(db, sql: "SELECT clock FROM localNode") ?? 0 }))
    }

    @Test func noStampRunsMoreThanTheDriftLimitAheadOfItsNodesClock() throws {
        let seed: UInt64 = ProcessInfo.processInfo.environment["REDRESS_TEST_SEED"].flatMap { UInt64($0) } ?? 20_261_202
        print("ClockSkewPropertyTests seed \(seed)")
        var random = SplitMix64(seed: seed)
        let directory = TemporaryDirectory()
        let drift = HybridClock.defaultMaxDriftMillis
        // A correct node, one a little ahead, one beyond the limit, one behind.
        let skews: [Int64] = [0, 30_000, 10 * 60_000, -45_000]
        let base: UInt64 = 1_800_000_000_000
        let clocks = skews.map { ManualClock(UInt64(Int64(base) + $0)) }
        let stores = try clocks.enumerated().map { index, clock in
            try RedressStore.create(at: directory.subdirectory("n\(index)"), division: "retail", nodeName: "n\(index)", user: "ann",
                                    configuration: clock.configuration)
        }
        var ids: [ComplaintID] = []
        var refusals = 0
        for _ in 0..<160 {
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                let store = stores.randomElement(using: &random)!
                ids.append(try store.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) })
            case 1 where !ids.isEmpty:
                let index = Int.random(in: 0..<stores.count, using: &random)
                let id = ids.randomElement(using: &random)!
                // Only where the complaint has arrived.
                if (try? stores[index].complaint(id)) != nil {
                    try stores[index].write(user: "ann") { try $0.assign(id, to: "agent\(index)") }
                }
            default:
                let from = Int.random(in: 0..<stores.count, using: &random)
                let to = (from + Int.random(in: 1..<stores.count, using: &random)) % stores.count
                do {
                    try Fixture.sync(from: stores[from], to: stores[to])
                } catch StoreError.clockDrift {
                    refusals += 1
                }
            }
            let step = UInt64.random(in: 0...4_000, using: &random)
            for clock in clocks { clock.advance(by: step) }
            for (store, clock) in zip(stores, clocks) {
                let newest = try Self.newestStamp(store)
                #expect(newest.millis <= clock.now + drift, "node \(store.nodeName) holds a stamp \(newest.millis - clock.now) ms ahead of its clock")
            }
        }
        #expect(refusals > 0, "the node ten minutes ahead was refused at least once")

        // Real time catches up with the fast node's stamps: everything is accepted and converges.
        for clock in clocks { clock.advance(by: 11 * 60_000) }
        for _ in 0..<2 {
            for from in stores.indices {
                for to in stores.indices where to != from { try Fixture.sync(from: stores[from], to: stores[to]) }
            }
        }
        let digests = Set(try stores.map { try $0.digest() })
        #expect(digests.count == 1)
        #expect(try stores[0].complaints().count == ids.count)
    }
}
