public import RedressWire

/// Why a session ended before it was complete.
public enum SyncSessionEnd: Sendable, Hashable, CustomStringConvertible {
    /// This node refused the peer or its messages, and told it why.
    case refused(SyncFailure)
    /// The peer refused this node or its messages.
    case refusedByPeer(SyncFailure)
    /// The peer said goodbye before the session was complete (it is shutting down).
    case peerLeft(SyncGoodbye)
    /// This node is shutting down.
    case shuttingDown
    /// The connection closed or broke before the session was complete.
    case connectionLost

    public var description: String {
        switch self {
        case .refused(let failure): "refused the peer: \(failure)"
        case .refusedByPeer(let failure): "the peer refused this node: \(failure)"
        case .peerLeft: "the peer left before the sync was complete (it is shutting down)"
        case .shuttingDown: "this node is shutting down"
        case .connectionLost: "the connection closed before the sync was complete"
        }
    }
}
