import NIOCore

/// Joins the writes made between two flushes into one buffer.
///
/// `LengthFieldPrepender` writes a frame's 4-byte header and its payload
/// separately, and NIOSSL turns every write into its own TLS record (22 bytes
/// of overhead each): joined, a frame costs one record, which matters for the
/// handful of tiny frames of a sync between equal nodes.
///
///     write(header) write(payload) flush   →   write(header + payload) flush
final class SyncWriteCoalescingHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var pending: ByteBuffer?
    private var promises: [EventLoopPromise<Void>] = []

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var buffer = Self.unwrapOutboundIn(data)
        if pending == nil {
            pending = buffer
        } else {
            pending!.writeBuffer(&buffer)
        }
        if let promise { promises.append(promise) }
    }

    func flush(context: ChannelHandlerContext) {
        if let buffer = pending {
            let waiting = promises
            pending = nil
            promises = []
            let promise = context.eventLoop.makePromise(of: Void.self)
            promise.futureResult.whenComplete { result in
                for waiting in waiting { waiting.completeWith(result) }
            }
            context.write(Self.wrapOutboundOut(buffer), promise: promise)
        }
        context.flush()
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        failPending(ChannelError.ioOnClosedChannel)
        context.close(mode: mode, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // Every promise must be completed, or releasing it crashes.
        failPending(ChannelError.ioOnClosedChannel)
    }

    private func failPending(_ error: any Error) {
        let waiting = promises
        pending = nil
        promises = []
        for promise in waiting { promise.fail(error) }
    }
}

@available(*, unavailable)
extension SyncWriteCoalescingHandler: Sendable {}
