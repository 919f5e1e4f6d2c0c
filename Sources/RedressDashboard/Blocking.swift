import NIOPosix

/// SQLite and bcrypt block their thread: the HTTP routes (the dashboard's
/// and the API's) run them on thread pools so that the event loops keep
/// answering other requests. Work that may take seconds has pools of its
/// own, so that it never holds one of the few threads (one per core) that
/// answer staff's requests: a report of a large store or a store check
/// would otherwise leave every page waiting behind it.
public enum Blocking {
    /// A request's blocking work: short, on NIO's shared pool.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }

    /// A report or a dashboard snapshot (seconds on a large store): on two
    /// threads of their own, so that a second analyst's small filtered view
    /// need not wait for a first one's whole-group report.
    public static func runReport<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await reportPool.runIfActive(body)
    }

    /// A background job's blocking work (a store check, a search-index
    /// batch, the digest): on a thread of its own, one job at a time.
    public static func runInBackground<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await backgroundPool.runIfActive(body)
    }

    private static let reportPool = startedPool(threads: 2)
    private static let backgroundPool = startedPool(threads: 1)

    /// A pool started once, on first use, and kept for the life of the process.
    private static func startedPool(threads: Int) -> NIOThreadPool {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        return pool
    }
}
