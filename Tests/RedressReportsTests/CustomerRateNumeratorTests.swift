import Foundation
import RedressModel
import RedressStore
import Testing
@testable import RedressReports

/// The numerators of complaints per 1,000 customers: per group, the scope's
/// complaints received in a (division, month) that has a customer count,
/// whatever the scope, counted here from the complaints themselves.
@Suite struct CustomerRateNumeratorTests {
    @Test func numeratorsCountTheScopesComplaintsInCountedMonths() throws {
        let test = try ParallelReportTests().imported()
        let counted = try test.store.customerCounts().reduce(into: Set<String>()) { $0.insert("\($1.division)/\($1.period)") }
        let complaints = try test.store.complaints()
        let divisions = Set(complaints.map(\.division)).sorted()
        let day = TestStore.day
        let scopes = [ReportScope(), ReportScope(from: day("2019-10-15"), until: day("2019-12-01")),
                      ReportScope(from: day("2019-11-01"), until: day("2020-01-20"), division: divisions[0]),
                      ReportScope(until: day("2019-11-10"), division: divisions[3])]
        var nonZero = 0
        for scope in scopes {
            for grouping in ReportGrouping.allCases {
                let reporter = KPIReporter(grouping: grouping, scope: scope, now: TestStore.now)
                let numerators = try test.store.readOnlyTransaction { db in try reporter.customerCounts(db).numerators }
                var expected: [String: Int] = [:]
                for complaint in complaints where scope.from.map({ complaint.receivedAt >= $0 }) ?? true
                    && scope.until.map({ complaint.receivedAt < $0 }) ?? true
                    && scope.division.map({ complaint.division == $0 }) ?? true {
                    let month = ReportMonth.of(complaint.receivedAt)
                    guard counted.contains("\(complaint.division)/\(month)") else { continue }
                    let group = switch grouping {
                    case .division: complaint.division
                    case .month: month
                    case .quarter: ReportMonth.quarter(of: month)
                    case .category: complaint[.category].text ?? "(none)"
                    case .channel: complaint[.channel].text ?? "(none)"
                    }
                    expected[group, default: 0] += 1
                }
                #expect(numerators == expected, "\(grouping), \(scope)")
                nonZero += expected.values.reduce(0, +)
            }
        }
        #expect(nonZero > 50, "\(nonZero) complaints counted in all: the fixture has counted months")
    }
}
