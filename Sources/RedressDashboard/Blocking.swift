import NIOPosix

/// SQLite and bcrypt block their thread: the HTTP routes (the dashboard's
/// and the API's) run them on NIO's thread pool so that the event loops
/// keep answering other requests.
public enum Blocking {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
