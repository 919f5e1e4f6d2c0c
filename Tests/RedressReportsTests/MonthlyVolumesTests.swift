import Foundation
import GRDB
import RedressModel
import RedressStore
import Testing
@testable import RedressReports

/// The dashboard's volumes counted by index ranges (`MonthlyVolumes.byRanges`)
/// equal the plain `GROUP BY` for random stores and scopes: complaints with
/// and without a division or receipt time, months at the scope's ends, one
/// division or all.
@Suite struct MonthlyVolumesTests {
    static let seed: UInt64 = 20_261_205

    @Test func rangeCountsEqualTheGroupingForRandomStoresAndScopes() throws {
        print("MonthlyVolumesTests seed \(Self.seed)")
        var random = SplitMix64(seed: Self.seed)
        let (test, peer) = try SinglePassReportTests.stores()
        var compared = 0, withoutDivision = 0
        func compare(scopes: Int, _ context: String) throws {
            let divisions = try test.store.divisions().map(\.code) + ["nowhere"]
            for _ in 0..<scopes {
                let scope = ReportCellsTests.randomScope(divisions: divisions, &random)
                let (ranges, grouping) = try test.store.readOnlyTransaction { db in
                    (try MonthlyVolumes.byRanges(scope, db), try MonthlyVolumes.byGrouping(scope, db))
                }
                #expect(ranges == grouping, "seed \(Self.seed), \(context), \(scope)")
                compared += grouping.count
                withoutDivision += grouping.count { $0.division == "(none)" }
            }
        }
        for round in 0..<4 {
            try SinglePassReportTests.randomWrites(to: test.store, ids: try test.store.complaints().map(\.id), count: 60, &random)
            try compare(scopes: 20, "round \(round)")
            // A peer's complaints in small batches: between two, a complaint may have its receipt time but no division yet.
            try SinglePassReportTests.randomWrites(to: peer.store, ids: [], count: 30, &random)
            while true {
                let batch = try peer.store.changes(after: test.store.versionVector(), maxFields: Int(3 + random.next() % 20))
                if batch.isEmpty { break }
                try test.store.apply(batch)
                try compare(scopes: 2, "round \(round), between batches")
            }
        }
        // Complaints without a division (a record whose division never arrived):
        // written straight into the table, as no write path leaves one without.
        try test.store.writeDerivedData { db in
            try db.execute(sql: "UPDATE complaint SET division = NULL WHERE rid % 7 = 3")
        }
        try compare(scopes: 30, "without divisions")
        #expect(try test.store.monthlyVolumes() == test.store.readOnlyTransaction { db in try MonthlyVolumes.byGrouping(ReportScope(), db) })
        // Not vacuous: many (division, month)s, some of complaints without a division.
        #expect(compared > 300 && withoutDivision > 5, "\(compared) volumes compared, \(withoutDivision) without a division")
    }
}
