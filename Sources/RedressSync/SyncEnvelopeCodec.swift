import NIOCore
import RedressWire

/// Turns frames into protobuf envelopes and envelopes into frames.
///
///     inbound:  [frame bytes] → Envelope        (parse only; checking is the session's job)
///     outbound: Envelope → [frame bytes]        (LengthFieldPrepender adds the length)
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

    /// - Parameter traffic: where to count frame bytes, if anywhere.
    public init(traffic: SyncTraffic? = nil) { self.traffic = traffic }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var frame = Self.unwrapInboundIn(data)
        let bytes = frame.readBytes(length: frame.readableBytes) ?? []
        traffic?.receivedFrame(bytes.count)
        do {
            context.fireChannelRead(Self.wrapInboundOut(try Redress_Sync_V1_Envelope(frame: bytes)))
        } catch {
            context.fireErrorCaught(error)
        }
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let envelope = Self.unwrapOutboundIn(data)
        let bytes = envelope.frameBytes()
        traffic?.sentFrame(bytes.count)
        context.write(Self.wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: promise)
    }
}

@available(*, unavailable)
extension SyncEnvelopeCodec: Sendable {}
