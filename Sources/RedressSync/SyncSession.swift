import Logging
import NIOCore
import NIOPosix
import RedressModel
import RedressStore
import RedressWire

/// Runs one `SyncSessionStateMachine` over one connection: performs its
/// actions (send, read the store, apply) and feeds the results back.
///
/// Store work runs on a thread pool, never on an event loop and never while
/// the network waits for it to block local writes: each read and each apply
/// is one short SQLite transaction. Batches are applied one at a time, in
/// order, while the next ones arrive; outgoing batches are read while earlier
/// ones are in flight, up to the protocol's window.
struct SyncSession: Sendable {
    typealias Envelope = Redress_Sync_V1_Envelope

    let role: SyncSessionStateMachine.Role
    let store: RedressStore
    let local: SyncSessionStateMachine.Local
    let configuration: SyncConfiguration
    let certifiedPeer: NodeID
    let membership: MembershipStatus
    let peerAddress: String
    let traffic: SyncTraffic
    let threadPool: NIOThreadPool
    let logger: Logger

    private enum Event: Sendable {
        case received(Envelope)
        case inboundEnded
        /// The task running the session was cancelled: the node is stopping.
        case shutdown
        case inboundFailed(any Error)
        case localBatchRead(Result<ChangeBatch, SyncFailure>)
        case applied(sequence: UInt64, batch: ChangeBatch, Result<Applied, StoreError>)
    }

