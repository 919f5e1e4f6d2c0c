import NIOCore

/// Turns `IdleStateHandler`'s idle event (nothing read or written) into an
/// error, so that a connection on which nothing moves ends through the same
/// path as every other failure.
final class SyncIdleTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let timeout: TimeAmount

    init(timeout: TimeAmount) { self.timeout = timeout }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .all {
            context.fireErrorCaught(SyncIdleTimeout(seconds: timeout.nanoseconds / 1_000_000_000))
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}

@available(*, unavailable)
extension SyncIdleTimeoutHandler: Sendable {}

/// Nothing moved on the connection, either way, for the configured idle timeout.
public struct SyncIdleTimeout: Error, Hashable, Sendable, CustomStringConvertible {
    public let seconds: Int64
    public var description: String { "nothing moved on the connection for \(seconds) s" }
}

/// The TLS handshake did not verify the peer within the handshake timeout.
public struct SyncHandshakeTimeout: Error, Hashable, Sendable, CustomStringConvertible {
    public let seconds: Int64
    public var description: String { "the TLS handshake did not complete within \(seconds) s" }
}
