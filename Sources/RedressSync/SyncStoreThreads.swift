import NIOCore
import NIOPosix

/// The threads on which sync sessions touch the store, apart from every
/// other blocking job of the process.
///
/// NIO's shared pool has one thread per core (two on a small branch
/// server) and also runs the HTTP routes' SQLite and bcrypt work and the
/// node's long background jobs (a store check, the search index, the
/// digest). With both threads taken by those, a session's next store read
/// waited behind them while the connection sat silent, and the peer's idle
/// timeout cut the sync ("nothing moved on the connection for 60 s"). A
/// session's store work is short transactions, so a pool of its own keeps
/// syncs moving whatever else the node is doing.
enum SyncStoreThreads {
    /// Started on first use and never stopped, like NIO's own singletons.
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(2, System.coreCount))
        pool.start()
        return pool
    }()
}
