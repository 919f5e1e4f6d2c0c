public import RedressModel

/// This node's local record of one peer (the `peerStatus` table): filled by
/// the sync layer, read by `redress status` and `redress node list`. Never
/// replicated: each node has its own view of the network.
public struct PeerStatus: Sendable, Hashable {
    /// The peer's node id, once it has identified itself (TLS and hello).
    public var node: NodeID?
    /// The address this node dials it at (HOST:PORT); `nil` for a peer only
    /// ever seen connecting in.
    public var address: String?
    /// Last time the peer identified itself (Unix ms).
    public var lastContactAt: Int64?
    /// Last time a sync with it completed (Unix ms).
    public var lastSyncAt: Int64?
    /// Last failure since the last completed sync, and when it happened.
    public var lastError: String?
    public var lastErrorAt: Int64?
    /// The peer's version vector as of the last contact, if the sync layer
    /// recorded it: with this node's own vector it tells how far behind each
    /// side is (`VersionVector.changesMissing(from:)`).
    public var peerVersionVector: VersionVector?
    /// How far the peer's wall clock was ahead of this node's (negative:
    /// behind) at the last contact, in ms, from its hello; `nil` if it never said.
    public var clockOffsetMillis: Int64?

    public init(node: NodeID?, address: String?, lastContactAt: Int64?, lastSyncAt: Int64?,
                lastError: String?, lastErrorAt: Int64?, peerVersionVector: VersionVector?, clockOffsetMillis: Int64? = nil) {
        self.node = node
        self.address = address
        self.lastContactAt = lastContactAt
        self.lastSyncAt = lastSyncAt
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.peerVersionVector = peerVersionVector
        self.clockOffsetMillis = clockOffsetMillis
    }
}
