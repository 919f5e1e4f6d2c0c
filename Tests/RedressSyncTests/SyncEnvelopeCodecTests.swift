import NIOCore
import NIOEmbedded
import NIOExtras
import RedressModel
import RedressWire
import Testing
@testable import RedressSync

@Suite("Envelopes to frames and back")
struct SyncEnvelopeCodecTests {
    /// The framing and codec handlers of the sync pipeline, without TLS and the async wrapper.
    private func makeChannel(maxFrameLength: Int = 1 << 20, traffic: SyncTraffic? = nil) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([
            ByteToMessageHandler(SyncFrameDecoder(maxFrameLength: maxFrameLength)),
            LengthFieldPrepender(lengthFieldBitLength: .fourBytes),
            SyncEnvelopeCodec(traffic: traffic, maxFrameLength: maxFrameLength),
        ])
        return channel
    }

    /// Everything the channel wrote, as one byte buffer.
    private func written(_ channel: EmbeddedChannel) throws -> ByteBuffer {
        var all = ByteBuffer()
        while var part = try channel.readOutbound(as: ByteBuffer.self) { all.writeBuffer(&part) }
        return all
    }

    @Test func anEnvelopeCrossesAsOneLengthPrefixedFrame() throws {
        // Given a hello as a sender's pipeline writes it
        let traffic = SyncTraffic()
        let sender = try makeChannel(traffic: traffic)
        let message = SyncMessage.hello(SyncHello(clusterID: "c", node: .random(), softwareVersion: "test", versionVector: VersionVector()))
        try sender.writeOutbound(message.envelope)
        var bytes = try written(sender)
        // Then the bytes are a 4-byte big-endian length and the serialized envelope
        let payload = message.frame()
        #expect(bytes.readableBytes == 4 + payload.count)
        #expect(bytes.getInteger(at: bytes.readerIndex, endianness: .big, as: UInt32.self) == UInt32(payload.count))
        #expect(traffic.frameBytesSent == bytes.readableBytes)

        // When a receiver's pipeline reads them a byte at a time
        let receiver = try makeChannel()
        while let byte = bytes.readSlice(length: 1) { try receiver.writeInbound(byte) }
        // Then it yields the same message
        let envelope = try #require(try receiver.readInbound(as: Redress_Sync_V1_Envelope.self))
        #expect(try SyncMessage(envelope: envelope) == message)
        #expect(try sender.finish().isClean)
        #expect(try receiver.finish().isClean)
    }

    @Test func aFrameThatIsNotAnEnvelopeIsAnError() throws {
        let receiver = try makeChannel()
        var frame = ByteBuffer()
        let garbage: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]
        frame.writeInteger(UInt32(garbage.count), endianness: .big)
        frame.writeBytes(garbage)
        let error = #expect(throws: WireDecodingError.self) { try receiver.writeInbound(frame) }
        #expect(error?.code == .unparseable)
        _ = try? receiver.finish()
    }

    @Test func anOversizedFrameNeverReachesTheCodec() throws {
        let receiver = try makeChannel(maxFrameLength: 64)
        var frame = ByteBuffer()
        frame.writeInteger(UInt32(65), endianness: .big)
        #expect(throws: SyncFrameDecoderError.frameTooLarge(length: 65, maximum: 64)) { try receiver.writeInbound(frame) }
        #expect(try receiver.readInbound(as: Redress_Sync_V1_Envelope.self) == nil)
        _ = try? receiver.finish()
    }

    /// A large envelope, deflated once compression is on, arrives as it was sent.
    @Test func aLargeEnvelopeIsDeflatedOnceThePeerAcceptsItAndInflatesUnchanged() throws {
        let sending = SyncTraffic(), receiving = SyncTraffic()
        let sender = try makeChannel(traffic: sending), receiver = try makeChannel(traffic: receiving)
        let hello = SyncMessage.hello(SyncHello(clusterID: String(repeating: "cluster-", count: 200), node: .random(),
                                                softwareVersion: "test", versionVector: VersionVector()))
        try sender.writeOutbound(hello.envelope)
        let plain = try written(sender).readableBytes
        sending.compression.enable()
        try sender.writeOutbound(hello.envelope)
        var deflated = try written(sender)
        #expect(deflated.readableBytes < plain / 4, "\(deflated.readableBytes) of \(plain) bytes")
        try receiver.writeInbound(deflated)
        let received = try #require(try receiver.readInbound(as: Redress_Sync_V1_Envelope.self))
        #expect(try SyncMessage(envelope: received) == hello)
        #expect(receiving.compression.uncompressedBytesReceived == plain)
        deflated.clear()
    }

    /// A deflated frame that would inflate past the frame limit is refused, not inflated.
    @Test func aDeflatedFrameInflatingPastTheLimitIsRefused() throws {
        let sending = SyncTraffic()
        sending.compression.enable()
        let sender = try makeChannel(maxFrameLength: 1 << 24, traffic: sending)
        let bomb = SyncMessage.hello(SyncHello(clusterID: String(repeating: "a", count: 200_000), node: .random(),
                                               softwareVersion: "test", versionVector: VersionVector()))
        try sender.writeOutbound(bomb.envelope)
        let frame = try written(sender)
        #expect(frame.readableBytes < 10_000)
        let receiver = try makeChannel(maxFrameLength: 50_000, traffic: SyncTraffic())
        #expect(throws: WireDecodingError.self) { try receiver.writeInbound(frame) }
    }
}
