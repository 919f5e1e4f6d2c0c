import ArgumentParser
import Foundation
import RedressNode
import RedressModel
import RedressStore

extension Redress {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show each peer's last successful sync and how far behind each side is.")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Print JSON for scripts.")
        var json = false

        struct PeerJSON: Encodable {
            var node: String?
            var name: String?
            var address: String?
            var last_contact: String?
            var last_sync: String?
            var last_error: String?
            /// Changes this node has that the peer lacked when they last spoke.
            var peer_lacks: UInt64?
            /// Changes the peer had that this node lacked when they last spoke.
            var we_lack: UInt64?
        }

        struct StatusJSON: Encodable {
            var node: String
            var name: String
            var division: String
            var cluster: String?
            var changes: UInt64
            var digest: String
            var peers: [PeerJSON]
        }

        func run() throws {
            let store = try options.openStore()
            let vector = try store.versionVector()
            let names = Dictionary(try store.members().map { ($0.node, $0.name ?? "") }, uniquingKeysWith: { first, _ in first })
            let peers = try store.peerStatuses().map { peer in
                PeerJSON(node: peer.node?.description, name: peer.node.flatMap { names[$0] }, address: peer.address,
                         last_contact: TimeFormat.string(peer.lastContactAt), last_sync: TimeFormat.string(peer.lastSyncAt),
                         last_error: peer.lastError,
                         peer_lacks: peer.peerVersionVector.map { vector.changesMissing(from: $0) },
                         we_lack: peer.peerVersionVector.map { $0.changesMissing(from: vector) })
            }
            let status = StatusJSON(node: store.node.description, name: store.nodeName, division: store.division,
                                    cluster: store.clusterID?.uuidString.lowercased(), changes: vector.total,
                                    digest: try store.digest(), peers: peers)
            if json {
                print(try JSONOutput.render(status))
                return
            }
            print("Node \(status.name) (\(status.node)), division \(status.division), \(status.changes) changes, digest \(status.digest.prefix(16))…")
            guard !peers.isEmpty else {
                print("No peer has been in contact yet.")
                return
            }
            var table = TextTable(["PEER", "ADDRESS", "LAST SYNC", "LAST CONTACT", "PEER LACKS", "WE LACK", "LAST ERROR"])
            for peer in peers {
                table.append([peer.name ?? peer.node ?? "?", peer.address ?? "-", peer.last_sync ?? "never", peer.last_contact ?? "never",
                              peer.peer_lacks.map(String.init) ?? "?", peer.we_lack.map(String.init) ?? "?", peer.last_error ?? ""])
            }
            print(table.render())
            print("(lacks: changes one side had that the other did not, as of their last contact)")
        }
    }
}
