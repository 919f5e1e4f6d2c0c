import Logging
import NIOCore
import NIOPosix
import NIOSSL
import RedressModel
import RedressPKI
import RedressStore
import RedressWire

/// What a node's server and client share, and the per-connection steps that
/// come before a session: the TLS handshake, the peer's node id from its
/// certificate, its membership.
struct SyncEndpoint: Sendable {
    let store: RedressStore
    let identity: SyncIdentity
    let configuration: SyncConfiguration
    let logger: Logger
    let threadPool: NIOThreadPool
    /// Refusals before a session (bad TLS, no certificate) are logged a few per window.
    let refusals = LogThrottle()

    var local: SyncSessionStateMachine.Local {
        var local = SyncSessionStateMachine.Local(clusterID: identity.clusterID, node: store.node, softwareVersion: configuration.softwareVersion,
                                                  maxFrameLength: configuration.maxFrameLength, admitUnknownNodes: configuration.admitUnknownNodes)
        local.acceptsDeflate = configuration.compressesFrames
        return local
    }

    /// Adds the sync handlers to a new channel (in a bootstrap's initializer).
    func configure(_ channel: any Channel, tls: NIOSSLHandler, peerAddress: String? = nil) throws -> SyncConnectionChannel {
        let traffic = SyncTraffic()
        let configured = try SyncPipeline.configure(channel: channel, tls: tls, maxFrameLength: configuration.maxFrameLength,
                                                    idleTimeout: configuration.idleTimeout, handshakeTimeout: configuration.handshakeTimeout,
                                                    traffic: traffic)
        return SyncConnectionChannel(channel: configured.channel, handshake: configured.handshake, traffic: traffic, peerAddress: peerAddress)
    }

    /// Runs one connection to its end.
    ///
    /// - Throws: `SyncError` if the handshake or the peer's identity fails,
    ///   or if the session did not complete (its report is in the error).
    func run(_ connection: SyncConnectionChannel, role: SyncSessionStateMachine.Role) async throws(SyncError) -> SyncReport {
        let result: Result<SyncReport, SyncError>
        do throws(SyncError) {
            result = .success(try await session(connection, role: role))
        } catch {
            result = .failure(error)
        }
        // The peer's node id, if its certificate named it: every report carries it.
        let peer: NodeID? = switch result {
        case .success(let report): report.peer
        case .failure(let error): error.report?.peer
        }
        await recordContact(node: peer, dialled: role == .initiator ? connection.peerAddress : nil, result: result)
        return try result.get()
    }

    private func session(_ connection: SyncConnectionChannel, role: SyncSessionStateMachine.Role) async throws(SyncError) -> SyncReport {
        let address = connection.peerAddress
        var logger = logger
        logger[metadataKey: "redress.peer"] = "\(address)"
        do {
            return try await connection.channel.executeThenClose { inbound, outbound in
                let certificate: NIOSSLCertificate?
                do {
                    certificate = try await connection.handshake.get()
                } catch {
                    throw SyncError(.tlsHandshake, peerAddress: address, "TLS handshake failed: \(Self.describe(error))")
                }
                let peer: NodeID
                do {
                    guard let certificate else { throw PKIError.missingNodeIdentity }
                    peer = try NodeIdentity.nodeID(fromCertificateDER: try certificate.toDERBytes())
                } catch {
                    let failure = SyncFailure(.nodeIDMismatch, "the certificate names no valid node")
                    try? await outbound.write(SyncMessage.error(failure).envelope)
                    throw SyncError(.peerIdentity, peerAddress: address, "the peer's certificate carries no valid node id (\(error))")
                }
                logger[metadataKey: "redress.peer.node"] = "\(peer)"
                let membership: MembershipStatus
                do {
                    membership = try await membershipStatus(of: peer)
                } catch {
                    let failure = SyncFailure(.internal, "the peer could not read its membership list")
                    try? await outbound.write(SyncMessage.error(failure).envelope)
                    throw SyncError(.store, peerAddress: address, "cannot read the membership list: \(error)")
                }
                let session = SyncSession(role: role, store: store, local: local, configuration: configuration, certifiedPeer: peer,
                                          membership: membership, peerAddress: address, traffic: connection.traffic,
                                          threadPool: threadPool, logger: logger)
                let report = await session.run(inbound: inbound, outbound: outbound, channel: connection.channel.channel)
                Self.log(report, logger: logger)
                guard report.isComplete else {
                    if let localError = report.localError {
                        throw SyncError(.session, peerAddress: address, "could not apply the peer's changes: \(localError)", report: report)
                    }
                    if case .ended(let end) = report.outcome {
                        let cause = report.transportError.map { " (\($0))" } ?? ""
                        throw SyncError(.session, peerAddress: address, end.description + cause, report: report)
                    }
                    throw SyncError(.session, peerAddress: address, "the session did not complete", report: report)
                }
                return report
            }
        } catch let error as SyncError {
            if error.code == .tlsHandshake, connection.traffic.wireBytesReceived == 0 {
                // Closed before saying anything: a peer's reachability probe, or a port scan.
                logger.debug("a connection closed before its TLS handshake", metadata: ["redress.reason": "\(error.detail)"])
            } else if error.report == nil {
                // A flood of bad connections logs a few lines, not one per connection.
                refusals.log(logger) { $0.warning("sync refused", metadata: ["redress.reason": "\(error.detail)"]) }
            }
            throw error
        } catch {
            logger.warning("sync failed", metadata: ["redress.reason": "\(error)"])
            throw SyncError(.session, peerAddress: address, "\(error)")
        }
    }

