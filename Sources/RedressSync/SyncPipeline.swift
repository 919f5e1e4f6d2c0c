public import NIOCore
import NIOExtras
public import NIOSSL
public import RedressWire

/// The handlers of a sync connection, in one place:
///
///     socket ⇄ SyncTrafficCountingHandler      (raw bytes, TLS included)
///            ⇄ IdleStateHandler + SyncIdleTimeoutHandler
///            ⇄ NIOSSLServerHandler / NIOSSLClientHandler + TLSHandshakeObserver
///            ← SyncWriteCoalescingHandler              (one TLS record per flush)
///            → ByteToMessageHandler(SyncFrameDecoder)   ← LengthFieldPrepender
///            ⇄ SyncEnvelopeCodec
///            ⇄ NIOAsyncChannel<Envelope, Envelope>       (driven by SyncSession)
///
/// TLS is optional so that the framing and the session can be tested on an
/// `EmbeddedChannel`; real connections always have it.
public enum SyncPipeline {
    public typealias Envelope = Redress_Sync_V1_Envelope

    /// Adds the handlers to a new channel; call on its event loop (in a
    /// bootstrap's channel initializer).
    ///
    /// - Returns: the async channel and a future that succeeds once the TLS
    ///   handshake has verified the peer, with the peer's certificate (at
    ///   once and with `nil` without TLS).
    public static func configure(channel: any Channel, tls: NIOSSLHandler?, maxFrameLength: Int,
                                 idleTimeout: TimeAmount, handshakeTimeout: TimeAmount = .seconds(10), traffic: SyncTraffic) throws
        -> (channel: NIOAsyncChannel<Envelope, Envelope>, handshake: EventLoopFuture<NIOSSLCertificate?>) {
        let pipeline = channel.pipeline.syncOperations
        try pipeline.addHandler(SyncTrafficCountingHandler(traffic: traffic))
        // Idle means nothing moved either way (see `SyncConfiguration.idleTimeout`).
        try pipeline.addHandler(IdleStateHandler(allTimeout: idleTimeout))
        try pipeline.addHandler(SyncIdleTimeoutHandler(timeout: idleTimeout))
        let handshake: EventLoopFuture<NIOSSLCertificate?>
        if let tls {
            let promise = channel.eventLoop.makePromise(of: NIOSSLCertificate?.self)
            try pipeline.addHandler(tls)
            try pipeline.addHandler(TLSHandshakeObserver(promise: promise))
            handshake = promise.futureResult
            // The handshake has its own, shorter limit than an idle session.
            let timeout = channel.eventLoop.scheduleTask(in: handshakeTimeout) {
                channel.pipeline.fireErrorCaught(SyncHandshakeTimeout(seconds: handshakeTimeout.nanoseconds / 1_000_000_000))
                channel.close(promise: nil)
            }
            handshake.whenComplete { _ in timeout.cancel() }
        } else {
            handshake = channel.eventLoop.makeSucceededFuture(nil)
        }
        try pipeline.addHandler(SyncWriteCoalescingHandler())
        try pipeline.addHandler(ByteToMessageHandler(SyncFrameDecoder(maxFrameLength: maxFrameLength),
                                                     maximumBufferSize: maxFrameLength + SyncFrameDecoder.headerLength + (1 << 20)))
        try pipeline.addHandler(LengthFieldPrepender(lengthFieldBitLength: .fourBytes))
        try pipeline.addHandler(SyncEnvelopeCodec(traffic: traffic, maxFrameLength: maxFrameLength))
        let asyncChannel = try NIOAsyncChannel<Envelope, Envelope>(wrappingChannelSynchronously: channel)
        return (asyncChannel, handshake)
    }
}
