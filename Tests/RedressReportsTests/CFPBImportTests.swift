import Foundation
import RedressImport
import RedressModel
import RedressReports
import RedressStore
import Testing

/// Imports the first 300 rows of the CFPB sample and checks the report
/// against figures computed by Fixtures/expected_kpis.py, which reads the same
/// CSV with Python's csv module and none of Redress's code.
@Suite struct CFPBImportTests {
    struct Expected: Decodable {
        let rows: Int
        let companies: Int
        let byCompany: [String: [String: Double?]]
        let byMonth: [String: Int]

        enum CodingKeys: String, CodingKey {
            case rows, companies
            case byCompany = "by_company"
            case byMonth = "by_month"
        }
    }

    let expected: Expected = {
        let data = try! Data(contentsOf: TestStore.fixture("expected_kpis.json"))
        return try! JSONDecoder().decode(Expected.self, from: data)
    }()

    /// Imports the fixture into a fresh store.
    func imported() throws -> (TestStore, ImportSummary) {
        let test = try TestStore()
        let summary = try CSVImporter(store: test.store, user: "importer", batchSize: 64)
            .run(file: TestStore.fixture("cfpb_first_300.csv"), mapping: .cfpb)
        return (test, summary)
    }

    @Test func importsEveryRowOfTheSlice() throws {
        // Given the 300-row slice, When it is imported
        let (test, summary) = try imported()
        // Then every row is a complaint and every company a division
        #expect(summary.imported == expected.rows)
        #expect(summary.duplicates == 0)
        #expect(summary.rejectedRows == [])
        #expect(summary.divisionsCreated == expected.companies)
        let divisions = try test.store.divisions().filter { $0.code != "head-office" }
        #expect(divisions.count == expected.companies)
        #expect(divisions.contains { $0.code == "transunion-intermediate-holdings-inc" && $0.name == "TRANSUNION INTERMEDIATE HOLDINGS, INC." })
        // One narrative is longer than the store's 20,000 characters: cut, marked and tagged, not lost as a row.
        let long = try #require(try test.store.complaints().first { ($0[.description].text?.count ?? 0) > 19_000 })
        #expect(long[.description].text?.count == 20_000)
        #expect(long[.description].text?.hasSuffix("longer than 20,000 characters]") == true)
        #expect(try test.store.complaint(long.id).tags.contains("description-truncated"))
    }

    @Test func historyCarriesWhenTheSourceSaysThingsHappenedNotTheImportsTime() throws {
        // Given the imported slice (imported now, complaints of years ago)
        let (test, _) = try imported()
        let complaints = try test.store.complaints()
        var checked = 0
        for listed in complaints.prefix(40) {
            let complaint = try test.store.complaint(listed.id)
            guard let entry = complaint.history.first(where: { $0.event.kind == .stage }) else { continue }
            // Then its stage entry is dated when the CFPB sent it to the company (its acknowledgement), or its receipt
            let expected = complaint.acknowledgedAt ?? complaint.receivedAt
            #expect(entry.occurredAt == expected, "\(complaint.id): history says \(entry.occurredAt), the source \(expected)")
            #expect(entry.occurredAt < Int64(entry.time.millis), "the change's stamp is the import's time, later")
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test func kpisPerCompanyMatchIndependentFigures() throws {
        // Given the imported slice
        let (test, _) = try imported()
        let names = Dictionary(uniqueKeysWithValues: try test.store.divisions().map { ($0.code, $0.name) })
        // When the report is computed by division
        let groups = try test.store.report(by: .division, now: TestStore.now)
        let byCompany = Dictionary(uniqueKeysWithValues: groups.map { (names[$0.group] ?? $0.group, $0) })
        // Then each company's figures match the independent ones, within the documented rounding
        #expect(expected.byCompany.count >= 3)
        var checked = 0
        for (company, figures) in expected.byCompany {
            let group = try #require(byCompany[company], "no group for \(company)")
            #expect(Double(group.complaints) == figures["complaints"]!!)
            #expect(Double(group.backlog) == figures["backlog"]!!, "\(company) backlog")
            #expect(Double(group.overdue) == figures["overdue"]!!, "\(company) overdue")
            for kpi in [KPI.ackHoursMedian, .ackHoursP90, .ackWithinPromise, .resolvedWithinPromise, .referralRate,
                        .escalationRate, .reachedLevel4, .reopenRate, .firstContactResolution, .csatMean, .nps, .resolveDaysMedian,
                        .upheldRate] {
                let want = figures[kpi.rawValue]!
                let got = group[kpi].value
                if let want {
                    let tolerance = 0.5 * pow(10, -Double(kpi.decimals)) + 1e-9
                    #expect(got.map { abs($0 - want) <= tolerance } == true, "\(company) \(kpi.rawValue): \(String(describing: got)) vs \(want)")
                    checked += 1
                } else {
                    #expect(got == nil, "\(company) \(kpi.rawValue) should be too few")
                    #expect(group.tooFew.contains(kpi.rawValue))
                }
            }
            let web = group.channelMix.entries?.first { $0.code == "web-form" }?.share
            if let want = figures["web_form_share"]! {
                #expect(web.map { abs($0 - want) <= 0.00005 } == true, "\(company) web-form share")
            } else {
                #expect(group.channelMix.isTooFew)
            }
        }
        #expect(checked >= 20)
    }

    @Test func monthlyTrendMatchesIndependentCounts() throws {
        let (test, _) = try imported()
        let months = try test.store.report(by: .month, now: TestStore.now)
        #expect(Dictionary(uniqueKeysWithValues: months.map { ($0.group, $0.complaints) }) == expected.byMonth)
        #expect(months.map(\.group) == months.map(\.group).sorted())
    }

    @Test func secondImportAddsNothing() throws {
        // Given the imported slice and its digest
        let (test, _) = try imported()
        let digest = try test.store.digest()
        // When the same file is imported again
        let again = try CSVImporter(store: test.store, user: "importer").run(file: TestStore.fixture("cfpb_first_300.csv"), mapping: .cfpb)
        // Then nothing is added and the replicated state is unchanged
        #expect(again.imported == 0)
        #expect(again.duplicates == expected.rows)
        #expect(again.divisionsCreated == 0)
        #expect(try test.store.digest() == digest)
    }

    @Test func dateFilterAndDivisionFilterNarrowTheCohort() throws {
        let (test, _) = try imported()
        let march = try test.store.report(by: .division, scope: ReportScope(fromDay: TestStore.day("2019-03-01"), toDay: TestStore.day("2019-03-31"), division: nil), now: TestStore.now)
        #expect(march.map(\.complaints).reduce(0, +) == expected.byMonth["2019-03"])
        let one = try test.store.report(by: .month, scope: ReportScope(division: "equifax-inc"), now: TestStore.now)
        #expect(one.map(\.complaints).reduce(0, +) == Int(expected.byCompany["EQUIFAX, INC."]!["complaints"]!!))
        // A small division is read through the index, a large one by a table scan: same figures as in the full report.
        let all = try test.store.report(by: .division, now: TestStore.now)
        for division in ["citibank-n-a", "transunion-intermediate-holdings-inc"] {
            let alone = try test.store.report(by: .division, scope: ReportScope(division: division), now: TestStore.now)
            #expect(alone == all.filter { $0.group == division })
        }
    }
}
