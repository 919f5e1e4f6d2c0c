import RedressModel
import Synchronization

/// Which peers connected to this node, for the dialling loops: a peer that
/// syncs with us is reachable, so a loop backing off from it tries again
/// at once instead of at the end of its back-off.
final class PeerContacts: Sendable {
    private let counts = Mutex<[NodeID: UInt64]>([:])

    /// A peer completed a session that it opened.
    func heard(from node: NodeID) {
        counts.withLock { $0[node, default: 0] += 1 }
    }

    /// A number that changes each time `node` is heard from.
    func generation(of node: NodeID) -> UInt64 {
        counts.withLock { $0[node] ?? 0 }
    }
}
