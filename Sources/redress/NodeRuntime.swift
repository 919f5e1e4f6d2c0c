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
    private let contacts = PeerContacts()

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
                    onSession: { [logger, contacts] result in
                        if case .success(let report) = result { contacts.heard(from: report.peer) }
                        logSync(result, logger: logger)
                    })
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
    ///
    /// While backing off it still looks on every interval whether the peer
    /// is back (it synced with us, or a TCP probe answers), and then syncs at
    /// once: after a partition heals, nodes converge within about two
    /// intervals, not at the end of a back-off of up to ten minutes.
    private func syncLoop(with peer: SyncPeerAddress) async {
        var backoff = PeerBackoff(interval: interval)
        let client: SyncClient
        do {
            client = try SyncClient(store: store, identity: identity, configuration: configuration)
        } catch {
            logger.error("cannot set up TLS for peers", metadata: ["redress.reason": "\(error)"])
            return
        }
        var node: NodeID?
        // Probing helps only against a peer that did not answer: one that
        // answered and refused would answer a probe and refuse again.
        var unreachable = false
        while !Task.isCancelled {
            do throws(SyncError) {
                let report = try await client.syncOnce(with: peer)
                node = report.peer
                unreachable = false
                backoff.succeeded()
                logSync(.success(report), logger: logger)
            } catch {
                node = error.report?.peer ?? node
                unreachable = error.code == .connect || error.report.map { $0.outcome == .ended(.connectionLost) } ?? false
                backoff.failed()
                logSync(.failure(error), logger: logger)
                logger.info("next attempt", metadata: ["redress.peer": "\(peer)", "redress.in": "\(backoff.nextDelay)"])
            }
            guard await wait(for: peer, node: node, probing: unreachable, backoff: &backoff, client: client) else { return }
        }
    }

    /// Sleeps until the next attempt; `false` once the node is stopping.
    private func wait(for peer: SyncPeerAddress, node: NodeID?, probing: Bool, backoff: inout PeerBackoff, client: SyncClient) async -> Bool {
        guard backoff.isBackingOff else { return (try? await Task.sleep(for: interval)) != nil }
        let clock = ContinuousClock()
        let deadline = clock.now + backoff.nextDelay
        let heard = node.map(contacts.generation) ?? 0
        while clock.now < deadline {
            guard (try? await Task.sleep(for: min(interval, deadline - clock.now))) != nil else { return false }
            if let node, contacts.generation(of: node) != heard {
                logger.info("the peer connected to this node: syncing now", metadata: ["redress.peer": "\(peer)"])
                backoff.heardFrom()
                return true
            }
            if probing, clock.now < deadline, await client.probe(peer) {
                logger.info("the peer answers again: syncing now", metadata: ["redress.peer": "\(peer)"])
                backoff.heardFrom()
                return true
            }
        }
        return true
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
