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
    /// Which definition of the digest `stateDigest` follows; 0 means "not
    /// said", which a build from before the field meant as format 1.
    public var stateDigestFormat: UInt32

    /// `stateDigestFormat` with "not said" read as the format it meant.
    public var digestFormat: UInt32 { stateDigestFormat == 0 ? 1 : stateDigestFormat }

    public init(clusterID: String, node: NodeID, protocolVersion: UInt32 = WireProtocol.version, softwareVersion: String,
                versionVector: VersionVector, maxFrameLength: UInt32 = UInt32(WireProtocol.defaultMaxFrameLength),
                wallClockMillis: UInt64 = 0, stateDigest: [UInt8] = [], stateDigestFormat: UInt32 = 0, acceptsDeflate: Bool = false) {
        self.clusterID = clusterID
        self.node = node
        self.protocolVersion = protocolVersion
        self.softwareVersion = softwareVersion
        self.versionVector = versionVector
        self.maxFrameLength = maxFrameLength
        self.wallClockMillis = wallClockMillis
        self.stateDigest = stateDigest
        self.stateDigestFormat = stateDigestFormat
        self.acceptsDeflate = acceptsDeflate
    }

    /// Whether this hello, a peer's, shows a state that differs from this
    /// node's although neither lacks a change of the other: equal version
    /// vectors, digests of the same format, both at hand, and unequal. The
    /// one rule behind a request to fetch everything again
    /// (docs/ARCHITECTURE.md, "Damage and repair").
    public func showsDifferentState(thanVector vector: VersionVector, digest: [UInt8], digestFormat format: UInt32) -> Bool {
        !stateDigest.isEmpty && !digest.isEmpty && versionVector == vector
            && digestFormat == format && stateDigest != digest
    }
}
