import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import RedressModel
import RedressPKI
import RedressStore
import RedressWire
import Synchronization
@testable @_spi(Testing) import RedressSync

/// A cluster CA and its nodes, each a store in a temporary folder with its TLS identity.
final class TestCluster: Sendable {
    let directory = TemporaryDirectory()
    let authority: ClusterAuthority
    var clusterID: String { authority.clusterID.uuidString.lowercased() }

    init() throws { authority = try ClusterAuthority.create() }

    /// A node whose certificate names its own store's node id, unless
    /// `certificateNode` says otherwise; issued by this cluster's CA unless
    /// `issuer` is another one; in the format of earlier versions if `legacy`;
    /// recorded in the cluster's membership if `member` (see `StoreFixture.store`).
    func node(_ name: String, certificateNode: NodeID? = nil, issuer: ClusterAuthority? = nil,
              validity: (notBefore: Date, notAfter: Date)? = nil, legacy: Bool = false, member: Bool = false,
              configuration: StoreConfiguration = StoreConfiguration()) throws -> TestNode {
        let store = try StoreFixture.store(name, in: directory, member: member, configuration: configuration)
        let issuer = issuer ?? authority
        let node = certificateNode ?? store.node
        let credentials = if legacy {
            try LegacyNodeCertificate.issue(nodeID: node, nodeName: name, authority: issuer, in: directory.url)
        } else if let validity {
            try issuer.issueNodeCredentials(nodeID: node, nodeName: name, notValidBefore: validity.notBefore, notValidAfter: validity.notAfter)
        } else {
            try issuer.issueNodeCredentials(nodeID: node, nodeName: name)
        }
        let bundle = try NodeBundle(division: "branch", credentials: credentials, authorityCertificate: issuer.certificate)
        var identity = try SyncIdentity(bundle: bundle)
        // Whoever issued its certificate, the node trusts (and claims) this cluster.
        identity.clusterID = clusterID
        identity.trustRoots = [try NIOSSLCertificate(bytes: Array(authority.certificatePEM.utf8), format: .pem)]
        return TestNode(name: name, store: store, identity: identity, credentials: credentials)
    }

    /// Writes PEM files for `openssl s_client`: the CA, and the node's certificate and key.
    func writePEMFiles(for node: TestNode) throws -> (ca: String, certificate: String, key: String) {
        let folder = directory.subdirectory("pem-\(node.name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let ca = folder.appendingPathComponent("ca.pem"), certificate = folder.appendingPathComponent("node.pem")
        let key = folder.appendingPathComponent("node-key.pem")
        try Data(authority.certificatePEM.utf8).write(to: ca)
        try Data(node.credentials.certificatePEM.utf8).write(to: certificate)
        _ = FileManager.default.createFile(atPath: key.path, contents: Data(node.credentials.privateKeyPEM.utf8), attributes: [.posixPermissions: 0o600])
        return (ca.path, certificate.path, key.path)
    }
}

struct TestNode: Sendable {
    let name: String
    let store: RedressStore
    let identity: SyncIdentity
    let credentials: NodeCredentials

    func client(_ configuration: SyncConfiguration = SyncConfiguration()) throws -> SyncClient {
        try SyncClient(store: store, identity: identity, configuration: configuration)
    }

    /// One sync with `server`, as `redress sync --peer` does.
    @discardableResult
    func sync(with server: SyncServer, _ configuration: SyncConfiguration = SyncConfiguration()) async throws -> SyncReport {
        try await client(configuration).syncOnce(with: SyncPeerAddress(host: "127.0.0.1", port: server.port))
    }
}

/// The outcome of every connection a test server handled, in order.
final class ServerLog: Sendable {
    typealias Outcome = Result<SyncReport, SyncError>
    private struct State {
        var results: [Outcome] = []
        var consumed = 0
        var waiter: CheckedContinuation<Outcome, Never>?
    }

