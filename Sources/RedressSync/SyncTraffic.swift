import Synchronization

/// Byte counts of one connection, updated on its event loop and read by its session.
public final class SyncTraffic: Sendable {
    /// Bytes on the socket, TLS included.
    private let wireIn = Atomic<Int>(0)
    private let wireOut = Atomic<Int>(0)
    /// Serialized envelopes plus their length prefixes.
    private let frameIn = Atomic<Int>(0)
    private let frameOut = Atomic<Int>(0)

    /// The connection's frame compression, which the session turns on once the peer accepts it.
    public let compression = FrameCompression()

    public init() {}

    public var wireBytesReceived: Int { wireIn.load(ordering: .relaxed) }
    public var wireBytesSent: Int { wireOut.load(ordering: .relaxed) }

    public var frameBytesReceived: Int { frameIn.load(ordering: .relaxed) }
    public var frameBytesSent: Int { frameOut.load(ordering: .relaxed) }

    /// Copies the counts into a session's report.
    func record(into report: inout SyncReport) {
        report.wireBytesSent = wireBytesSent
        report.wireBytesReceived = wireBytesReceived
        report.frameBytesSent = frameBytesSent
        report.frameBytesReceived = frameBytesReceived
        report.uncompressedFrameBytesSent = compression.uncompressedBytesSent
        report.uncompressedFrameBytesReceived = compression.uncompressedBytesReceived
    }

    func received(_ count: Int) { wireIn.add(count, ordering: .relaxed) }
    func sent(_ count: Int) { wireOut.add(count, ordering: .relaxed) }
    func receivedFrame(_ count: Int) { frameIn.add(count + SyncFrameDecoder.headerLength, ordering: .relaxed) }
    func sentFrame(_ count: Int) { frameOut.add(count + SyncFrameDecoder.headerLength, ordering: .relaxed) }
}
