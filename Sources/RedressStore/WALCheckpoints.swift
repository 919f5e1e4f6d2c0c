import GRDB
import GRDBSQLite
import Synchronization

/// Runs the WAL checkpoints after write transactions rather than inside their commits.
///
/// SQLite's automatic checkpoint runs inside the COMMIT of the transaction
/// that takes the WAL past 1,000 pages, so that transaction's caller (a local
/// write, or the apply of a peer's batch) waits for pages to be copied into
/// the database file and for its fsync: the longest apply transactions
/// measured were those. A checkpoint needs no write lock (PASSIVE lets other
/// writers commit meanwhile), so the store replaces SQLite's hook with one
/// that only notes the WAL's size, and checkpoints after the transaction has
/// committed (`RedressStore.checkpointIfDue`). The WAL stays as small as
/// before; a write transaction holds the lock only for its own work.
final class WALCheckpoints: Sendable {
    /// SQLite's own default threshold (`wal_autocheckpoint`).
    static let thresholdPages = 1_000

    private let pagesInWAL = Atomic<Int>(0)
    private let commitCount = Atomic<Int>(0)

    /// How many transactions this process has committed: the hook is the
    /// one place SQLite says so, whichever code path wrote (`CountCache`).
    var commits: Int { commitCount.load(ordering: .acquiring) }

    /// Replaces SQLite's automatic checkpoint on `db` (every connection of
    /// the pool; only the writer ever commits, so only its hook fires).
    func install(on db: Database) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(db.sqliteConnection, { context, _, _, pages in
            guard let context else { return SQLITE_OK }
            let checkpoints = Unmanaged<WALCheckpoints>.fromOpaque(context).takeUnretainedValue()
            checkpoints.pagesInWAL.store(Int(pages), ordering: .relaxed)
            checkpoints.commitCount.add(1, ordering: .releasing)
            return SQLITE_OK
        }, context)
    }

    var isDue: Bool { pagesInWAL.load(ordering: .relaxed) >= Self.thresholdPages }

    func didCheckpoint() { pagesInWAL.store(0, ordering: .relaxed) }
}
