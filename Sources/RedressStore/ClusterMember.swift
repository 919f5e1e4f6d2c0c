public import RedressModel

/// One node of the cluster as this node knows it: its replicated `member`
/// record, plus when this node last heard from it (local `peerStatus`).
public struct ClusterMember: Sendable, Hashable {
    public var node: NodeID
    /// The node's name (its certificate's common name). A record whose add
    /// has not arrived yet (only a retirement has) has none.
    public var name: String?
    public var division: String?
    /// Retired by an admin: refused by every node that knows it. Monotone.
    public var retired: Bool
    /// The serial of the certificate issued to it (lowercase hex).
    public var certificateSerial: String?
    /// When this node last heard from it (Unix ms); `nil` if never.
    public var lastContactAt: Int64?

    public init(node: NodeID, name: String?, division: String?, retired: Bool,
                certificateSerial: String?, lastContactAt: Int64?) {
        self.node = node
        self.name = name
        self.division = division
        self.retired = retired
        self.certificateSerial = certificateSerial
        self.lastContactAt = lastContactAt
    }
}
