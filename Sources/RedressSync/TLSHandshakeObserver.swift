import NIOCore
import NIOSSL
import NIOTLS

/// Completes a promise with the peer's verified certificate when the TLS
/// handshake has completed, or fails it with the error that ended the
/// connection first, so that the session starts only once the peer's
/// certificate has been verified.
///
/// The certificate is read at that moment because the TLS handler leaves the
/// pipeline when the connection closes, which a refusing peer may do at once.
final class TLSHandshakeObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let promise: EventLoopPromise<NIOSSLCertificate?>
    private var isCompleted = false

    init(promise: EventLoopPromise<NIOSSLCertificate?>) { self.promise = promise }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tls = event as? TLSUserEvent, case .handshakeCompleted = tls, !isCompleted {
            isCompleted = true
            promise.succeed(try? context.pipeline.syncOperations.handler(type: NIOSSLHandler.self).peerCertificate)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(ChannelError.eof)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // Every promise must be completed, or releasing it crashes.
        fail(ChannelError.ioOnClosedChannel)
    }

    private func fail(_ error: any Error) {
        guard !isCompleted else { return }
        isCompleted = true
        promise.fail(error)
    }
}

@available(*, unavailable)
extension TLSHandshakeObserver: Sendable {}
