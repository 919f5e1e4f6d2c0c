import Foundation
import GRDB
import RedressDashboard
import RedressReports
import RedressStore

/// Issue 14's figures, in the same run as the plain SQLite baseline they are
/// compared with: every report grouping, a filtered view, and the
/// dashboard's default page, each the median of `runs` timed runs.
struct ReportViewTimings: Sendable, Hashable {
    /// A plain `GROUP BY division` count over the same rows (the covering
    /// index the reports read), the least any report over them could cost.
    var baselineSeconds: Double
    /// Median seconds by view: `division`, `category`, `channel`, `month`,
    /// `quarter`, `filtered` (the largest division, three months, by month)
    /// and `dashboard` (its default page).
    var seconds: [String: Double]
    /// The peak resident memory from the first `report --by division` run
    /// to the last view (`ReportBenchmark` resets the high-water mark before them).
    var peakResidentBytes: Int?

    static let viewNames = ["division", "category", "channel", "month", "quarter", "filtered", "dashboard"]

    /// - Parameter divisionSeconds: the median of the benchmark's own `report --by division` runs, not timed again.
    static func measure(_ store: RedressStore, runs: Int, now: Int64, divisionSeconds: Double,
                        progress: @Sendable (String) -> Void) throws -> ReportViewTimings {
        func median(_ name: String, _ body: () throws -> Void) throws -> Double {
            var times: [Double] = []
            for run in 1...runs {
                progress("\(name), run \(run) of \(runs)")
                let start = ProcessTimes.now()
                try body()
                times.append(ProcessTimes.now().since(start).wall)
            }
            return times.sorted()[(times.count - 1) / 2]
        }
        let baseline = try median("baseline: plain GROUP BY division") {
            _ = try store.readOnlyTransaction { db in
                try Row.fetchAll(db, sql: "SELECT division, COUNT(*) FROM complaint INDEXED BY complaint_report WHERE receivedAt IS NOT NULL GROUP BY division")
            }
        }
        var seconds = ["division": divisionSeconds]
        for grouping in ReportGrouping.allCases where grouping != .division {
            seconds[grouping.rawValue] = try median("report --by \(grouping.rawValue)") { _ = try store.report(by: grouping, now: now) }
        }
        let filtered = try filteredScope(store)
        seconds["filtered"] = try median("report --by month --division \(filtered.division ?? "") (three months)") {
            _ = try store.report(by: .month, scope: filtered, now: now)
        }
        seconds["dashboard"] = try median("dashboard, default page") {
            _ = try DashboardSnapshot.compute(store: store, query: DashboardQuery(), now: now)
        }
        return ReportViewTimings(baselineSeconds: baseline, seconds: seconds, peakResidentBytes: ResidentMemory.read("VmHWM"))
    }

    /// The largest division over the last three months of its complaints.
    private static func filteredScope(_ store: RedressStore) throws -> ReportScope {
        let (division, last) = try store.readOnlyTransaction { db -> (String?, Int64?) in
            let row = try Row.fetchOne(db, sql: """
                SELECT division, MAX(receivedAt) FROM complaint INDEXED BY complaint_report WHERE receivedAt IS NOT NULL
                GROUP BY division ORDER BY COUNT(*) DESC, division LIMIT 1
                """)
            return (row?[0], row?[1])
        }
        let until = (last ?? 0) + 1
        return ReportScope(from: until - 92 * 86_400_000, until: until, division: division)
    }
}
