import Foundation
import RedressModel
import RedressPKI
import RedressStore
import RedressSync

/// One node of the sync benchmark: a store in its own folder and the TLS
/// identity the cluster's CA issued it, made the way `redress init --join`
/// makes a node (the node lists itself as a member).
struct SyncBenchmarkNode: Sendable {
    static let user = "bench"

    let name: String
    let store: RedressStore
    let identity: SyncIdentity

    init(name: String, division: String, authority: ClusterAuthority, in workspace: URL) throws {
        let node = NodeID.random()
        let credentials = try authority.issueNodeCredentials(nodeID: node, nodeName: name)
        let bundle = try NodeBundle(division: division, credentials: credentials, authorityCertificate: authority.certificate)
        self.name = name
        self.identity = try SyncIdentity(bundle: bundle)
        self.store = try RedressStore.create(
            at: workspace.appendingPathComponent(name), division: division, nodeName: name, node: node,
            clusterID: authority.clusterID, user: Self.user) { tx in
            try tx.addMember(node, name: name, division: division, certificateSerial: bundle.serialNumber)
        }
    }

    /// A client for syncs this node starts.
    func client(_ configuration: SyncConfiguration) throws -> SyncClient {
        try SyncClient(store: store, identity: identity, configuration: configuration)
    }

    /// Serves this node on 127.0.0.1 (an ephemeral port) while `body` runs.
    func serving<T: Sendable>(_ configuration: SyncConfiguration,
                              _ body: @Sendable (SyncPeerAddress) async throws -> T) async throws -> T {
        let server = try await SyncServer.bind(host: "127.0.0.1", port: 0, store: store, identity: identity,
                                               configuration: configuration)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let result: Result<T, any Error>
            do {
                result = .success(try await body(SyncPeerAddress(host: "127.0.0.1", port: server.port)))
            } catch {
                result = .failure(error)
            }
            await server.close()
            group.cancelAll()
            try? await group.waitForAll()
            return try result.get()
        }
    }
}
