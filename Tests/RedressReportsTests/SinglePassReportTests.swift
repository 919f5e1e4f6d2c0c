import Foundation
import RedressImport
import RedressModel
import RedressStore
import Testing
@testable import RedressReports

/// The report's single pass (`KPIReporter.scan`) gives exactly the figures of
/// the straightforward computation (`groupsByAggregation`: one SQL
/// aggregation per kind of figure), for random stores and random filters,
/// after random local writes, applied peer batches, erasures and reopenings.
@Suite struct SinglePassReportTests {
    static let seed: UInt64 = 20_261_203

    @Test func theSinglePassEqualsTheAggregationsForRandomStoresAndFilters() throws {
        print("SinglePassReportTests seed \(Self.seed)")
        var random = SplitMix64(seed: Self.seed)
        let (test, peer) = try Self.stores()
        var store = test.store
        var compared = 0, redressFigures = 0, multi = 0
        for round in 0..<6 {
            let ids = try store.complaints().map(\.id)
            try Self.randomWrites(to: store, ids: ids, count: 300, &random)
            try Self.randomWrites(to: peer.store, ids: [], count: 40, &random)
            switch round % 3 {
            case 0:
                // A peer's batches, applied as a sync applies them.
                while true {
                    let batch = try peer.store.changes(after: store.versionVector(), maxFields: 500)
                    if batch.isEmpty { break }
                    try store.apply(batch)
                }
            case 1:
                store = try RedressStore.open(at: test.directory)
            default:
                if let id = ids.randomElement(using: &random) { try store.write(user: "dpo") { tx in try tx.erasePersonalData(id) } }
            }
            let divisions = try store.divisions().map(\.code)
            for _ in 0..<8 {
                let scope = Self.randomScope(divisions: divisions, &random)
                let now = [TestStore.now, Int64(Date().timeIntervalSince1970 * 1000), TestStore.day("2020-01-15")]
                    .randomElement(using: &random)!
                for grouping in ReportGrouping.allCases {
                    let reporter = KPIReporter(grouping: grouping, scope: scope, now: now)
                    let (fast, reference) = try store.readOnlyTransaction { db in
                        (try reporter.groups(db), try reporter.groupsByAggregation(db))
                    }
                    #expect(fast.map(\.group) == reference.map(\.group), "seed \(Self.seed), round \(round), \(grouping), \(scope)")
                    // The first group that differs, not every group of the report.
                    if let (fast, reference) = zip(fast, reference).first(where: { $0 != $1 }) {
                        Issue.record("seed \(Self.seed), round \(round), \(grouping), \(scope), group \(fast.group):\n\(fast)\nexpected\n\(reference)")
                    }
                    compared += fast.count
                    redressFigures += fast.reduce(0) { $0 + $1.redressPaid.count }
                    multi += fast.filter { $0.redressPaid.count > 1 }.count
                }
            }
        }
        // Not vacuous: many groups were compared, with figures in them.
        #expect(compared > 1_000 && redressFigures > 50 && multi > 10, "\(compared) groups, \(redressFigures) redress figures, \(multi) in two currencies")
    }

    /// From the whole period to a few weeks, with or without one division.
    static func randomScope(divisions: [String], _ random: inout SplitMix64) -> ReportScope {
        let days = ["2019-09-01", "2019-10-15", "2019-11-20", "2019-12-31", "2020-02-01"]
        switch random.next() % 4 {
        case 0: return ReportScope()
        case 1: return ReportScope(fromDay: nil, toDay: nil, division: divisions.randomElement(using: &random))
        default:
            let from = Int(random.next() % UInt64(days.count - 1))
            let to = from + 1 + Int(random.next() % UInt64(days.count - 1 - from))
            return ReportScope(fromDay: TestStore.day(days[from]), toDay: TestStore.day(days[to]),
                               division: random.next() % 2 == 0 ? nil : divisions.randomElement(using: &random))
        }
    }

