public import RedressModel

/// The first message of each side: who it is and what it has.
public struct SyncHello: Sendable, Hashable {
    public var clusterID: String
    public var node: NodeID
    public var protocolVersion: UInt32
    /// The sender's build, for logs only.
    public var softwareVersion: String
    public var versionVector: VersionVector
    /// The largest frame the sender accepts; 0 means "not said" (use the default).
    public var maxFrameLength: UInt32
    /// The sender's wall clock when it said hello, Unix ms; 0 means "not said".
    public var wallClockMillis: UInt64
    /// The digest of the sender's state at `versionVector` (32 bytes), or empty.
    public var stateDigest: [UInt8]
    /// The sender accepts deflated envelopes.
    public var acceptsDeflate: Bool

    public init(clusterID: String, node: NodeID, protocolVersion: UInt32 = WireProtocol.version, softwareVersion: String,
                versionVector: VersionVector, maxFrameLength: UInt32 = UInt32(WireProtocol.defaultMaxFrameLength),
                wallClockMillis: UInt64 = 0, stateDigest: [UInt8] = [], acceptsDeflate: Bool = false) {
        self.clusterID = clusterID
        self.node = node
        self.protocolVersion = protocolVersion
        self.softwareVersion = softwareVersion
        self.versionVector = versionVector
        self.maxFrameLength = maxFrameLength
        self.wallClockMillis = wallClockMillis
        self.stateDigest = stateDigest
        self.acceptsDeflate = acceptsDeflate
    }
}
