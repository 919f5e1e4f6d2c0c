import GRDB
public import RedressStore

extension RedressStore {
    /// Complaints received per division and month in `scope`, ordered by month then division.
    ///
    /// Counted by range on the (division, receivedAt) index (`MonthlyVolumes`):
    /// as many counts as divisions × months, and no date conversion per complaint.
    public func monthlyVolumes(scope: ReportScope = ReportScope()) throws(StoreError) -> [MonthlyVolume] {
        try readOnlyTransaction { db in try MonthlyVolumes.count(scope, db) }
    }
}
