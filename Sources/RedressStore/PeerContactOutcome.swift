/// What happened when this node last dealt with a peer, as the sync layer
/// reports it to `RedressStore.recordPeerContact`.
public enum PeerContactOutcome: Sendable, Hashable {
    /// A sync in both directions completed.
    case synced
    /// The peer identified itself, but the sync has not completed (yet).
    case contacted
    /// The attempt failed. The reason is shown by `redress status`: it names
    /// protocol steps, addresses and node ids, never complaint data.
    case failed(reason: String)
}
