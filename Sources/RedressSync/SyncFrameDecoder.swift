public import NIOCore

/// Splits the inbound byte stream into frames: a 4-byte big-endian length,
/// then that many bytes.
///
///     +--------+----------------+--------+------...
///     | 0x0000 | n bytes of     | 0x0000 | m bytes
///     | 000n   | Envelope       | 000m   |
///     +--------+----------------+--------+------...
///        ↓ decode
///     [n bytes] [m bytes] …
///
/// Modelled on NIOExtras' `LengthFieldBasedFrameDecoder`, whose only cap is
/// `Int32.max`: that would let any peer make this node buffer 2 GiB. This
/// decoder refuses a header announcing more than `maxFrameLength` the moment
/// the header arrives, before buffering a byte of the frame.
public struct SyncFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    /// The size of the length prefix.
    public static let headerLength = 4

    private enum ReadState {
        case waitingForHeader
        case waitingForFrame(length: Int)
    }

    private var state = ReadState.waitingForHeader
    public let maxFrameLength: Int

    /// - Parameter maxFrameLength: the largest frame (without its header) accepted.
    public init(maxFrameLength: Int) {
        precondition(maxFrameLength >= 0 && maxFrameLength <= Int(UInt32.max))
        self.maxFrameLength = maxFrameLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try nextFrame(&buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while let frame = try nextFrame(&buffer) {
            context.fireChannelRead(Self.wrapInboundOut(frame))
        }
        // A connection cut inside a frame: what arrived of it is useless.
        let announced: Int? = if case .waitingForFrame(let length) = state { length } else { nil }
        if buffer.readableBytes > 0 || announced != nil {
            let received = buffer.readableBytes
            buffer.moveReaderIndex(forwardBy: received)
            state = .waitingForHeader
            throw SyncFrameDecoderError.truncatedFrame(received: received, expected: announced)
        }
        return .needMoreData
    }

    /// Reads one whole frame if it has arrived.
    ///
    /// - Throws: `SyncFrameDecoderError.frameTooLarge` as soon as a header
    ///   announces more than `maxFrameLength`.
    private mutating func nextFrame(_ buffer: inout ByteBuffer) throws(SyncFrameDecoderError) -> ByteBuffer? {
        if case .waitingForHeader = state {
            guard let length = buffer.readInteger(endianness: .big, as: UInt32.self) else { return nil }
            guard Int(length) <= maxFrameLength else {
                throw .frameTooLarge(length: Int(length), maximum: maxFrameLength)
            }
            state = .waitingForFrame(length: Int(length))
        }
        guard case .waitingForFrame(let length) = state, let frame = buffer.readSlice(length: length) else { return nil }
        state = .waitingForHeader
        return frame
    }
}

@available(*, unavailable)
extension SyncFrameDecoder: Sendable {}

/// Why the frame decoder gave up on a connection.
public enum SyncFrameDecoderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A header announced a frame longer than this node accepts.
    case frameTooLarge(length: Int, maximum: Int)
    /// The connection ended inside a frame (`expected` is `nil` inside its header).
    case truncatedFrame(received: Int, expected: Int?)

    public var description: String {
        switch self {
        case .frameTooLarge(let length, let maximum):
            "a frame announced \(length) bytes; the maximum is \(maximum)"
        case .truncatedFrame(let received, let expected):
            if let expected {
                "the connection ended \(received) bytes into a frame of \(expected)"
            } else {
                "the connection ended inside a frame header (\(received) of 4 bytes)"
            }
        }
    }
}
