public import RedressModel

/// How far the receiving half of a sync has come.
public struct SyncProgress: Sendable, Hashable {
    public var peer: NodeID
    /// Changes received so far in this session.
    public var changesReceived: Int
    /// Field values received so far.
    public var fieldsReceived: Int
    /// Changes the peer's hello said it had that this node lacked: an upper
    /// bound (superseded changes are never sent).
    public var changesExpected: UInt64

    public init(peer: NodeID, changesReceived: Int, fieldsReceived: Int, changesExpected: UInt64) {
        self.peer = peer
        self.changesReceived = changesReceived
        self.fieldsReceived = fieldsReceived
        self.changesExpected = changesExpected
    }
}