    /// Runs the session to its end and reports what it did; never throws:
    /// every failure is an outcome.
    ///
    /// - Parameter channel: the connection itself, closed when the session
    ///   ends, and written to directly once the task is cancelled (the async
    ///   writer refuses writes from a cancelled task, and the peer should
    ///   still hear this node's goodbye).
    func run(inbound: NIOAsyncChannelInboundStream<Envelope>, outbound: NIOAsyncChannelOutboundWriter<Envelope>,
             channel: any Channel) async -> SyncReport {
        let started = ContinuousClock.now
        var report = SyncReport(role: role, peer: certifiedPeer, peerAddress: peerAddress)
        let (events, eventSink) = AsyncStream.makeStream(of: Event.self)
        let (applies, applySink) = AsyncStream.makeStream(of: (UInt64, ChangeBatch).self)

        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await envelope in inbound { eventSink.yield(.received(envelope)) }
                    eventSink.yield(.inboundEnded)
                } catch {
                    eventSink.yield(.inboundFailed(error))
                }
            }
            group.addTask {
                // One at a time, in order: each batch's coverage starts where the previous one's ended.
                for await (sequence, batch) in applies {
                    let result = await apply(batch)
                    eventSink.yield(.applied(sequence: sequence, batch: batch, result))
                }
            }

            var machine = SyncSessionStateMachine(role: role, local: local, certifiedPeer: certifiedPeer, peerMembership: membership)
            var (actions, localDigest) = await begin(&machine, &report)
            var framesSeen = 0
            var iterator = events.makeAsyncIterator()
            var expected: UInt64 = 0

            session: while true {
                for action in actions {
                    switch action {
                    case .send(let message):
                        do {
                            if Task.isCancelled {
                                try await channel.writeAndFlush(message.envelope).get()
                            } else {
                                try await outbound.write(message.envelope)
                            }
                        } catch where Task.isCancelled {
                            // Cancelled between the check and the write: the async writer
                            // refused it, and the connection is fine. The node is stopping;
                            // the goodbye goes to the channel directly.
                            actions = machine.shutdown()
                            if actions.isEmpty { break session }
                            continue session
                        } catch {
                            // The connection broke under us; nothing more can be said to the
                            // peer. A peer that refuses says why, then closes: its error frame
                            // may be waiting among the events already, and is the real reason.
                            channel.close(promise: nil)
                            if let refusal = await peerRefusal(&iterator, &machine, &report, localDigest: localDigest, expected: &expected) {
                                actions = refusal
                            } else {
                                actions = machine.connectionClosed()
                                report.transportError = SyncEndpoint.describe(error)
                            }
                            if case .close(let end)? = actions.last { report.outcome = .ended(end) }
                            break session
                        }
                        if case .batch(_, let batch) = message {
                            report.batchesSent += 1
                            report.changesSent += batch.changes.count
                            report.fieldsSent += batch.fieldCount
                        }
                        framesSeen += 1
                        if framesSeen == configuration.cutAfterFrames {
                            report.outcome = .ended(.connectionLost)
                            break session
                        }
                    case .readLocalBatch(let vector):
                        let peerLimit = machine.peerHello.map { Int($0.maxFrameLength) } ?? 0
                        group.addTask {
                            eventSink.yield(.localBatchRead(await readBatch(after: vector, peerMaxFrameLength: peerLimit)))
                        }
                    case .apply(let sequence, let batch):
                        applySink.yield((sequence, batch))
                    case .finish:
                        report.outcome = .completed
                        break session
                    case .close(let end):
                        report.outcome = .ended(end)
                        break session
                    }
                }

                guard let event = await withTaskCancellationHandler(operation: { await iterator.next() },
                                                                    onCancel: { eventSink.yield(.shutdown) }) else {
                    // Cancelled: the stream ends at once.
                    actions = machine.shutdown()
                    if actions.isEmpty { break session }
                    continue session
                }
                switch event {
                case .received(let envelope):
                    framesSeen += 1
                    if framesSeen == configuration.cutAfterFrames {
                        report.outcome = .ended(.connectionLost)
                        break session
                    }
                    actions = receive(envelope, &machine, &report, localDigest: localDigest, expected: &expected)
                case .inboundEnded:
                    // Cancelling the session also ends the reader: that is a shutdown, not a lost peer.
                    actions = Task.isCancelled ? machine.shutdown() : machine.connectionClosed()
                case .shutdown:
                    actions = machine.shutdown()
                case .inboundFailed where Task.isCancelled:
                    actions = machine.shutdown()
                case .inboundFailed(let error):
                    actions = handleInboundError(error, &machine)
                    if case .close(.connectionLost)? = actions.last { report.transportError = SyncEndpoint.describe(error) }
                case .localBatchRead(.success(let batch)):
                    actions = machine.localBatchRead(batch)
                case .localBatchRead(.failure(let failure)):
                    actions = machine.failed(failure)
                case .applied(let sequence, let batch, .success(let outcome)):
                    report.changesApplied += outcome.applied
                    report.duplicatesReceived += outcome.duplicates
                    if !batch.isEmpty, let progress = configuration.progress {
                        progress(SyncProgress(peer: certifiedPeer, changesReceived: report.changesReceived,
                                              fieldsReceived: report.fieldsReceived, changesExpected: expected))
                    }
                    actions = machine.batchApplied(sequence: sequence, applied: outcome.applied,
                                                   duplicates: outcome.duplicates, fieldsWon: outcome.fieldsWon)
                case .applied(_, _, .failure(let error)):
                    report.localError = error.description
                    actions = machine.failed(Self.failure(applying: error))
                }
            }

            // End the connection, then let the tasks drain: an apply in
            // progress commits or rolls back as a whole.
            channel.close(promise: nil)
            applySink.finish()
            eventSink.finish()
            group.cancelAll()
        }

        await conclude(report)
        report.duration = ContinuousClock.now - started
        traffic.record(into: &report)
        return report
    }

    /// After a failed write: the machine's answer to an error frame the peer
    /// sent before it closed, if one is among the events that arrived; nil
    /// once the inbound side ends without one. Bounded: the channel is
    /// closed, so the reader ends.
    private func peerRefusal(_ events: inout AsyncStream<Event>.Iterator, _ machine: inout SyncSessionStateMachine,
                             _ report: inout SyncReport, localDigest: [UInt8], expected: inout UInt64) async -> [SyncSessionStateMachine.Action]? {
        while let event = await events.next() {
            switch event {
            case .received(let envelope):
                let actions = receive(envelope, &machine, &report, localDigest: localDigest, expected: &expected)
                if case .close? = actions.last { return actions }
            case .inboundEnded, .inboundFailed, .shutdown:
                return nil
            case .localBatchRead, .applied:
                continue
            }
        }
        return nil
    }

    /// Reads this node's version vector (and the digest at hand for it) and
    /// starts the machine with them: the hello's contents. A store that
    /// cannot be read fails the session; a cancelled one shuts it down.
    private func begin(_ machine: inout SyncSessionStateMachine, _ report: inout SyncReport) async
        -> (actions: [SyncSessionStateMachine.Action], localDigest: [UInt8]) {
        do {
            let vector = try await threadPool.runIfActive { [store] in try store.versionVector() }
            report.localVectorAtStart = vector
            let localDigest = store.digestAtHand(for: vector)?.digestBytes ?? []
            return (machine.start(localVector: vector, wallClockMillis: store.configuration.wallClock(), stateDigest: localDigest,
                                  stateDigestFormat: RedressStore.stateDigestFormat), localDigest)
        } catch is CancellationError {
            _ = machine.start(localVector: VersionVector())
            return (machine.shutdown(), [])
        } catch {
            _ = machine.start(localVector: VersionVector())
            logger.error("cannot read the version vector", metadata: ["redress.error": "\(error)"])
            return (machine.failed(SyncFailure(.internal, "the peer could not read its own store")), [])
        }
    }

    /// Decodes one frame from the peer and gives it to the machine, counting
    /// what the report says about it: the peer's hello (its vector, version,
    /// clock and digest, and whether frames may be deflated), batches
    /// received, changes the peer applied. A frame that does not decode fails the session.
    private func receive(_ envelope: Envelope, _ machine: inout SyncSessionStateMachine, _ report: inout SyncReport,
                         localDigest: [UInt8], expected: inout UInt64) -> [SyncSessionStateMachine.Action] {
        do throws(WireDecodingError) {
            let message = try SyncMessage(envelope: envelope)
            switch message {
            case .hello(let hello) where report.peerVectorAtStart == nil:
                report.peerVectorAtStart = hello.versionVector
                report.peerSoftwareVersion = hello.softwareVersion
                expected = hello.versionVector.changesMissing(from: report.localVectorAtStart)
                compare(hello, localDigest: localDigest, into: &report)
                if hello.acceptsDeflate, local.acceptsDeflate { traffic.compression.enable() }
            case .batch(_, let batch):
                report.batchesReceived += 1
                report.changesReceived += batch.changes.count
                report.fieldsReceived += batch.fieldCount
            case .ack(let ack):
                report.changesAppliedByPeer += Int(ack.applied)
            default:
                break
            }
            return machine.received(message)
        } catch {
            return machine.failed(SyncFailure(.decodeError, error.description))
        }
    }

    /// What the store keeps of a session once it has ended: how far the peer
    /// is (so changes it has are not held back for it), and, if equal vectors
    /// hid different states, a request to fetch every change again.
    private func conclude(_ report: SyncReport) async {
        if let peerVector = report.peerVectorAtStart {
            do {
                try await threadPool.runIfActive { [store] in try store.notePeerHas(peerVector) }
            } catch {
                logger.debug("cannot note what the peer has", metadata: ["redress.error": "\(error)"])
            }
        }
        if report.digestsDiffered {
            let reason = "equal version vectors but different digests with node \(certifiedPeer)"
            do {
                try await threadPool.runIfActive { [store] in try store.refetchEverything(reason: reason) }
            } catch {
                logger.error("cannot ask for every change again", metadata: ["redress.error": "\(error)"])
            }
        }
    }

    /// What the peer's hello says besides its vector: how far its clock is
    /// from ours (a wrong clock is reported before its changes are refused),
    /// and whether equal vectors hide different states.
    private func compare(_ hello: SyncHello, localDigest: [UInt8], into report: inout SyncReport) {
        if hello.wallClockMillis > 0 {
            let offset = Int64(clamping: hello.wallClockMillis) - Int64(clamping: store.configuration.wallClock())
            report.peerClockOffsetMillis = offset
            if offset.magnitude > configuration.clockWarningMillis {
                logger.warning("the peer's clock differs from this node's", metadata: [
                    "redress.clock.offset.seconds": "\(Double(offset) / 1000)",
                    "redress.clock.warning.seconds": "\(Double(configuration.clockWarningMillis) / 1000)",
                    "redress.clock.drift.limit.seconds": "\(Double(store.configuration.maxClockDriftMillis) / 1000)",
                ])
            }
        }
        if hello.showsDifferentState(thanVector: report.localVectorAtStart, digest: localDigest,
                                     digestFormat: RedressStore.stateDigestFormat) {
            report.digestsDiffered = true
        } else if !hello.stateDigest.isEmpty, hello.digestFormat != RedressStore.stateDigestFormat {
            // Debug, not info: during an upgrade this holds for every sync with
            // every peer of the other version, every interval.
            logger.debug("the peer's digest follows another definition: states are not compared", metadata: [
                "redress.digest.format.peer": "\(hello.digestFormat)",
                "redress.digest.format.local": "\(RedressStore.stateDigestFormat)",
            ])
        }
    }

    /// Maps what ended the inbound stream to the reason told to the peer.
    private func handleInboundError(_ error: any Error, _ machine: inout SyncSessionStateMachine) -> [SyncSessionStateMachine.Action] {
        switch error {
        case let error as SyncFrameDecoderError:
            if case .frameTooLarge = error {
                return machine.failed(SyncFailure(.frameTooLarge, error.description))
            }
            return machine.connectionClosed()
        case let error as WireDecodingError:
            return machine.failed(SyncFailure(.decodeError, error.description))
        case let error as SyncIdleTimeout:
            return machine.failed(SyncFailure(.timeout, error.description))
        case let error as SyncHandshakeTimeout:
            return machine.failed(SyncFailure(.timeout, error.description))
        default:
            logger.debug("connection failed", metadata: ["redress.error": "\(error)"])
            return machine.connectionClosed()
        }
    }

    /// The reason code for a batch the store refused.
    static func failure(applying error: StoreError) -> SyncFailure {
        switch error {
        case .clockDrift(let drift): SyncFailure(.clockDrift, drift.description)
        case .invalidBatch(let reason): SyncFailure(.decodeError, "the batch was refused: \(reason)")
        case .diskFull: SyncFailure(.internal, "the peer's disk is full: it could not apply the batch")
        default: SyncFailure(.internal, "the peer could not apply the batch to its own store")
        }
    }

    /// The counts of an applied batch that the session reports and acknowledges.
    private struct Applied: Sendable {
        var applied = 0
        var duplicates = 0
        var fieldsWon = 0
    }

    private func apply(_ batch: ChangeBatch) async -> Result<Applied, StoreError> {
        // The final, empty batch changes nothing: no transaction for it.
        if batch.isEmpty { return .success(Applied()) }
        do {
            let outcome = try await threadPool.runIfActive { [store] in try store.apply(batch) }
            return .success(Applied(applied: outcome.applied, duplicates: outcome.duplicates, fieldsWon: outcome.fieldsWon))
        } catch let error as StoreError {
            logger.warning("a batch was refused", metadata: ["redress.error": "\(error)"])
            return .failure(error)
        } catch {
            return .failure(.unreadable(path: store.databasePath, reason: "\(error)"))
        }
    }

    /// Reads what the peer lacks, at most `maxBatchFields` field values and
    /// never more than the smaller of the two frame limits.
    private func readBatch(after vector: VersionVector, peerMaxFrameLength: Int) async -> Result<ChangeBatch, SyncFailure> {
        let limit = min(configuration.maxFrameLength, peerMaxFrameLength > 0 ? peerMaxFrameLength : WireProtocol.defaultMaxFrameLength)
        var maxFields = max(1, configuration.maxBatchFields)
        do {
            while true {
                let fields = maxFields
                let batch = try await threadPool.runIfActive { [store] in try store.changes(after: vector, maxFields: fields) }
                if batch.estimatedWireLength <= limit { return .success(batch) }
                guard batch.changes.count > 1 else {
                    let change = batch.changes.first.map { "\($0.origin):\($0.counter)" } ?? "?"
                    logger.error("a change is larger than the peer accepts", metadata: ["redress.change": "\(change)", "redress.limit": "\(limit)"])
                    return .failure(SyncFailure(.internal, "change \(change) is larger than the frame limit of \(limit) bytes"))
                }
                // Big text values: fewer fields per batch until it fits.
                maxFields = max(1, min(maxFields, batch.fieldCount) / 4)
            }
        } catch is CancellationError {
            // The session ended while this read was queued.
            return .failure(SyncFailure(.internal, "the session ended"))
        } catch {
            logger.error("cannot read changes", metadata: ["redress.error": "\(error)"])
            return .failure(SyncFailure(.internal, "the peer could not read its own store"))
        }
    }
}
