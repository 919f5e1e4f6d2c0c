public import GRDB
public import RedressModel

extension RedressStore {
    /// Runs `body` in a read-only transaction on one of the store's reader
    /// connections, with SQLite's errors translated into `StoreError`s.
    ///
    /// This is the door for read-only modules (reports, the dashboard) that
    /// aggregate with their own SQL: they see one consistent snapshot, never
    /// block the writer (WAL), and cannot write, because GRDB opens reader
    /// connections read-only. Every write still goes through `write(user:at:_:)`,
    /// the one path that stamps and logs changes.
    public func readOnlyTransaction<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try read(body)
    }

    /// The version vector of the snapshot `db` reads, from inside a
    /// `readOnlyTransaction`.
    ///
    /// Every committed change to replicated data, local or applied, advances
    /// it; two transactions that read the same vector read the same replicated
    /// data. Reports computed in parallel parts use it to check that every
    /// part saw one state.
    public static func versionVector(in db: Database) throws -> VersionVector {
        try ReplicaTable.load(db).versionVector
    }
}
