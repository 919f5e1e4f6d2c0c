public import Logging
public import NIOCore
public import NIOPosix
import NIOSSL
public import RedressStore

/// Opens connections to peers: one sync, in both directions, per call.
///
///     let client = try SyncClient(store: store, identity: identity)
///     let report = try await client.syncOnce(with: SyncPeerAddress("branch-2:7420")!)
public struct SyncClient: Sendable {
    private let endpoint: SyncEndpoint
    private let context: NIOSSLContext
    private let group: any EventLoopGroup

    public init(store: RedressStore, identity: SyncIdentity, configuration: SyncConfiguration = SyncConfiguration(),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "redress.sync")) throws {
        self.endpoint = SyncEndpoint(store: store, identity: identity, configuration: configuration, logger: logger, threadPool: SyncStoreThreads.pool)
        self.context = try NIOSSLContext(configuration: identity.clientTLSConfiguration(keyExchange: configuration.keyExchange))
        self.group = group
    }

    /// Connects to `peer`, syncs both ways, and returns what moved.
    ///
    /// Local writes stay possible throughout: the store is touched only in
    /// short transactions on a thread pool.
    ///
    /// - Throws: `SyncError` if it could not connect, the TLS handshake or
    ///   the peer's identity failed, or the session ended early (the error
    ///   carries the session's report: what was applied stays applied, and
    ///   the next sync resumes from there).
    public func syncOnce(with peer: SyncPeerAddress) async throws(SyncError) -> SyncReport {
        let connection: SyncConnectionChannel
        do {
            connection = try await ClientBootstrap(group: group)
                .connectTimeout(endpoint.configuration.connectTimeout)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: peer.host, port: peer.port) { [endpoint, context] channel in
                    channel.eventLoop.makeCompletedFuture {
                        try endpoint.configure(channel, tls: NIOSSLClientHandler(context: context, serverHostname: nil),
                                               peerAddress: peer.description)
                    }
                }
        } catch {
            endpoint.logger.warning("cannot connect", metadata: ["redress.peer": "\(peer)", "redress.reason": "\(error)"])
            let failure = SyncError(.connect, peerAddress: peer.description, "cannot connect (\(error))")
            // Recorded here like every session's outcome, so `status` shows a peer that is down.
            await endpoint.recordContact(node: nil, dialled: peer.description, result: .failure(failure))
            throw failure
        }
        return try await endpoint.run(connection, role: .initiator)
    }

    /// Whether `peer` accepts a TCP connection now: a cheap test, with no TLS
    /// and nothing sent, of whether a peer that has been down is back, so
    /// that a node in a long back-off syncs as soon as a partition heals.
    public func probe(_ peer: SyncPeerAddress, timeout: TimeAmount = .seconds(2)) async -> Bool {
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .connect(host: peer.host, port: peer.port).get()
            try? await channel.close().get()
            return true
        } catch {
            return false
        }
    }
}
