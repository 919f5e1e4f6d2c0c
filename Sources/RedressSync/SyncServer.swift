public import Logging
public import NIOCore
public import NIOPosix
import NIOSSL
public import RedressStore
import RedressWire

/// Listens for peers and serves each connection's sync in its own task.
///
/// One peer never affects another: a connection's failure (a bad
/// certificate, garbage, a timeout, a cut) ends that connection only, and is
/// logged with its reason.
///
///     let server = try await SyncServer.bind(host: "0.0.0.0", port: 7420, store: store, identity: identity)
///     try await server.run()          // until the task is cancelled
public final class SyncServer: Sendable {
    /// The address it listens on (with the real port when bound to port 0).
    public let localAddress: SocketAddress
    private let serverChannel: NIOAsyncChannel<SyncConnectionChannel, Never>
    private let endpoint: SyncEndpoint
    private let onSession: (@Sendable (Result<SyncReport, SyncError>) -> Void)?

    private init(localAddress: SocketAddress, serverChannel: NIOAsyncChannel<SyncConnectionChannel, Never>, endpoint: SyncEndpoint,
                 onSession: (@Sendable (Result<SyncReport, SyncError>) -> Void)?) {
        self.localAddress = localAddress
        self.serverChannel = serverChannel
        self.endpoint = endpoint
        self.onSession = onSession
    }

    /// Binds the listening socket; serving starts with `run()`.
    ///
    /// - Parameters:
    ///   - onSession: called when each connection ends, with its report or
    ///     why it failed (e.g. to record the peer's last contact).
    public static func bind(host: String, port: Int, store: RedressStore, identity: SyncIdentity,
                            configuration: SyncConfiguration = SyncConfiguration(),
                            group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                            logger: Logger = Logger(label: "redress.sync"),
                            onSession: (@Sendable (Result<SyncReport, SyncError>) -> Void)? = nil) async throws -> SyncServer {
        let endpoint = SyncEndpoint(store: store, identity: identity, configuration: configuration, logger: logger, threadPool: SyncStoreThreads.pool)
        let context = try NIOSSLContext(configuration: identity.serverTLSConfiguration(keyExchange: configuration.keyExchange))
        let gate = ConnectionGate(limits: .init(maxConnections: configuration.maxConnections,
                                                maxPendingPerAddress: configuration.maxPendingConnectionsPerAddress))
        let gateLog = LogThrottle()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let address = channel.remoteAddress?.ipAddress ?? "?"
                    switch gate.admit(channel, address: address) {
                    case .admitted: break
                    case .admittedEvicting(let count):
                        gateLog.log(logger) {
                            $0.notice("closed connections that had not finished their TLS handshake, to make room",
                                      metadata: ["redress.closed": "\(count)", "redress.peer": "\(address)", "redress.held": "\(gate.count)"])
                        }
                    case .refused:
                        gateLog.log(logger) { $0.warning("refused a connection: the node holds its maximum", metadata: ["redress.peer": "\(address)"]) }
                        throw ConnectionRefused(address: address)
                    }
                    channel.closeFuture.whenComplete { _ in gate.closed(channel) }
                    let connection = try endpoint.configure(channel, tls: NIOSSLServerHandler(context: context))
                    connection.handshake.whenSuccess { _ in gate.verified(channel) }
                    return connection
                }
            }
        guard let address = channel.channel.localAddress else { throw ChannelError.inappropriateOperationForState }
        logger.info("listening for peers", metadata: ["redress.listen": "\(address)"])
        return SyncServer(localAddress: address, serverChannel: channel, endpoint: endpoint, onSession: onSession)
    }

    /// The port it listens on.
    public var port: Int { localAddress.port ?? 0 }

    /// Serves connections until the calling task is cancelled or `close()` is
    /// called; then waits for the sessions in progress to end. Call once.
    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            try await serverChannel.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { [endpoint, onSession] in
                        do throws(SyncError) {
                            let report = try await endpoint.run(connection, role: .responder)
                            onSession?(.success(report))
                        } catch {
                            onSession?(.failure(error))
                        }
                    }
                }
            }
        }
    }

    /// Stops listening; sessions in progress continue until they end.
    public func close() async {
        try? await serverChannel.channel.close()
    }
}
