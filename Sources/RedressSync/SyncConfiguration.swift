public import NIOCore
public import RedressModel
import RedressWire

/// Settings of a node's sync endpoint, shared by its server and its client.
/// The defaults are the ones a node runs with.
public struct SyncConfiguration: Sendable {
    /// Reported in hellos, for peers' logs (e.g. "redress 0.3.0").
    public var softwareVersion = "redress"
    /// The largest frame this node accepts; peers learn it from the hello and never send more.
    public var maxFrameLength = WireProtocol.defaultMaxFrameLength
    /// About how many field values one batch carries (each is applied in one
    /// transaction, holding the store's write lock). 4,000 keeps that near
    /// 20 ms on the benchmark machine, well under issue 3's 50 ms (`bench
    /// store` applies batches of the same size; docs/BENCHMARKS.md), while
    /// frames stay large enough for throughput.
    public var maxBatchFields = 4_000
    /// A connection on which nothing moves, in or out, for this long is
    /// closed. Bytes leaving count too: a node sending a large batch over a
    /// slow, lossy link hears nothing back until it is applied.
    public var idleTimeout = TimeAmount.seconds(60)
    /// A connection whose TLS handshake has not verified the peer by then is
    /// closed: a real peer needs milliseconds, an idle flood holds sockets.
    public var handshakeTimeout = TimeAmount.seconds(10)
    /// How many connections the server holds at once, and how many not yet
    /// verified from one address (`ConnectionGate`).
    public var maxConnections = 512
    public var maxPendingConnectionsPerAddress = 64
    /// How long `syncOnce` waits for a TCP connection.
    public var connectTimeout = TimeAmount.seconds(10)
    /// The TLS key exchange this node offers; see `TLSKeyExchange` for the
    /// trade-off (the post-quantum hybrid costs about 2.3 KB per connection).
    public var keyExchange = TLSKeyExchange.default
    /// Whether a peer missing from this node's membership list is admitted;
    /// see `MembershipStatus.unknown`. Retired peers are always refused.
    public var admitUnknownNodes = true
    /// Whether this node offers and uses DEFLATE for large frames (`FrameCompression`).
    public var compressesFrames = true
    /// A peer whose wall clock differs from this node's by more than this
    /// (either way) is reported: in the log, `redress status` and the
    /// dashboard. Well under the store's drift limit, so that a wrong clock is
    /// seen before its changes are refused.
    public var clockWarningMillis: UInt64 = SyncConfiguration.defaultClockWarningMillis
    public static let defaultClockWarningMillis: UInt64 = 10_000
    /// Looks up a peer's membership; `nil` reads the store's `member` records.
    public var membership: (@Sendable (NodeID) throws -> MembershipStatus)?
    /// Called after each batch this node applies, e.g. to show a new node's first sync.
    public var progress: (@Sendable (SyncProgress) -> Void)?
    /// Tests only: the session closes its connection abruptly once it has
    /// sent or received this many frames, as a network cut would.
    @_spi(Testing) public var cutAfterFrames: Int?

    public init() {}
}
