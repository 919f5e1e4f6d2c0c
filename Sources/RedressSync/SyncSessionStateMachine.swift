public import RedressModel
public import RedressWire

/// The protocol logic of one sync connection, for either role, as a pure
/// value: events in, actions out. No I/O, no NIO, no store.
///
///     initiator                                 responder
///     start → send hello
///                                               receive hello → check → send hello
///     receive hello → check
///     both: read local batch → send batch n … until an empty (final) batch
///     both: receive batch n → apply → (applied) → send ack n
///     both: receive ack n (in order) → read the next local batch
///     both: when all sent batches are acked and the peer's final batch is
///           applied → send goodbye; goodbye received too → finish
///
/// Anything else — a message before the hello, a sequence number out of
/// order, an ack for a batch not sent, more unacknowledged batches than
/// `WireProtocol.window` — ends the session with an error frame. The driver
/// (`SyncSession`) performs the actions and feeds back their results.
public struct SyncSessionStateMachine: Sendable {
    public enum Role: Sendable, Hashable, CustomStringConvertible {
        /// Opened the connection (`redress sync`, a serve loop's timer); sends its hello first.
        case initiator
        /// Accepted it (`redress serve`); answers only a hello it accepts.
        case responder

        public var description: String { self == .initiator ? "initiator" : "responder" }
    }

    /// What the local node says about itself and accepts from peers.
    public struct Local: Sendable, Hashable {
        public var clusterID: String
        public var node: NodeID
        public var softwareVersion: String
        public var maxFrameLength: Int
        /// Whether a peer missing from the membership list is admitted (see `MembershipStatus.unknown`).
        public var admitUnknownNodes: Bool
        /// Whether this node accepts deflated envelopes (it says so in its hello).
        public var acceptsDeflate = true

        public init(clusterID: String, node: NodeID, softwareVersion: String,
                    maxFrameLength: Int = WireProtocol.defaultMaxFrameLength, admitUnknownNodes: Bool = true) {
            self.clusterID = clusterID
            self.node = node
            self.softwareVersion = softwareVersion
            self.maxFrameLength = maxFrameLength
            self.admitUnknownNodes = admitUnknownNodes
        }
    }

    /// What the driver must do, in order.
    public enum Action: Sendable, Hashable {
        case send(SyncMessage)
        /// Read `store.changes(after:)` and report it with `localBatchRead(_:)`.
        case readLocalBatch(after: VersionVector)
        /// Apply the batch atomically and report it with `batchApplied(sequence:…)`;
        /// batches must be applied one at a time, in the order given.
        case apply(sequence: UInt64, ChangeBatch)
        /// The session is complete both ways: close the connection.
        case finish
        /// The session ended early: close the connection (after any send before this action).
        case close(SyncSessionEnd)
    }

    private enum State: Sendable {
        case idle
        case awaitingHello(Introduction)
        case streaming(Streaming)
        case finished
        case closed
    }

    /// What this node says of itself in its hello, besides `Local`.
    private struct Introduction: Sendable {
        var localVector: VersionVector
        var wallClockMillis: UInt64
        var stateDigest: [UInt8]
        var stateDigestFormat: UInt32
    }

    private struct Streaming: Sendable {
        var peerHello: SyncHello
        /// What the peer has, as far as we know: its hello, plus what we sent
        /// and what it sent us.
        var peerVector: VersionVector
        // Outgoing.
        var nextSequence: UInt64 = 1
        var unacked: [UInt64] = []
        var readInFlight = false
        var sentFinal = false
        // Incoming.
        var expectedSequence: UInt64 = 1
        var unappliedCount = 0
        var receivedFinal = false
        var goodbyeSent = false

        var isDone: Bool { sentFinal && unacked.isEmpty && receivedFinal && unappliedCount == 0 }
    }

    public let role: Role
    public let local: Local
    /// The node id in the peer's verified certificate.
    public let certifiedPeer: NodeID
    public let peerMembership: MembershipStatus
    /// How many batches a sender may have unacknowledged.
    public let window: Int
    private var state = State.idle

    /// - Parameters:
    ///   - certifiedPeer: the node id from the peer's certificate, which the
    ///     TLS handshake verified against the cluster CA.
    ///   - peerMembership: what the membership list says of `certifiedPeer`.
    public init(role: Role, local: Local, certifiedPeer: NodeID, peerMembership: MembershipStatus, window: Int = WireProtocol.window) {
        precondition(window > 0)
        self.role = role
        self.local = local
        self.certifiedPeer = certifiedPeer
        self.peerMembership = peerMembership
        self.window = window
    }

