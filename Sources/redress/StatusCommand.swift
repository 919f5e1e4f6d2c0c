import ArgumentParser
import Foundation
import RedressNode
import RedressModel
import RedressStore
import RedressSync

extension Redress {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show each peer's last successful sync and how far behind each side is.")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Print JSON for scripts.")
        var json = false

        @Option(help: ArgumentHelp("Warn about a peer whose clock differs from ours by more than this many seconds (default 10, as `serve`).",
                                   valueName: "seconds"))
        var clockWarning: Double?

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
            /// How far the peer's clock was ahead of this node's at the last contact (negative: behind).
            var clock_offset_seconds: Double?
            /// Whether that is more than the warning threshold (`serve --clock-warning`, default 10 s).
            var clock_warning: Bool
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
            let warning = Int64(clockWarning.map { $0 * 1000 } ?? Double(SyncConfiguration.defaultClockWarningMillis))
            let peers = try store.peerStatuses().map { peer in
                PeerJSON(node: peer.node?.description, name: peer.node.flatMap { names[$0] }, address: peer.address,
                         last_contact: TimeFormat.string(peer.lastContactAt), last_sync: TimeFormat.string(peer.lastSyncAt),
                         last_error: peer.lastError,
                         peer_lacks: peer.peerVersionVector.map { vector.changesMissing(from: $0) },
                         we_lack: peer.peerVersionVector.map { $0.changesMissing(from: vector) },
                         clock_offset_seconds: peer.clockOffsetMillis.map { Double($0) / 1000 },
                         clock_warning: (peer.clockOffsetMillis?.magnitude ?? 0) > warning.magnitude)
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
            for peer in peers where peer.clock_warning {
                let offset = peer.clock_offset_seconds ?? 0
                print("Warning: the clock of \(peer.name ?? peer.node ?? "?") is \(String(format: "%.1f", offset.magnitude)) s \(offset > 0 ? "ahead of" : "behind") this node's; "
                      + "changes stamped more than the drift limit (default 60 s) ahead are refused: fix the clock (NTP)")
            }
        }
    }
}
