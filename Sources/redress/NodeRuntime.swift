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
                    onSession: { [logger] result in logSync(result, logger: logger) })
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
                logSync(.success(report), logger: logger)
            } catch {
                backoff.failed()
                logSync(.failure(error), logger: logger)
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

/// Logs a sync's outcome. The sync library has recorded it for `redress
/// status` already (`SyncEndpoint.recordContact`, once per session or failed
/// connection), so this only says what happened.
func logSync(_ result: Result<SyncReport, SyncError>, logger: Logger) {
    switch result {
    case .success(let report):
        logger.info("synced", metadata: [
            "redress.peer": "\(report.peer)", "redress.address": "\(report.peerAddress)",
            "redress.sent": "\(report.changesSent)", "redress.received": "\(report.changesReceived)",
            "redress.applied": "\(report.changesApplied)", "redress.duration": "\(report.duration)",
        ])
    case .failure(let error):
        logger.warning("sync failed", metadata: ["redress.address": "\(error.peerAddress)", "redress.reason": "\(error.detail)"])
    }
}
