public import RedressModel

/// What one sync session did, complete or not: for logs, `redress sync`'s
/// output and `redress status`.
public struct SyncReport: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// Both sides sent everything and acknowledged everything.
        case completed
        /// The session ended early; what was applied stays applied.
        case ended(SyncSessionEnd)
    }

    public var role: SyncSessionStateMachine.Role
    /// The peer's node id, from its verified certificate.
    public var peer: NodeID
    /// The peer's address as `host:port`.
    public var peerAddress: String
    public var outcome: Outcome
    public var peerSoftwareVersion: String?
    /// What broke the connection, if it broke (a TLS alert, a reset); never data.
    public var transportError: String?
    /// Why this node could not apply a batch of the peer's, in this node's
    /// terms ("this node's disk is full…"); the peer is told only the gist.
    public var localError: String?

    /// Batches sent, the final empty one included.
    public var batchesSent = 0
    public var changesSent = 0
    public var fieldsSent = 0
    /// Changes the peer acknowledged as new to it.
    public var changesAppliedByPeer = 0

    public var batchesReceived = 0
    public var changesReceived = 0
    public var fieldsReceived = 0
    /// Changes received that were new to this node.
    public var changesApplied = 0
    /// Changes received that this node already had.
    public var duplicatesReceived = 0

    /// Serialized envelopes plus their 4-byte length prefixes, as sent (deflated where they were).
    public var frameBytesSent = 0
    public var frameBytesReceived = 0
    /// The same frames before compression (after inflation, inbound).
    public var uncompressedFrameBytesSent = 0
    public var uncompressedFrameBytesReceived = 0
    /// Bytes on the socket, TLS handshake and records included.
    public var wireBytesSent = 0
    public var wireBytesReceived = 0

    public var duration: Duration = .zero
    /// This node's version vector when the session started.
    public var localVectorAtStart = VersionVector()
    /// The peer's, from its hello (`nil` if it never sent one).
    public var peerVectorAtStart: VersionVector?
    /// How far the peer's wall clock was ahead of this node's when its hello
    /// arrived, in ms (negative: behind), if it said; off by the one-way delay.
    public var peerClockOffsetMillis: Int64?
    /// Both hellos had the same version vector but different digests: this
    /// node has asked its peers for every change again (`RedressStore.refetchEverything`).
    public var digestsDiffered = false

    public init(role: SyncSessionStateMachine.Role, peer: NodeID, peerAddress: String, outcome: Outcome = .ended(.connectionLost)) {
        self.role = role
        self.peer = peer
        self.peerAddress = peerAddress
        self.outcome = outcome
    }

    public var isComplete: Bool { outcome == .completed }
}
