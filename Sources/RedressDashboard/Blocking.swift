import NIOPosix

/// SQLite and bcrypt block their thread: the HTTP routes (the dashboard's
/// and the API's) run them on NIO's thread pool so that the event loops
/// keep answering other requests.
public enum Blocking {
    /// A request's blocking work: short, on NIO's shared pool.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }

    /// A background job's blocking work (a store check, a search-index
    /// batch, the digest): on a thread of its own, one job at a time, so
    /// that a check taking minutes on a large store never holds one of the
    /// few threads (one per core) that answer requests.
    public static func runInBackground<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await backgroundPool.runIfActive(body)
    }

    private static let backgroundPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()
}
