import NIOCore

/// Turns `IdleStateHandler`'s read-idle event into an error, so that a peer
/// that stops talking (during the TLS handshake or the session) ends its
/// connection through the same path as every other failure.
final class SyncIdleTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let timeout: TimeAmount

    init(timeout: TimeAmount) { self.timeout = timeout }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            context.fireErrorCaught(SyncIdleTimeout(seconds: timeout.nanoseconds / 1_000_000_000))
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}

@available(*, unavailable)
extension SyncIdleTimeoutHandler: Sendable {}

/// Nothing arrived from the peer for the configured idle timeout.
public struct SyncIdleTimeout: Error, Hashable, Sendable, CustomStringConvertible {
    public let seconds: Int64
    public var description: String { "the peer sent nothing for \(seconds) s" }
}