    /// The peer's accepted hello, once there is one.
    public var peerHello: SyncHello? {
        if case .streaming(let streaming) = state { streaming.peerHello } else { nil }
    }

    /// Whether the session has ended, completely or not.
    public var isOver: Bool {
        switch state {
        case .finished, .closed: true
        case .idle, .awaitingHello, .streaming: false
        }
    }

    // MARK: Events

    /// Starts the session with this node's version vector (read just before).
    ///
    /// - Parameters:
    ///   - wallClockMillis: this node's wall clock now, for the peer to compare with its own.
    ///   - stateDigest: the digest of this node's state at `localVector`, if it has one at hand.
    ///   - stateDigestFormat: which definition of the digest `stateDigest` follows.
    public mutating func start(localVector: VersionVector, wallClockMillis: UInt64 = 0, stateDigest: [UInt8] = [],
                               stateDigestFormat: UInt32 = 0) -> [Action] {
        guard case .idle = state else { preconditionFailure("a session starts once") }
        let introduction = Introduction(localVector: localVector, wallClockMillis: wallClockMillis, stateDigest: stateDigest,
                                        stateDigestFormat: stateDigestFormat)
        state = .awaitingHello(introduction)
        switch role {
        case .initiator: return [.send(.hello(hello(introduction)))]
        case .responder: return []
        }
    }

    /// A message arrived from the peer.
    public mutating func received(_ message: SyncMessage) -> [Action] {
        switch state {
        case .idle:
            preconditionFailure("a message before the session started")
        case .finished, .closed:
            return []
        case .awaitingHello(let introduction):
            switch message {
            case .hello(let hello):
                return accept(hello, introduction: introduction)
            case .error(let failure):
                return end(.refusedByPeer(failure))
            case .goodbye(let reason):
                return end(.peerLeft(reason))
            case .batch, .ack:
                return refuse(.outOfOrder, "expected a hello first, got a \(message.name)")
            }
        case .streaming(var streaming):
            switch message {
            case .hello:
                return refuse(.outOfOrder, "a second hello")
            case .error(let failure):
                return end(.refusedByPeer(failure))
            case .batch(let sequence, let batch):
                guard !streaming.receivedFinal else {
                    return refuse(.outOfOrder, "batch \(sequence) after the peer's final batch")
                }
                guard sequence == streaming.expectedSequence else {
                    return refuse(.outOfOrder, "batch \(sequence) where \(streaming.expectedSequence) was due")
                }
                guard streaming.unappliedCount < window else {
                    return refuse(.outOfOrder, "batch \(sequence) exceeds the window of \(window) unacknowledged batches")
                }
                streaming.expectedSequence += 1
                streaming.unappliedCount += 1
                if batch.isEmpty { streaming.receivedFinal = true }
                // The peer has what it sends: never echo it back.
                for (node, range) in batch.coverage where range.upTo > streaming.peerVector[node] {
                    streaming.peerVector[node] = range.upTo
                }
                state = .streaming(streaming)
                return [.apply(sequence: sequence, batch)]
            case .ack(let ack):
                guard let oldest = streaming.unacked.first, ack.sequence == oldest else {
                    let due = streaming.unacked.first.map { "ack \($0) was due" } ?? "no batch awaits one"
                    return refuse(.outOfOrder, "ack \(ack.sequence) where \(due)")
                }
                streaming.unacked.removeFirst()
                var actions: [Action] = []
                readMoreIfPossible(&streaming, into: &actions)
                sayGoodbyeIfDone(&streaming, into: &actions)
                state = .streaming(streaming)
                return actions
            case .goodbye(let reason):
                guard reason == .done else { return end(.peerLeft(reason)) }
                guard streaming.isDone, streaming.goodbyeSent else {
                    return refuse(.outOfOrder, "a goodbye before the session was complete")
                }
                state = .finished
                return [.finish]
            }
        }
    }

    /// The driver read the next local batch asked for by `.readLocalBatch`.
    public mutating func localBatchRead(_ batch: ChangeBatch) -> [Action] {
        guard case .streaming(var streaming) = state else { return [] }
        precondition(streaming.readInFlight, "a batch nobody asked for")
        streaming.readInFlight = false
        let sequence = streaming.nextSequence
        streaming.nextSequence += 1
        streaming.unacked.append(sequence)
        if batch.isEmpty { streaming.sentFinal = true }
        for (node, range) in batch.coverage where range.upTo > streaming.peerVector[node] {
            streaming.peerVector[node] = range.upTo
        }
        var actions: [Action] = [.send(.batch(sequence: sequence, batch))]
        readMoreIfPossible(&streaming, into: &actions)
        state = .streaming(streaming)
        return actions
    }

