import NIOPosix

/// SQLite and bcrypt block their thread: node operations run on NIO's
/// thread pool so that the event loops keep answering other requests.
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
