import Foundation
import RedressStore

extension RedressStore {
    /// The head-office KPIs of docs/KPIS.md, one entry per group, ordered by group name.
    ///
    /// Computed by SQL aggregation on one consistent snapshot of this node's
    /// replicated data: the same code gives every division's figures on any node.
    ///
    /// - Parameter now: Unix ms for backlog, overdue and "due time passed"; defaults to the wall clock.
    public func report(by grouping: ReportGrouping, scope: ReportScope = ReportScope(),
                       now: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) throws(StoreError) -> [GroupKPIs] {
        let reporter = KPIReporter(grouping: grouping, scope: scope, now: now)
        return try readOnlyTransaction { db in try reporter.groups(db) }
    }
}
