import ArgumentParser
import Foundation
import RedressKeys
import RedressModel
import RedressNode
import RedressPKI
import RedressStore

extension Redress {
    /// `redress cluster …`: the cluster as a whole.
    struct ClusterCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cluster",
            abstract: "Create a cluster of Redress nodes.",
            subcommands: [Init.self])
    }

    /// `redress node …`: the cluster's membership list.
    struct NodeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "node",
            abstract: "Add, retire and list the nodes of this node's cluster.",
            subcommands: [Add.self, Retire.self, List.self])
    }
}

extension Redress.ClusterCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make this node the first of a new cluster: a cluster id, the cluster's CA, this node's certificate, no complaints.",
            discussion: """
                The CA's private key stays in this node's data folder (tls/ca/ca-key.pem, owner-only): \
                run `redress node add` here to add nodes. Refuses, changing nothing, if a store exists.
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("This node's division (subsidiary) code.", valueName: "code"))
        var division: String

        @Option(help: ArgumentHelp("The division's display name (default: the code).", valueName: "name"))
        var divisionName: String?

        @Option(help: ArgumentHelp("This node's name (default: the host name).", valueName: "name"))
        var nodeName: String?

        @Option(help: ArgumentHelp("The login of the node's first account, an admin (default: the login name).", valueName: "login"))
        var admin: String?

        @Option(help: ArgumentHelp("Where to write the cluster's recovery key, to be kept offline (default: redress-recovery-key.txt beside the data folder).",
                                   valueName: "file"))
        var recoveryKeyOut: String?

        func run() throws {
            let adminLogin = FirstAdmin.login(explicit: admin ?? options.user)
            let keyFile = recoveryKeyOut.map { URL(fileURLWithPath: $0) }
                ?? options.dataDirectory.deletingLastPathComponent().appendingPathComponent("redress-recovery-key.txt")
            if RedressStore.exists(at: options.dataDirectory) { throw StoreError.alreadyInitialized(path: options.dataDirectory.path) }
            guard !FileManager.default.fileExists(atPath: keyFile.path) else {
                throw CLIError("\(keyFile.path) exists already (a recovery key of another cluster?); move it away or give --recovery-key-out")
            }
            // The file first: a cluster is never made without its recovery key written.
            let recovery = RecoveryKey.generate()
            try FileManager.default.createDirectory(at: keyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try recovery.write(to: keyFile)
            let store: RedressStore, bundle: NodeBundle
            do {
                (store, bundle) = try ClusterBootstrap.createCluster(
                    in: options.dataDirectory, division: division, divisionName: divisionName,
                    nodeName: nodeName ?? ProcessInfo.processInfo.hostName, user: adminLogin, admin: adminLogin)
                try store.recordRecoveryKey(recovery)
            } catch {
                try? FileManager.default.removeItem(at: keyFile)
                throw error
            }
            let files = NodeFiles(dataDirectory: store.directory)
            print("Created cluster \(bundle.clusterID.uuidString.lowercased()) in \(store.directory.path)")
            print("Node \(store.nodeName) (division \(store.division)) has id \(store.node)")
            print("The cluster CA's private key is in \(files.authorityDirectory.path): keep it owner-only and back it up.")
            print("Add nodes with `redress node add NAME --division CODE --out DIR` on this node.")
            print(RecoveryKeyNotice.text(keyFile))
            print(AdminNotice.text(adminLogin))
        }
    }
}

extension Redress.NodeCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new node's certificate and write its bundle; record it in the membership list.",
            discussion: """
                Runs on the node that ran `redress cluster init` (it holds the CA). DIR gets the new node's \
                private key, certificate, the CA certificate and the cluster id: move it to the new node \
                over a secure channel and run `redress init --join DIR` there.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: ArgumentHelp("The new node's name (its certificate's common name).", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp("The division the new node serves; added with default promises if new.", valueName: "code"))
        var division: String

        @Option(help: ArgumentHelp("Where to write the bundle (created owner-only if missing).", valueName: "dir"))
        var out: String

        func run() throws {
            let (node, actor) = try options.openNode()
            try node.authorize(actor, .manageNodes, in: division)
            let store = node.store
            let files = NodeFiles(dataDirectory: options.dataDirectory)
            guard files.holdsAuthority else {
                throw CLIError("this node holds no cluster CA (\(files.authorityDirectory.path)): "
                    + "run this on the node that ran `redress cluster init`")
            }
            let authority = try files.loadAuthority()
            guard store.clusterID == authority.clusterID else {
                throw CLIError("the CA in \(files.authorityDirectory.path) is for cluster \(authority.clusterID.uuidString.lowercased()), "
                    + "but this store belongs to \(store.clusterID.map { $0.uuidString.lowercased() } ?? "no cluster")")
            }
            try NodeCredentials.validate(nodeName: name)
            if let taken = try store.members().first(where: { $0.name == name && !$0.retired }) {
                throw CLIError("node \(taken.node) is already named \(name); choose another name (or retire it first)")
            }
            let outDirectory = URL(fileURLWithPath: out)
            for file in NodeBundle.fileNames where FileManager.default.fileExists(atPath: outDirectory.appendingPathComponent(file).path) {
                throw PKIError.fileExists(path: outDirectory.appendingPathComponent(file).path)
            }
            let newNode = NodeID.random()
            let credentials = try authority.issueNodeCredentials(nodeID: newNode, nodeName: name)
            let bundle = try NodeBundle(division: division, credentials: credentials, authorityCertificate: authority.certificate)
            let outExisted = FileManager.default.fileExists(atPath: outDirectory.path)
            do {
                try bundle.write(to: outDirectory)
                try store.addMember(newNode, name: name, division: division, certificateSerial: bundle.serialNumber, user: actor.login)
            } catch {
                // No bundle for a node that is not a member, and no member without its bundle.
                for file in NodeBundle.fileNames { try? FileManager.default.removeItem(at: outDirectory.appendingPathComponent(file)) }
                if !outExisted { try? FileManager.default.removeItem(at: outDirectory) }
                throw error
            }
            print("Added node \(name) (division \(division)) with id \(newNode)")
            print("Its bundle is in \(outDirectory.path); it holds the node's private key.")
            print("Move it to the new node over a secure channel, run `redress init --join DIR` there, then delete it.")
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retire a node: every node that learns it refuses that node from then on. Its data and history stay.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: ArgumentHelp("The node's name or node id.", valueName: "name"))
        var name: String

        func run() throws {
            let (node, actor) = try options.openNode()
            try node.authorizeEverywhere(actor, .manageNodes)
            let store = node.store
            let member = try store.resolveMember(name)
            guard member.node != store.node else {
                throw CLIError("\(name) is this node (\(store.node)): a node cannot retire itself; "
                    + "run `redress node retire` on another node of the cluster")
            }
            let label = "\(member.name ?? name) (\(member.node))"
            if member.retired {
                print("Node \(label) is already retired")
                return
            }
            try store.retireMember(member.node, user: actor.login)
            print("Retired node \(label). Nodes refuse it once they learn this by syncing; its data and history stay.")
            print("Division \(member.division ?? "?") has a new key for personal data written from now on, which the retired node never receives.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the cluster's members: division, status (active/retired) and when this node last heard from each.")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Print a JSON array for scripts.")
        var json = false

        /// One member for scripts.
        struct MemberJSON: Encodable {
            var node_id: String
            var name: String?
            var division: String?
            var status: String
            var certificate_serial: String?
            var last_contact: String?
            var this_node: Bool
        }

        func run() throws {
            let store = try options.openStore()
            let members = try store.members()
            if json {
                print(try JSONOutput.render(members.map { member in
                    MemberJSON(node_id: member.node.description, name: member.name, division: member.division,
                               status: member.retired ? "retired" : "active", certificate_serial: member.certificateSerial,
                               last_contact: TimeFormat.string(member.lastContactAt), this_node: member.node == store.node)
                }))
                return
            }
            var table = TextTable(["NAME", "NODE ID", "DIVISION", "STATUS", "LAST CONTACT"])
            for member in members {
                let contact = member.node == store.node ? "(this node)"
                    : member.lastContactAt.map { TimeFormat.short($0) } ?? "never"
                table.append([member.name ?? "?", member.node.description, member.division ?? "?",
                              member.retired ? "retired" : "active", contact])
            }
            print(table.render())
            let retired = members.filter(\.retired).count
            let cluster = store.clusterID.map { "cluster \($0.uuidString.lowercased())" } ?? "no cluster (a standalone node)"
            print("\(members.count) member\(members.count == 1 ? "" : "s")\(retired > 0 ? " (\(retired) retired)" : "") in \(cluster)")
        }
    }
}
