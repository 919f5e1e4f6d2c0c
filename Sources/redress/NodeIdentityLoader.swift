import Foundation
import RedressModel
import RedressPKI
import RedressStore
import RedressSync

/// Loads what a node needs to talk to peers: its TLS identity from the data
/// folder, and its sync settings (the membership check that refuses retired
/// nodes is the sync library's own, reading the store's `member` records).
enum NodeIdentityLoader {
    static func identity(for store: RedressStore) throws -> SyncIdentity {
        let files = NodeFiles(dataDirectory: store.directory)
        guard files.exist else {
            throw CLIError("""
                this node has no cluster identity in \(files.directory.path): \
                make the first node with `redress cluster init --division CODE`, \
                or join with `redress node add NAME --division CODE --out DIR` on the first node and `redress init --join DIR` here
                """)
        }
        let bundle = try files.loadBundle()
        // TLS files copied from another cluster's node would make this node speak for a cluster its data is not from.
        if let cluster = store.clusterID, cluster != bundle.clusterID {
            throw CLIError("the TLS files in \(files.directory.path) belong to cluster \(bundle.clusterID.uuidString.lowercased()), but this store belongs to cluster \(cluster.uuidString.lowercased())")
        }
        return try SyncIdentity(bundle: bundle)
    }

    static func configuration(for store: RedressStore, keyExchange: TLSKeyExchange = .default) -> SyncConfiguration {
        var configuration = SyncConfiguration()
        configuration.softwareVersion = "redress \(RedressVersion.current)"
        configuration.keyExchange = keyExchange
        return configuration
    }
}