    /// The driver applied the batch given by `.apply` and committed it.
    public mutating func batchApplied(sequence: UInt64, applied: Int, duplicates: Int, fieldsWon: Int) -> [Action] {
        guard case .streaming(var streaming) = state else { return [] }
        precondition(streaming.unappliedCount > 0, "batch \(sequence) applied but none was given")
        streaming.unappliedCount -= 1
        var actions: [Action] = [.send(.ack(SyncBatchAck(sequence: sequence, applied: UInt32(clamping: applied),
                                                         duplicates: UInt32(clamping: duplicates), fieldsWon: UInt32(clamping: fieldsWon))))]
        sayGoodbyeIfDone(&streaming, into: &actions)
        state = .streaming(streaming)
        return actions
    }

    /// Something failed on this side or in the bytes (a frame too large, a
    /// message that does not decode, the store refusing a batch, a timeout):
    /// tell the peer why and close.
    public mutating func failed(_ failure: SyncFailure) -> [Action] {
        switch state {
        case .finished, .closed: []
        case .idle, .awaitingHello, .streaming: refuse(failure.code, failure.message)
        }
    }

    /// This node is shutting down: say so and close.
    public mutating func shutdown() -> [Action] {
        switch state {
        case .finished, .closed: return []
        case .idle, .awaitingHello, .streaming:
            state = .closed
            return [.send(.goodbye(.shuttingDown)), .close(.shuttingDown)]
        }
    }

    /// The peer closed the connection, or it broke.
    public mutating func connectionClosed() -> [Action] {
        switch state {
        case .finished, .closed: return []
        case .idle, .awaitingHello, .streaming:
            state = .closed
            return [.close(.connectionLost)]
        }
    }

    // MARK: Helpers

    private func hello(_ introduction: Introduction) -> SyncHello {
        SyncHello(clusterID: local.clusterID, node: local.node, softwareVersion: local.softwareVersion,
                  versionVector: introduction.localVector, maxFrameLength: UInt32(clamping: local.maxFrameLength),
                  wallClockMillis: introduction.wallClockMillis, stateDigest: introduction.stateDigest,
                  stateDigestFormat: introduction.stateDigestFormat, acceptsDeflate: local.acceptsDeflate)
    }

    private mutating func accept(_ hello: SyncHello, introduction: Introduction) -> [Action] {
        guard hello.protocolVersion == WireProtocol.version else {
            return refuse(.protocolVersion, "the peer speaks sync protocol \(hello.protocolVersion); this node speaks \(WireProtocol.version)")
        }
        guard hello.clusterID == local.clusterID else {
            return refuse(.clusterMismatch, "the peer belongs to cluster \(hello.clusterID); this node to \(local.clusterID)")
        }
        guard hello.node == certifiedPeer else {
            return refuse(.nodeIDMismatch, "the hello names node \(hello.node) but the certificate names \(certifiedPeer)")
        }
        guard hello.node != local.node else {
            return refuse(.nodeIDMismatch, "the peer is this node itself (\(local.node))")
        }
        switch peerMembership {
        case .active: break
        case .retired: return refuse(.retiredNode, "node \(hello.node) has been retired from the cluster")
        case .unknown:
            guard local.admitUnknownNodes else {
                return refuse(.unknownNode, "node \(hello.node) is not in this node's membership list")
            }
        }
        var streaming = Streaming(peerHello: hello, peerVector: hello.versionVector)
        var actions: [Action] = role == .responder ? [.send(.hello(self.hello(introduction)))] : []
        readMoreIfPossible(&streaming, into: &actions)
        state = .streaming(streaming)
        return actions
    }

    private func readMoreIfPossible(_ streaming: inout Streaming, into actions: inout [Action]) {
        guard !streaming.sentFinal, !streaming.readInFlight, streaming.unacked.count < window else { return }
        streaming.readInFlight = true
        actions.append(.readLocalBatch(after: streaming.peerVector))
    }

    private func sayGoodbyeIfDone(_ streaming: inout Streaming, into actions: inout [Action]) {
        guard streaming.isDone, !streaming.goodbyeSent else { return }
        streaming.goodbyeSent = true
        actions.append(.send(.goodbye(.done)))
    }

    private mutating func refuse(_ code: SyncErrorCode, _ message: String) -> [Action] {
        let failure = SyncFailure(code, message)
        state = .closed
        return [.send(.error(failure)), .close(.refused(failure))]
    }

    private mutating func end(_ end: SyncSessionEnd) -> [Action] {
        state = .closed
        return [.close(end)]
    }
}
