public import Foundation
import GRDB
import RedressModel
public import RedressStore
import Synchronization

extension RedressStore {
    /// How many parts a report runs at once unless told otherwise: the cores available.
    public static var defaultReportParallelism: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The head-office KPIs of docs/KPIS.md, one entry per group, ordered by group name.
    ///
    /// Computed by SQL aggregation on one consistent snapshot of this node's
    /// replicated data: the same code gives every division's figures on any node.
    ///
    /// By division, over many complaints, the divisions are split into
    /// `parallelism` contiguous ranges of about equal size, each computed on
    /// its own reader connection at the same time (WAL readers do not block
    /// each other or the writer). Each part also reads the version vector of
    /// its snapshot; if the parts did not all see the same state (a write
    /// committed while they started), the report is computed again in one
    /// transaction. Either way the figures are those of one state.
    ///
    /// - Parameters:
    ///   - now: Unix ms for backlog, overdue and "due time passed"; defaults to the wall clock.
    ///   - parallelism: at most how many parts run at once; defaults to the cores available.
    public func report(by grouping: ReportGrouping, scope: ReportScope = ReportScope(),
                       now: Int64 = Int64(Date().timeIntervalSince1970 * 1000),
                       parallelism: Int = RedressStore.defaultReportParallelism) throws(StoreError) -> [GroupKPIs] {
        try report(by: grouping, scope: scope, now: now, parallelism: parallelism, parallelThreshold: 50_000)
    }

    /// `parallelThreshold`: below this many complaints a report is quick
    /// anyway, and one transaction is simpler (tests lower it).
    func report(by grouping: ReportGrouping, scope: ReportScope, now: Int64, parallelism: Int,
                parallelThreshold: Int) throws(StoreError) -> [GroupKPIs] {
        if let groups = try reportFromCells(KPIReporter(grouping: grouping, scope: scope, now: now)) { return groups }
        if grouping == .division, scope.division == nil, parallelism > 1,
           let ranges = try divisionRanges(scope: scope, parts: parallelism, threshold: parallelThreshold),
           let groups = try reportInParallel(ranges: ranges, scope: scope, now: now) {
            return groups
        }
        let reporter = KPIReporter(grouping: grouping, scope: scope, now: now)
        return try readOnlyTransaction { db in try reporter.groups(db) }
    }

    /// The report from the report cells, or nil when they cannot give it
    /// (not built yet, or too stale for this scope). A damaged cell is no
    /// error for the report: it is computed from the complaints, and the
    /// cells are discarded so that the next refresh sums them all again.
    private func reportFromCells(_ reporter: KPIReporter) throws(StoreError) -> [GroupKPIs]? {
        var damaged = false
        let groups = try readOnlyTransaction { db -> [GroupKPIs]? in
            do {
                return try reporter.groupsFromCells(db)
            } catch is ReportCellError {
                damaged = true
                return nil
            }
        }
        // Best effort: a read-only store keeps its cells, and reports from the complaints.
        if damaged { try? writeDerivedData { db in try ReportCells.discard(db) } }
        return groups
    }

    /// Makes the report cells current: sums up to `limit` stale (division,
    /// month)s of them again, in one short transaction. When the cells are
    /// missing, of an older build's layout or damaged, they are started over
    /// (every (division, month) stale) if `startOver`, else nothing is done:
    /// `serve` keeps them current in the background, a command only catches up.
    /// `now` (Unix ms, the wall clock unless a test says otherwise): the
    /// cells hold for reports from then on (`ReportCell.settledAfter`).
    @discardableResult
    public func refreshReportCells(limit: Int = 64, startOver: Bool = true,
                                   now: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) throws(StoreError) -> ReportCellProgress {
        try writeDerivedData { db in try ReportCells.refresh(limit: limit, startOver: startOver, now: now, db) }
    }

    /// Contiguous ranges of division codes holding about equal numbers of
    /// complaints in `scope`; nil when a split is not worth it (few
    /// complaints, one division) or not possible (complaints without a
    /// division, which no range holds).
    private func divisionRanges(scope: ReportScope, parts: Int, threshold: Int) throws(StoreError) -> [ReportScope.DivisionRange]? {
        let conditions = scope.complaintConditions
        let counts = try readOnlyTransaction { db in
            try Row.fetchAll(db, sql: """
                SELECT division, COUNT(*) FROM complaint INDEXED BY complaint_report WHERE \(conditions.sql) GROUP BY division
                """, arguments: conditions.arguments).map { (division: $0[0] as String?, count: $0[1] as Int) }
        }
        let total = counts.reduce(0) { $0 + $1.count }
        guard total >= threshold, counts.count > 1, counts.allSatisfy({ $0.division != nil }) else { return nil }
        var starts: [String] = []
        var seen = 0
        for (division, count) in counts {
            // A new range starts at the first division past the next equal share.
            if seen >= total * starts.count / parts, starts.count < parts, let division { starts.append(division) }
            seen += count
        }
        return starts.indices.map { index in
            ReportScope.DivisionRange(from: index == 0 ? nil : starts[index],
                                      before: index + 1 < starts.count ? starts[index + 1] : nil)
        }
    }

    /// Each range's groups, computed concurrently; nil if the parts saw different states.
    private func reportInParallel(ranges: [ReportScope.DivisionRange], scope: ReportScope,
                                  now: Int64) throws(StoreError) -> [GroupKPIs]? {
        let results = Mutex<[Result<(VersionVector, [GroupKPIs]), StoreError>?]>(Array(repeating: nil, count: ranges.count))
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            var partScope = scope
            partScope.divisionRange = ranges[index]
            let reporter = KPIReporter(grouping: .division, scope: partScope, now: now)
            let result = Result { () throws(StoreError) in
                try readOnlyTransaction { db in (try RedressStore.versionVector(in: db), try reporter.groups(db)) }
            }
            results.withLock { $0[index] = result }
        }
        var version: VersionVector?
        var groups: [GroupKPIs] = []
        for result in results.withLock({ $0 }) {
            guard let (partVersion, partGroups) = try result?.get() else { return nil }
            if let version, version != partVersion { return nil }
            version = partVersion
            groups += partGroups
        }
        return groups
    }
}
