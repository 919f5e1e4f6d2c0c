import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing
@testable import RedressSync

@Suite("Frames: a 4-byte length, then the bytes")
struct SyncFrameDecoderTests {
    private func frame(_ payload: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(payload.count), endianness: .big)
        buffer.writeBytes(payload)
        return buffer
    }

    @Test func framesDecodeHoweverTheBytesArrive() throws {
        // Given frames of several sizes, an empty one included,
        // When fed whole, together, and drip-fed a byte at a time (NIOTestUtils' verifier),
        // Then each comes out exactly once
        let payloads: [[UInt8]] = [[], [1], Array(repeating: 0xAB, count: 300), Array(0...255), [0, 0, 0, 4]]
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: payloads.map { (frame($0), [ByteBuffer(bytes: $0)]) },
            decoderFactory: { SyncFrameDecoder(maxFrameLength: 1_000) })
    }

    @Test func anOversizedHeaderIsRefusedBeforeItsFrameArrives() throws {
        // Given a decoder accepting at most 1,000 bytes
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SyncFrameDecoder(maxFrameLength: 1_000)))
        // When only a header announcing 1,001 bytes arrives
        var header = ByteBuffer()
        header.writeInteger(UInt32(1_001), endianness: .big)
        // Then it is refused at once, without waiting for (or buffering) the frame
        #expect(throws: SyncFrameDecoderError.frameTooLarge(length: 1_001, maximum: 1_000)) {
            try channel.writeInbound(header)
        }
        _ = try? channel.finish()
    }

    @Test func theLargestHeaderAllowedWaitsForItsFrame() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SyncFrameDecoder(maxFrameLength: 1_000)))
        var header = ByteBuffer()
        header.writeInteger(UInt32(1_000), endianness: .big)
        try channel.writeInbound(header)
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        try channel.writeInbound(ByteBuffer(repeating: 7, count: 1_000))
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(repeating: 7, count: 1_000))
        #expect(try channel.finish().isClean)
    }

    @Test func aHugeHeaderIsRefusedToo() {
        // 0xFFFFFFFF would be 4 GiB; LengthFieldBasedFrameDecoder alone would accept up to 2 GiB.
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SyncFrameDecoder(maxFrameLength: 8 << 20)))
        #expect(throws: SyncFrameDecoderError.self) {
            try channel.writeInbound(ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3]))
        }
        _ = try? channel.finish()
    }

    @Test func aConnectionCutInsideAFrameIsReported() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SyncFrameDecoder(maxFrameLength: 1_000)))
        var partial = frame(Array(repeating: 1, count: 10))
        partial.moveWriterIndex(to: partial.writerIndex - 3)
        try channel.writeInbound(partial)
        #expect(throws: SyncFrameDecoderError.truncatedFrame(received: 7, expected: 10)) {
            _ = try channel.finish()
        }
    }

    @Test func aConnectionCutInsideAHeaderIsReported() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SyncFrameDecoder(maxFrameLength: 1_000)))
        try channel.writeInbound(ByteBuffer(bytes: [0, 0]))
        #expect(throws: SyncFrameDecoderError.truncatedFrame(received: 2, expected: nil)) {
            _ = try channel.finish()
        }
    }
}
