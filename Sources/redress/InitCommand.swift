import ArgumentParser
import Foundation
import RedressModel
import RedressNode
import RedressPKI
import RedressStore

extension Redress {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an empty store for this node: the default taxonomy, its division and promises, no complaints.",
            discussion: """
                With --join DIR, the node joins a cluster from the bundle `redress node add` wrote: its node id, \
                name, division and certificate come from the bundle, and its TLS files are copied into the data \
                folder (tls/, owner-only). Refuses, changing nothing, if a store exists.
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("This node's division (subsidiary) code; with --join, taken from the bundle.", valueName: "code"))
        var division: String?

        @Option(help: ArgumentHelp("The division's display name (default: the code).", valueName: "name"))
        var divisionName: String?

        @Option(help: ArgumentHelp("This node's name (default: the host name).", valueName: "name"))
        var nodeName: String?

        @Option(help: ArgumentHelp("Join a cluster from the bundle in this folder (from `redress node add`).", valueName: "dir"))
        var join: String?

        @Option(help: ArgumentHelp("The login of the node's first account, an admin (default: the login name).", valueName: "login"))
        var admin: String?

        func validate() throws {
            if join == nil {
                guard division != nil else { throw ValidationError("Missing expected argument '--division <code>' (or '--join <dir>').") }
            } else {
                guard nodeName == nil, divisionName == nil else {
                    throw ValidationError("--node-name and --division-name cannot be given with --join: the bundle names the node, and the cluster its divisions.")
                }
            }
        }

        func run() throws {
            if let join {
                let (store, bundle) = try ClusterBootstrap.join(
                    in: options.dataDirectory, bundleDirectory: URL(fileURLWithPath: join), user: options.userName,
                    admin: FirstAdmin.login(explicit: admin ?? options.user), expectedDivision: division)
                print("Joined cluster \(bundle.clusterID.uuidString.lowercased()) in \(store.directory.path)")
                print("Node \(store.nodeName) (division \(store.division)) has id \(store.node)")
                print("Its TLS files are in \(store.directory.appendingPathComponent("tls").path); delete the bundle in \(join) now.")
                print("Sync with a node of the cluster to receive its data: `redress sync --peer HOST:PORT`.")
                print(AdminNotice.text(FirstAdmin.login(explicit: admin ?? options.user)))
                return
            }
            guard let division else { throw ValidationError("Missing expected argument '--division <code>'.") }
            let adminLogin = FirstAdmin.login(explicit: admin ?? options.user)
            let store = try RedressStore.create(
                at: options.dataDirectory, division: division, divisionName: divisionName,
                nodeName: nodeName ?? ProcessInfo.processInfo.hostName, user: adminLogin) { tx in
                try FirstAdmin.create(in: tx, login: adminLogin, division: division)
            }
            print("Created a Redress store for division \(store.division) in \(store.directory.path)")
            print("Node \(store.nodeName) has id \(store.node)")
            print(AdminNotice.text(adminLogin))
        }
    }
}

/// What `init` and `cluster init` say about the first account.
enum AdminNotice {
    static func text(_ login: String) -> String {
        "Its first account is the admin \(login) (commands act as it by default); give it a password for the web with `redress user password \(login)`."
    }
}
