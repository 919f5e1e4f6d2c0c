#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import Logging
import NIOCore
import RedressStore
import ServiceLifecycle

/// Serves the dashboard over HTTP until the task running it is cancelled.
///
/// Plain HTTP on purpose, and on 127.0.0.1 by default: the dashboard shows
/// aggregates only, and an office that wants it on the network puts it behind
/// its own reverse proxy with its own sign-in, rather than Redress growing a
/// second user database.
public struct DashboardServer: Sendable {
    public let store: RedressStore
    public let host: String
    public let port: Int
    public var logger: Logger

    public init(store: RedressStore, host: String, port: Int, logger: Logger = Logger(label: "redress.dashboard")) {
        self.store = store
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// Runs the server; `onListening` gets the bound port (useful with port 0).
    /// A failure to bind is thrown as `DashboardError.cannotListen`.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let started = StartFlag()
        let router = DashboardRouter(store: store, logger: logger)
        let application = Application(
            router: router.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "redress"),
            onServerRunning: { channel in
                started.set()
                await onListening(channel.localAddress?.port ?? port)
                // The first visitor should not wait for the first report of a large store.
                Task(priority: .background) { await router.warmUp() }
            },
            logger: logger)
        // Stopping is a graceful shutdown (open requests finish, nothing is
        // logged as an error), not a cancellation of the server's tasks: the
        // group runs in a task of its own, which the caller's cancellation
        // does not reach, and a cancellation asks it to shut down instead.
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let serving = Task { try await group.run() }
        do {
            try await withTaskCancellationHandler {
                try await serving.value
            } onCancel: {
                Task { await group.triggerGracefulShutdown() }
            }
        } catch {
            if started.isSet { throw error }
            throw DashboardError.cannotListen(address: "\(host):\(port)", reason: Self.reason(error))
        }
    }

    /// The system's words for a bind failure ("Address already in use"), without NIO's wrapping.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        return "\(error)"
    }
}
