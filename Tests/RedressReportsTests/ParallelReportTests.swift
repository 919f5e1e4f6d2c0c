import Foundation
import RedressImport
import RedressModel
import RedressStore
import Testing
@testable import RedressReports

/// A report by division over many complaints is computed in parallel parts,
/// one range of divisions each; the result must be exactly the one-transaction
/// report's, whatever the number of parts.
@Suite struct ParallelReportTests {
    func imported() throws -> TestStore {
        let test = try TestStore()
        _ = try CSVImporter(store: test.store, user: "importer", batchSize: 64)
            .run(file: TestStore.fixture("cfpb_first_300.csv"), mapping: .cfpb)
        // Customer counts for some companies, so the per-customer rate has numerators in several parts.
        let divisions = try test.store.divisions().map(\.code).sorted()
        try test.store.write(user: "hq") { tx in
            for (offset, division) in divisions.enumerated() where offset % 3 == 0 {
                for month in ["2019-09", "2019-10", "2019-11", "2019-12", "2020-01"] {
                    try tx.setCustomerCount(division: division, period: month, customers: 1_000 + 100 * offset)
                }
            }
        }
        return test
    }

    @Test(arguments: [2, 3, 7, 200])
    func partsGiveTheSameReportAsOneTransaction(parts: Int) throws {
        let test = try imported()
        for scope in [ReportScope(), ReportScope(fromDay: TestStore.day("2019-10-01"), toDay: TestStore.day("2019-12-31"), division: nil)] {
            let whole = try test.store.report(by: .division, scope: scope, now: TestStore.now, parallelism: 1, parallelThreshold: 0)
            let split = try test.store.report(by: .division, scope: scope, now: TestStore.now, parallelism: parts, parallelThreshold: 0)
            #expect(whole.count >= 10)
            #expect(split == whole)
        }
    }

    @Test func divisionRangesCoverEveryComplaintOnce() throws {
        let test = try imported()
        let whole = try test.store.report(by: .division, scope: ReportScope(), now: TestStore.now, parallelism: 1, parallelThreshold: 0)
        let split = try test.store.report(by: .division, scope: ReportScope(), now: TestStore.now, parallelism: 4, parallelThreshold: 0)
        #expect(split.reduce(0) { $0 + $1.complaints } == 300)
        #expect(Set(split.map(\.group)).count == split.count)
        #expect(split.map(\.group) == whole.map(\.group))
    }
}
