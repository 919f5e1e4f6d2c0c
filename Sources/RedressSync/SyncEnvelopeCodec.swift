public import NIOCore
public import RedressWire

/// Turns frames into protobuf envelopes and envelopes into frames.
///
///     inbound:  [frame bytes] → Envelope        (parse, inflate; checking is the session's job)
///     outbound: Envelope → [frame bytes]        (deflate once on; LengthFieldPrepender adds the length)
///
/// Parsing happens here, on the event loop, because it is cheap and
/// bounded by the frame limit; the costlier check and conversion into model
/// values (`SyncMessage(envelope:)`) runs in the session's task.
public final class SyncEnvelopeCodec: ChannelDuplexHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = Redress_Sync_V1_Envelope
    public typealias OutboundIn = Redress_Sync_V1_Envelope
    public typealias OutboundOut = ByteBuffer

    private let traffic: SyncTraffic?
    private let maxFrameLength: Int

    /// - Parameters:
    ///   - traffic: where to count frame bytes, if anywhere, and the
    ///     connection's compression (`FrameCompression`): deflated frames
    ///     are inflated here, and outgoing ones deflated once it is on.
    ///   - maxFrameLength: the most a deflated frame may inflate to.
    public init(traffic: SyncTraffic? = nil, maxFrameLength: Int = WireProtocol.defaultMaxFrameLength) {
        self.traffic = traffic
        self.maxFrameLength = maxFrameLength
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var frame = Self.unwrapInboundIn(data)
        let bytes = frame.readBytes(length: frame.readableBytes) ?? []
        traffic?.receivedFrame(bytes.count)
        do {
            let envelope = try traffic.map { try $0.compression.inbound(bytes, maxFrameLength: maxFrameLength, allocator: context.channel.allocator) }
                ?? Redress_Sync_V1_Envelope(frame: bytes)
            context.fireChannelRead(Self.wrapInboundOut(envelope))
        } catch {
            context.fireErrorCaught(error)
        }
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let envelope = Self.unwrapOutboundIn(data)
        let bytes = traffic?.compression.outbound(envelope, allocator: context.channel.allocator) ?? envelope.frameBytes()
        traffic?.sentFrame(bytes.count)
        context.write(Self.wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: promise)
    }
}

@available(*, unavailable)
extension SyncEnvelopeCodec: Sendable {}