    private let state = Mutex(State())

    func record(_ outcome: Outcome) {
        let waiter = state.withLock { state -> CheckedContinuation<Outcome, Never>? in
            state.results.append(outcome)
            guard let waiter = state.waiter else { return nil }
            state.waiter = nil
            state.consumed += 1
            return waiter
        }
        waiter?.resume(returning: outcome)
    }

    /// The next connection's outcome, waiting for it to end.
    func next() async -> Outcome {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Outcome? in
                guard state.consumed < state.results.count else {
                    state.waiter = continuation
                    return nil
                }
                state.consumed += 1
                return state.results[state.consumed - 1]
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// The next connection's refusal reason (the error code this server sent, or `nil`).
    func nextRefusal() async -> SyncErrorCode? {
        guard case .failure(let error) = await next(), case .ended(.refused(let failure))? = error.report?.outcome else { return nil }
        return failure.code
    }
}

/// Runs `body` with a server for `node` listening on 127.0.0.1, then stops it.
func withServer(_ node: TestNode, _ configuration: SyncConfiguration = SyncConfiguration(),
                _ body: (SyncServer, ServerLog) async throws -> Void) async throws {
    let log = ServerLog()
    let server = try await SyncServer.bind(host: "127.0.0.1", port: 0, store: node.store, identity: node.identity,
                                           configuration: configuration, onSession: { log.record($0) })
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        do {
            try await body(server, log)
        } catch {
            await server.close()
            group.cancelAll()
            throw error
        }
        await server.close()
        group.cancelAll()
        try await group.waitForAll()
    }
}

/// A misbehaving client: connects (with TLS and `identity` if given), writes
/// `bytes`, and returns everything the server sent until it closed the
/// connection. Gives up after `timeout` by closing itself.
func rawExchange(port: Int, tls identity: SyncIdentity?, send bytes: [UInt8], timeout: TimeAmount = .seconds(20)) async throws -> (received: [UInt8], error: String?) {
    let promise = MultiThreadedEventLoopGroup.singleton.any().makePromise(of: (received: [UInt8], error: String?).self)
    let context = try identity.map { try NIOSSLContext(configuration: $0.clientTLSConfiguration()) }
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                if let context { try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: nil)) }
                try channel.pipeline.syncOperations.addHandler(CollectingHandler(promise: promise))
            }
        }
        .connect(host: "127.0.0.1", port: port).get()
    channel.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    return try await promise.futureResult.get()
}

/// Collects inbound bytes and hands them over when the connection closes.
private final class CollectingHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let promise: EventLoopPromise<(received: [UInt8], error: String?)>
    private var received: [UInt8] = []
    private var error: String?
    private var done = false

    init(promise: EventLoopPromise<(received: [UInt8], error: String?)>) { self.promise = promise }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.error = self.error ?? "\(error)"
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) { finish() }
    func handlerRemoved(context: ChannelHandlerContext) { finish() }

    private func finish() {
        guard !done else { return }
        done = true
        promise.succeed((received, error))
    }
}

/// Splits bytes into length-prefixed frames and decodes each; stops at the first incomplete one.
func decodeFrames(_ bytes: [UInt8]) -> [SyncMessage] {
    var buffer = ByteBuffer(bytes: bytes)
    var messages: [SyncMessage] = []
    while let length = buffer.getInteger(at: buffer.readerIndex, endianness: .big, as: UInt32.self),
          buffer.readableBytes >= 4 + Int(length) {
        buffer.moveReaderIndex(forwardBy: 4)
        let frame = buffer.readBytes(length: Int(length)) ?? []
        if let message = try? SyncMessage(frame: frame) { messages.append(message) }
    }
    return messages
}

/// A length-prefixed frame around `payload`.
func framed(_ payload: [UInt8]) -> [UInt8] {
    withUnsafeBytes(of: UInt32(payload.count).bigEndian) { Array($0) } + payload
}