    /// What the membership list says of `node`.
    func membershipStatus(of node: NodeID) async throws -> MembershipStatus {
        if let lookup = configuration.membership { return try lookup(node) }
        return try await threadPool.runIfActive { [store] in
            guard let member = try store.member(node) else { return .unknown }
            return member.retired ? .retired : .active
        }
    }

    /// Notes the outcome in the store's local peer status (`redress status`,
    /// `redress node list`). Best effort: bookkeeping never fails a sync.
    ///
    /// - Parameters:
    ///   - node: the peer, if its certificate identified it.
    ///   - dialled: the address this node dialled; `nil` for accepted connections.
    func recordContact(node: NodeID?, dialled: String?, result: Result<SyncReport, SyncError>) async {
        guard node != nil || dialled != nil else { return }
        let outcome: PeerContactOutcome
        var vector: VersionVector?
        let offset: Int64?
        switch result {
        case .success(let report):
            outcome = .synced
            // Both sides now hold at least what either held at the start.
            vector = report.peerVectorAtStart.map { $0.merged(with: report.localVectorAtStart) }
            offset = report.peerClockOffsetMillis
        case .failure(let error):
            outcome = .failed(reason: error.detail)
            vector = error.report?.peerVectorAtStart
            offset = error.report?.peerClockOffsetMillis
        }
        let peerVector = vector
        do {
            try await threadPool.runIfActive { [store] in
                try store.recordPeerContact(node: node, address: dialled, outcome: outcome, peerVersionVector: peerVector,
                                            clockOffsetMillis: offset)
            }
        } catch {
            logger.debug("cannot record the peer's status", metadata: ["redress.error": "\(error)"])
        }
    }

    /// One line per session: counts, bytes and the outcome; never data.
    static func log(_ report: SyncReport, logger: Logger) {
        let metadata: Logger.Metadata = [
            "redress.role": "\(report.role)",
            "redress.sent.changes": "\(report.changesSent)",
            "redress.received.changes": "\(report.changesReceived)",
            "redress.applied.changes": "\(report.changesApplied)",
            "redress.wire.bytes": "\(report.wireBytesSent + report.wireBytesReceived)",
            "redress.duration.ms": "\(report.duration.components.seconds * 1000 + report.duration.components.attoseconds / 1_000_000_000_000_000)",
        ]
        switch report.outcome {
        case .completed:
            logger.info("sync completed", metadata: metadata)
        case .ended(let end):
            var metadata = metadata
            metadata["redress.reason"] = "\(end)"
            logger.warning("sync ended early", metadata: metadata)
        }
    }

    /// TLS errors as people can read them.
    static func describe(_ error: any Error) -> String {
        if let error = error as? NIOSSLError {
            switch error {
            case .handshakeFailed(let reason): return "\(reason)"
            default: return "\(error)"
            }
        }
        return "\(error)"
    }
}
