import Foundation
import Logging
import RedressModel
import RedressStore
import RedressSync
import ServiceLifecycle

/// A running node: a listener for peers and one sync loop per configured
/// peer, as a service of `serve`'s group: the group's graceful shutdown
/// (SIGTERM, Ctrl-C) cancels it, so peers get a goodbye and the listener closes.
struct NodeRuntime: Service {
    let store: RedressStore
    let identity: SyncIdentity
    let configuration: SyncConfiguration
    let listen: SyncPeerAddress?
    let peers: [SyncPeerAddress]
    let interval: Duration
    let logger = Logger(label: "redress.node")

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await runUntilCancelled() }
        } catch is CancellationError {
            // The group is shutting down and asked this service to stop: that is a normal end.
        }
    }

    private func runUntilCancelled() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            if let listen {
                let server = try await SyncServer.bind(
                    host: listen.host, port: listen.port, store: store, identity: identity, configuration: configuration,
                    onSession: { [store, logger] result in record(result, address: nil, store: store, logger: logger) })
                print("Listening for peers on \(listen.host):\(server.port)")
                group.addTask {
                    try await withTaskCancellationHandler {
                        try await server.run()
                    } onCancel: {
                        Task { await server.close() }
                    }
                }
            }
            for peer in peers {
                group.addTask { await syncLoop(with: peer) }
            }
        }
    }

    /// Syncs with `peer` on the interval, backing off while it is down.
    private func syncLoop(with peer: SyncPeerAddress) async {
        var backoff = PeerBackoff(interval: interval)
        let client: SyncClient
        do {
            client = try SyncClient(store: store, identity: identity, configuration: configuration)
        } catch {
            logger.error("cannot set up TLS for peers", metadata: ["redress.reason": "\(error)"])
            return
        }
        while !Task.isCancelled {
            do throws(SyncError) {
                let report = try await client.syncOnce(with: peer)
                backoff.succeeded()
                record(.success(report), address: peer.description, store: store, logger: logger)
            } catch {
                backoff.failed()
                record(.failure(error), address: peer.description, store: store, logger: logger)
                logger.info("next attempt", metadata: ["redress.peer": "\(peer)", "redress.in": "\(backoff.nextDelay)"])
            }
            do {
                try await Task.sleep(for: backoff.nextDelay)
            } catch {
                return  // cancelled: the node is stopping
            }
        }
    }
}

/// Logs a sync's outcome and keeps the peer's status for `redress status`.
func record(_ result: Result<SyncReport, SyncError>, address: String?, store: RedressStore, logger: Logger) {
    do {
        switch result {
        case .success(let report):
            logger.info("synced", metadata: [
                "redress.peer": "\(report.peer)", "redress.address": "\(report.peerAddress)",
                "redress.sent": "\(report.changesSent)", "redress.received": "\(report.changesReceived)",
                "redress.applied": "\(report.changesApplied)", "redress.duration": "\(report.duration)",
            ])
            try store.recordPeerContact(node: report.peer, address: address,
                                        outcome: report.isComplete ? .synced : .failed(reason: "\(report.outcome)"),
                                        peerVersionVector: report.peerVectorAtStart.map { vector in
                                            // What the peer has now: what it had, plus what we sent it.
                                            vector.merged(with: (try? store.versionVector()) ?? VersionVector())
                                        })
        case .failure(let error):
            logger.warning("sync failed", metadata: ["redress.address": "\(error.peerAddress)", "redress.reason": "\(error.detail)"])
            if let address {
                try store.recordPeerContact(node: error.report?.peer, address: address, outcome: .failed(reason: error.detail))
            } else if let peer = error.report?.peer {
                // An incoming session: its address is the peer's ephemeral port,
                // which says nothing next time; the node it proved to be does.
                try store.recordPeerContact(node: peer, address: nil, outcome: .failed(reason: error.detail))
            }
            // An incoming connection that never identified itself (a port
            // scan, a plaintext client, a refused certificate) is only logged:
            // recorded by its ephemeral address it would linger in `status`.
        }
    } catch {
        logger.warning("cannot record the peer's status", metadata: ["redress.reason": "\(error)"])
    }
}
