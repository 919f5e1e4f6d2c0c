import CompressNIO
import Foundation
import NIOCore
import RedressWire
import Synchronization

/// DEFLATE for sync frames (`Envelope.deflated`), shared by a connection's
/// codec (which compresses and inflates on the event loop) and its session
/// (which turns compression on once the peer's hello says it accepts it).
///
/// A first sync over a slow branch link is mostly field values: codes,
/// timestamps, ids and sealed text repeat a great deal within one batch.
/// Only frames of at least `threshold` bytes are compressed (a hello or an ack
/// gains nothing), and only where the result is smaller.
public final class FrameCompression: Sendable {
    private let enabled = Atomic<Bool>(false)
    /// Frames smaller than this go as they are.
    public let threshold: Int
    /// Bytes the frames (with their length prefixes) would have had uncompressed, for the traffic figures.
    private let uncompressedSent = Atomic<Int>(0)
    private let uncompressedReceived = Atomic<Int>(0)

    public init(threshold: Int = 512) { self.threshold = threshold }

    /// The peer accepts deflated frames: compress from now on.
    public func enable() { enabled.store(true, ordering: .relaxed) }
    public var isEnabled: Bool { enabled.load(ordering: .relaxed) }

    public var uncompressedBytesSent: Int { uncompressedSent.load(ordering: .relaxed) }
    public var uncompressedBytesReceived: Int { uncompressedReceived.load(ordering: .relaxed) }

    /// The frame to send for `envelope`: deflated if that is on and smaller.
    func outbound(_ envelope: Redress_Sync_V1_Envelope, allocator: ByteBufferAllocator) -> [UInt8] {
        let bytes = envelope.frameBytes()
        uncompressedSent.add(bytes.count + SyncFrameDecoder.headerLength, ordering: .relaxed)
        guard isEnabled, bytes.count >= threshold else { return bytes }
        var input = allocator.buffer(bytes: bytes)
        guard let compressed = try? input.compress(with: .deflate()) else { return bytes }
        var wrapper = Redress_Sync_V1_Envelope()
        wrapper.message = .deflated(Data(compressed.readableBytesView))
        let wrapped = wrapper.frameBytes()
        return wrapped.count < bytes.count ? wrapped : bytes
    }

    /// The envelope in a received frame, inflated if it was deflated.
    ///
    /// - Throws: `WireDecodingError` for bytes that do not parse or inflate,
    ///   or that inflate past `maxFrameLength` (a "zip bomb" is refused
    ///   before it is all in memory).
    func inbound(_ bytes: [UInt8], maxFrameLength: Int, allocator: ByteBufferAllocator) throws -> Redress_Sync_V1_Envelope {
        let envelope = try Redress_Sync_V1_Envelope(frame: bytes)
        guard case .deflated(let data)? = envelope.message else {
            uncompressedReceived.add(bytes.count + SyncFrameDecoder.headerLength, ordering: .relaxed)
            return envelope
        }
        var input = allocator.buffer(bytes: data)
        let inflated: ByteBuffer
        do {
            inflated = try input.decompress(with: .deflate(), maxSize: maxFrameLength)
        } catch {
            throw WireDecodingError(.unparseable, "a deflated frame does not inflate to at most \(maxFrameLength) bytes (\(error))")
        }
        // compress-nio's limit is on what it asks for, not what the allocator rounds up to: check the result too.
        guard inflated.readableBytes <= maxFrameLength else {
            throw WireDecodingError(.unparseable, "a deflated frame inflates past the frame limit of \(maxFrameLength) bytes")
        }
        let inner = Array(inflated.readableBytesView)
        uncompressedReceived.add(inner.count + SyncFrameDecoder.headerLength, ordering: .relaxed)
        let message = try Redress_Sync_V1_Envelope(frame: inner)
        if case .deflated? = message.message {
            throw WireDecodingError(.unparseable, "a deflated frame holds another deflated frame")
        }
        return message
    }
}
