import Foundation
import RedressModel
import RedressNode
import RedressPKI
import RedressStore

/// Makes the data folder of a cluster node, for `redress cluster init` and
/// `redress init --join`: first the TLS files (`NodeFiles`), then the store,
/// whose existence marks a finished node. If any step fails, everything made
/// so far is removed, so a failed attempt can simply be run again.
enum ClusterBootstrap {
    /// A new cluster: its CA (kept in this node's `tls/ca/`), this node's
    /// certificate issued by it, a new store that lists this node as the
    /// first member.
    static func createCluster(in dataDirectory: URL, division: String, divisionName: String?,
                              nodeName: String, user: String, admin: String) throws -> (store: RedressStore, bundle: NodeBundle) {
        try refuseExisting(dataDirectory)
        let node = NodeID.random()
        let authority = try ClusterAuthority.create()
        let credentials = try authority.issueNodeCredentials(nodeID: node, nodeName: nodeName)
        let bundle = try NodeBundle(division: division, credentials: credentials, authorityCertificate: authority.certificate)
        let store = try undoingOnFailure(dataDirectory) {
            try NodeFiles(dataDirectory: dataDirectory).install(bundle, authority: authority)
            return try RedressStore.create(
                at: dataDirectory, division: division, divisionName: divisionName, nodeName: bundle.nodeName,
                node: node, clusterID: authority.clusterID, user: user) { tx in
                try tx.addMember(node, name: bundle.nodeName, division: division, certificateSerial: bundle.serialNumber)
                try FirstAdmin.create(in: tx, login: admin, division: division)
            }
        }
        return (store, bundle)
    }

    /// A node joining a cluster from the bundle `redress node add` wrote:
    /// its node id, cluster id, name and division come from the bundle.
    /// A `division` given on the command line must be the bundle's.
    static func join(in dataDirectory: URL, bundleDirectory: URL, user: String, admin: String,
                     expectedDivision: String? = nil) throws -> (store: RedressStore, bundle: NodeBundle) {
        try refuseExisting(dataDirectory)
        let bundle = try NodeBundle.read(from: bundleDirectory)
        // A node that joins with a certificate outside its window would be refused by every peer.
        let now = Date()
        if bundle.notValidAfter <= now {
            throw CLIError("the node certificate in \(bundleDirectory.path) expired on \(TimeFormat.short(Int64(bundle.notValidAfter.timeIntervalSince1970 * 1000)) + " UTC"); "
                + "ask an admin for a new bundle (`redress node add \(bundle.nodeName) --division \(bundle.division) --out DIR`). Nothing was changed")
        }
        if bundle.notValidBefore > now.addingTimeInterval(300) {
            throw CLIError("the node certificate in \(bundleDirectory.path) is not valid before \(TimeFormat.short(Int64(bundle.notValidBefore.timeIntervalSince1970 * 1000)) + " UTC"); "
                + "check this machine's clock. Nothing was changed")
        }
        if let expectedDivision, expectedDivision != bundle.division {
            throw CLIError("the bundle in \(bundleDirectory.path) is for division \(bundle.division), not \(expectedDivision); "
                + "leave out --division or ask for a bundle for \(expectedDivision)")
        }
        let store = try undoingOnFailure(dataDirectory) {
            try NodeFiles(dataDirectory: dataDirectory).install(bundle)
            // The cluster has its taxonomy, promises and this node's member
            // record already: what this node seeds must lose to them.
            return try RedressStore.create(
                at: dataDirectory, division: bundle.division, nodeName: bundle.nodeName, node: bundle.nodeID,
                clusterID: bundle.clusterID, defaultsYield: true, user: user) { tx in
                try tx.addMember(bundle.nodeID, name: bundle.nodeName, division: bundle.division, certificateSerial: bundle.serialNumber)
                // Stamped at time 0 like the defaults: the cluster's own record of this login wins.
                try FirstAdmin.create(in: tx, login: admin, division: bundle.division)
            }
        }
        return (store, bundle)
    }

    /// Refuses, changing nothing, if the folder holds a store or TLS files.
    private static func refuseExisting(_ dataDirectory: URL) throws {
        if RedressStore.exists(at: dataDirectory) { throw StoreError.alreadyInitialized(path: dataDirectory.path) }
        let files = NodeFiles(dataDirectory: dataDirectory)
        if files.exist {
            throw CLIError("\(files.directory.path) exists but there is no store beside it (left by an earlier attempt?); "
                + "move it away and run the command again. Nothing was changed")
        }
    }

    /// Runs `body`; if it throws, removes the TLS files, the store files and
    /// the data folder itself if `body` created it.
    private static func undoingOnFailure<T>(_ dataDirectory: URL, _ body: () throws -> T) throws -> T {
        let folderExisted = FileManager.default.fileExists(atPath: dataDirectory.path)
        do {
            return try body()
        } catch {
            try? NodeFiles(dataDirectory: dataDirectory).remove()
            let database = dataDirectory.appendingPathComponent(RedressStore.databaseFileName).path
            RedressStore.removeDatabaseFiles(atPath: database)
            if !folderExisted, (try? FileManager.default.contentsOfDirectory(atPath: dataDirectory.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: dataDirectory)
            }
            throw error
        }
    }
}
