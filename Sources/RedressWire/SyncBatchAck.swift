/// The receiver has committed a batch: the sender may send another.
public struct SyncBatchAck: Sendable, Hashable {
    public var sequence: UInt64
    /// Changes that were new to the receiver.
    public var applied: UInt32
    /// Changes the receiver already had.
    public var duplicates: UInt32
    /// Field values that won and are now current at the receiver.
    public var fieldsWon: UInt32

    public init(sequence: UInt64, applied: UInt32 = 0, duplicates: UInt32 = 0, fieldsWon: UInt32 = 0) {
        self.sequence = sequence
        self.applied = applied
        self.duplicates = duplicates
        self.fieldsWon = fieldsWon
    }
}