    /// The fixture's complaints on a store with two divisions, and a peer of division north.
    static func stores() throws -> (TestStore, TestStore) {
        let test = try TestStore()
        _ = try CSVImporter(store: test.store, user: "importer", batchSize: 64)
            .run(file: TestStore.fixture("cfpb_first_300.csv"), mapping: .cfpb)
        let peer = try TestStore(division: "north")
        for node in [test.store, peer.store] {
            try node.write(user: "admin") { tx in
                try tx.upsertDivision(code: "north", name: "North", conduct: CodeOfConduct(acknowledgeWithinHours: 24, respondWithinDays: 10))
                try tx.upsertDivision(code: "south", name: "South", conduct: CodeOfConduct(acknowledgeWithinHours: 48, respondWithinDays: 20))
            }
        }
        // Customer counts for some months of the random complaints' divisions and of the
        // imported ones, so that the reports count complaints per 1,000 customers.
        let imported = try test.store.complaints().map { "\($0.division)/\(ReportMonth.of($0.receivedAt))" }
        let counted = ["north/2019-10", "north/2019-12", "south/2019-11", "south/2020-01"]
            + Dictionary(grouping: imported, by: { $0 }).sorted { ($0.value.count, $0.key) > ($1.value.count, $1.key) }.prefix(3).map(\.key)
        try test.store.write(user: "admin") { tx in
            for (offset, key) in counted.enumerated() {
                let parts = key.split(separator: "/")
                try tx.setCustomerCount(division: String(parts[0]), period: String(parts[1]), customers: 1_000 * (offset + 1))
            }
        }
        return (test, peer)
    }

    /// Lifecycle steps with the details the KPIs read (outcomes, remedies,
    /// redress, satisfaction), escalations, holds, timeliness tags and new
    /// complaints; a step the complaint's stage does not allow is refused and skipped.
    static func randomWrites(to store: RedressStore, ids: [ComplaintID], count: Int, _ random: inout SplitMix64) throws {
        var ids = ids
        for _ in 0..<count {
            let choice = ids.isEmpty ? 0 : random.next() % 14
            do {
                try store.write(user: "agent") { tx in
                    switch choice {
                    case 0:
                        let n = random.next() % 1_000
                        ids.append(try tx.createComplaint(NewComplaint(
                            channel: ["email", "web", "phone"][Int(n % 3)], complainant: .init(name: "Person \(n)", contact: "p\(n)@example.org"),
                            product: "Current account", category: ["fees", "delay", "service"][Int(n % 3)],
                            description: "Random complaint \(n)", requestedRemedy: "refund", division: ["north", "south", nil][Int(n % 3)],
                            receivedAt: n % 4 == 0 ? nil : TestStore.day("2019-10-01") + Int64(n) * 10_000_000)))
                    case 1...7:
                        // A step the complaint's stage allows, mostly, so that complaints move along.
                        let id = ids.randomElement(using: &random)!
                        let stage = try tx.complaint(id).stage.stage
                        let allowed = LifecycleStep.allCases.filter { $0.allowedFrom.contains(stage) }
                        let step = (random.next() % 5 == 0 ? nil : allowed.randomElement(using: &random))
                            ?? LifecycleStep.allCases.randomElement(using: &random)!
                        let details = LocalTransaction.StepDetails(
                            decision: "Our answer", remedy: ["refund", "apology", "compensation"].randomElement(using: &random)!,
                            csat: random.next() % 2 == 0 ? Int(1 + random.next() % 5) : nil,
                            nps: random.next() % 2 == 0 ? Int(random.next() % 11) : nil,
                            firstContact: random.next() % 3 == 0,
                            rootCause: ["process", "people", nil].randomElement(using: &random)!,
                            outcome: Outcome.allCases.randomElement(using: &random),
                            redress: random.next() % 3 != 0 ? MoneyAmount(minorUnits: Int64(random.next() % 50_000),
                                                                         currency: ["GBP", "EUR"].randomElement(using: &random)!) : nil)
                        try tx.take(step, on: id, details)
                    case 8: try tx.escalate(ids.randomElement(using: &random)!)
                    case 9: try tx.deescalate(ids.randomElement(using: &random)!)
                    case 10: try tx.hold(ids.randomElement(using: &random)!, reason: "waiting for documents")
                    case 11: try tx.resume(ids.randomElement(using: &random)!)
                    case 12:
                        let tag = TimelinessTag.allCases.randomElement(using: &random)!.rawValue
                        try tx.tag(ids.randomElement(using: &random)!, add: [tag], remove: [])
                    default: try tx.assign(ids.randomElement(using: &random)!, to: "kim")
                    }
                }
            } catch {
                // Not allowed in the complaint's stage, or without a detail it needs: refused whole, and skipped.
                switch error {
                case .stageConflict, .missingField, .invalidValue, .lifecycle: continue
                default: throw error
                }
            }
        }
    }
}
