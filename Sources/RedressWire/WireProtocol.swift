/// Constants of the sync protocol that both ends must agree on.
public enum WireProtocol {
    /// The version this build speaks; a peer announcing another is refused.
    public static let version: UInt32 = 1

    /// The largest serialized envelope a node accepts unless configured
    /// otherwise: far above a normal batch (about 10,000 field values), far
    /// below what could exhaust a node's memory.
    public static let defaultMaxFrameLength = 8 * 1024 * 1024

    /// How many batches a sender may have unacknowledged. A peer that sends
    /// more breaks the protocol; this bounds what a receiver ever buffers.
    public static let window = 4
}
