import RedressModel
import RedressWire
import Testing
@testable import RedressSync

@Suite("The session state machine, event by event")
struct SyncSessionStateMachineTests {
    typealias Machine = SyncSessionStateMachine
    static let cluster = "c0ffee00-0000-4000-8000-000000000001"
    static let nodeA = NodeID("00000000-0000-4000-8000-00000000000a")!
    static let nodeB = NodeID("00000000-0000-4000-8000-00000000000b")!
    static let nodeC = NodeID("00000000-0000-4000-8000-00000000000c")!

    static func local(_ node: NodeID, admitUnknown: Bool = true) -> Machine.Local {
        Machine.Local(clusterID: cluster, node: node, softwareVersion: "test", maxFrameLength: 1 << 20, admitUnknownNodes: admitUnknown)
    }

    static func hello(_ node: NodeID, _ vector: VersionVector = VersionVector(), cluster: String = cluster, version: UInt32 = WireProtocol.version) -> SyncHello {
        // A node of this build says it accepts deflated envelopes.
        SyncHello(clusterID: cluster, node: node, protocolVersion: version, softwareVersion: "test", versionVector: vector, maxFrameLength: 1 << 20,
                  acceptsDeflate: true)
    }

    /// A batch of `count` history entries of `origin`, counters after `after`.
    static func batch(_ origin: NodeID, after: UInt64, count: UInt64) -> ChangeBatch {
        ChangeBatch(
            changes: (0..<count).map { $0 + 1 }.map { offset in
                Change(origin: origin, counter: after + offset, time: HybridTimestamp(millis: 1_800_000_000_000, logical: UInt16(offset)),
                       payload: .event(HistoryEvent(complaint: "x", kind: .note, user: "u", text: "t")))
            },
            coverage: [origin: CounterRange(after: after, upTo: after + count)])
    }

    /// An initiator (A) that has sent its hello and accepted B's.
    static func streamingInitiator(peerVector: VersionVector = VersionVector(), window: Int = 4) -> Machine {
        var machine = Machine(role: .initiator, local: local(nodeA), certifiedPeer: nodeB, peerMembership: .active, window: window)
        _ = machine.start(localVector: VersionVector([nodeA: 3]))
        _ = machine.received(.hello(hello(nodeB, peerVector)))
        return machine
    }

    /// The refusal actions for `code`, whatever the message.
    static func isRefusal(_ actions: [Machine.Action], _ code: SyncErrorCode) -> Bool {
        guard actions.count == 2, case .send(.error(let sent)) = actions[0], case .close(.refused(let closed)) = actions[1] else { return false }
        return sent.code == code && closed == sent
    }

    // MARK: The whole session, scripted

    @Test func initiatorRunsTheWholeSession() {
        var machine = Machine(role: .initiator, local: Self.local(Self.nodeA), certifiedPeer: Self.nodeB, peerMembership: .active)
        let mine = VersionVector([Self.nodeA: 5])
        let theirs = VersionVector([Self.nodeB: 2])
        // Given a started initiator, Then it says hello first
        #expect(machine.start(localVector: mine) == [.send(.hello(Self.hello(Self.nodeA, mine)))])
        // When B's hello arrives, Then it reads what B lacks
        #expect(machine.received(.hello(Self.hello(Self.nodeB, theirs))) == [.readLocalBatch(after: theirs)])
        #expect(machine.peerHello?.node == Self.nodeB)
        // When the read returns a batch, Then it sends it and reads on from where it ends
        let outgoing = Self.batch(Self.nodeA, after: 0, count: 5)
        #expect(machine.localBatchRead(outgoing) == [.send(.batch(sequence: 1, outgoing)),
                                                   .readLocalBatch(after: VersionVector([Self.nodeA: 5, Self.nodeB: 2]))])
        // When the next read is empty, Then it sends the final batch and reads no more
        #expect(machine.localBatchRead(ChangeBatch()) == [.send(.batch(sequence: 2, ChangeBatch()))])
        // When B's batches arrive, Then each is applied and, once applied, acknowledged
        let incoming = Self.batch(Self.nodeB, after: 2, count: 3)
        #expect(machine.received(.batch(sequence: 1, incoming)) == [.apply(sequence: 1, incoming)])
        #expect(machine.batchApplied(sequence: 1, applied: 3, duplicates: 0, fieldsWon: 3)
                == [.send(.ack(SyncBatchAck(sequence: 1, applied: 3, duplicates: 0, fieldsWon: 3)))])
        #expect(machine.received(.ack(SyncBatchAck(sequence: 1, applied: 5))) == [])
        #expect(machine.received(.batch(sequence: 2, ChangeBatch())) == [.apply(sequence: 2, ChangeBatch())])
        #expect(machine.batchApplied(sequence: 2, applied: 0, duplicates: 0, fieldsWon: 0) == [.send(.ack(SyncBatchAck(sequence: 2)))])
        // When its last batch is acknowledged, Then it says goodbye
        #expect(machine.received(.ack(SyncBatchAck(sequence: 2))) == [.send(.goodbye(.done))])
        #expect(!machine.isOver)
        // When B says goodbye too, Then the session is finished
        #expect(machine.received(.goodbye(.done)) == [.finish])
        #expect(machine.isOver)
        // And later events change nothing
        #expect(machine.received(.goodbye(.done)) == [])
        #expect(machine.connectionClosed() == [])
    }

    @Test func responderWaitsForAHelloThenAnswers() {
        var machine = Machine(role: .responder, local: Self.local(Self.nodeB), certifiedPeer: Self.nodeA, peerMembership: .active)
        let mine = VersionVector([Self.nodeB: 2])
        #expect(machine.start(localVector: mine) == [])
        let theirs = VersionVector([Self.nodeA: 9])
        #expect(machine.received(.hello(Self.hello(Self.nodeA, theirs)))
                == [.send(.hello(Self.hello(Self.nodeB, mine))), .readLocalBatch(after: theirs)])
    }

    @Test func goodbyeWaitsForTheLastApplyEvenIfAcksCameFirst() {
        var machine = Self.streamingInitiator()
        _ = machine.localBatchRead(ChangeBatch())
        #expect(machine.received(.ack(SyncBatchAck(sequence: 1))) == [])
        #expect(machine.received(.batch(sequence: 1, ChangeBatch())) == [.apply(sequence: 1, ChangeBatch())])
        #expect(machine.batchApplied(sequence: 1, applied: 0, duplicates: 0, fieldsWon: 0)
                == [.send(.ack(SyncBatchAck(sequence: 1))), .send(.goodbye(.done))])
    }

    @Test func whatThePeerSentIsNeverEchoedBack() {
        // Given an initiator that received B's batch covering A's counters 4...9 (relayed through B)
        var machine = Self.streamingInitiator()
        let relayed = Self.batch(Self.nodeA, after: 3, count: 6)
        _ = machine.received(.batch(sequence: 1, relayed))
        // When its next read is asked for, Then it starts after what B sent
        let own = Self.batch(Self.nodeA, after: 0, count: 3)
        #expect(machine.localBatchRead(own).last == .readLocalBatch(after: VersionVector([Self.nodeA: 9])))
    }

    // MARK: Flow control

    @Test func aSenderKeepsAtMostAWindowOfBatchesUnacknowledged() {
        var machine = Self.streamingInitiator(window: 3)
        var after: UInt64 = 3
        for sequence in 1...3 {
            let batch = Self.batch(Self.nodeA, after: after, count: 1)
            after += 1
            let actions = machine.localBatchRead(batch)
            #expect(actions.first == .send(.batch(sequence: UInt64(sequence), batch)))
            // A read follows each batch until three are in flight
            #expect(actions.count == (sequence < 3 ? 2 : 1))
        }
        // The first ack opens the window again
        #expect(machine.received(.ack(SyncBatchAck(sequence: 1))) == [.readLocalBatch(after: VersionVector([Self.nodeA: 6]))])
    }

    @Test func aPeerThatOverrunsTheWindowIsRefused() {
        var machine = Self.streamingInitiator(window: 2)
        #expect(machine.received(.batch(sequence: 1, Self.batch(Self.nodeB, after: 0, count: 1))).count == 1)
        #expect(machine.received(.batch(sequence: 2, Self.batch(Self.nodeB, after: 1, count: 1))).count == 1)
        // Neither applied nor acknowledged yet: a third is one too many
        #expect(Self.isRefusal(machine.received(.batch(sequence: 3, Self.batch(Self.nodeB, after: 2, count: 1))), .outOfOrder))
    }

    // MARK: Hello checks

    static let badHellos: [(SyncHello, SyncErrorCode)] = [
        (hello(nodeB, version: 2), .protocolVersion),
        (hello(nodeB, version: 0), .protocolVersion),
        (hello(nodeB, cluster: "another-cluster"), .clusterMismatch),
        (hello(nodeC), .nodeIDMismatch),
        (hello(nodeA), .nodeIDMismatch),
    ]

    @Test(arguments: SyncSessionStateMachineTests.badHellos)
    func helloChecks(hello: SyncHello, code: SyncErrorCode) {
        for role in [Machine.Role.initiator, .responder] {
            var machine = Machine(role: role, local: Self.local(Self.nodeA), certifiedPeer: Self.nodeB, peerMembership: .active)
            _ = machine.start(localVector: VersionVector())
            #expect(Self.isRefusal(machine.received(.hello(hello)), code), "\(role)")
            #expect(machine.isOver)
            // Nothing after a refusal
            #expect(machine.received(.hello(Self.hello(Self.nodeB))) == [])
        }
    }

    @Test func aPeerWhoseCertificateIsItselfIsRefused() {
        var machine = Machine(role: .responder, local: Self.local(Self.nodeA), certifiedPeer: Self.nodeA, peerMembership: .active)
        _ = machine.start(localVector: VersionVector())
        #expect(Self.isRefusal(machine.received(.hello(Self.hello(Self.nodeA))), .nodeIDMismatch))
    }

    static let admissions: [(MembershipStatus, Bool, SyncErrorCode?)] = [
        (.active, true, nil),
        (.active, false, nil),
        (.unknown, true, nil),
        (.unknown, false, .unknownNode),
        (.retired, true, .retiredNode),
        (.retired, false, .retiredNode),
    ]

    @Test(arguments: SyncSessionStateMachineTests.admissions)
    func membershipDecidesAdmission(status: MembershipStatus, admitUnknown: Bool, refusal: SyncErrorCode?) {
        for role in [Machine.Role.initiator, .responder] {
            var machine = Machine(role: role, local: Self.local(Self.nodeA, admitUnknown: admitUnknown), certifiedPeer: Self.nodeB, peerMembership: status)
            _ = machine.start(localVector: VersionVector())
            let actions = machine.received(.hello(Self.hello(Self.nodeB)))
            if let refusal {
                #expect(Self.isRefusal(actions, refusal))
            } else {
                #expect(actions.last == .readLocalBatch(after: VersionVector()))
            }
        }
    }

    // MARK: Messages out of order

    @Test(arguments: [SyncMessage.batch(sequence: 1, ChangeBatch()), .ack(SyncBatchAck(sequence: 1))])
    func onlyAHelloMayComeFirst(message: SyncMessage) {
        for role in [Machine.Role.initiator, .responder] {
            var machine = Machine(role: role, local: Self.local(Self.nodeA), certifiedPeer: Self.nodeB, peerMembership: .active)
            _ = machine.start(localVector: VersionVector())
            #expect(Self.isRefusal(machine.received(message), .outOfOrder))
        }
    }

    @Test func aSecondHelloIsRefused() {
        var machine = Self.streamingInitiator()
        #expect(Self.isRefusal(machine.received(.hello(Self.hello(Self.nodeB))), .outOfOrder))
    }

    @Test(arguments: [0, 2, 7, UInt64.max])
    func batchesMustArriveInSequence(sequence: UInt64) {
        var machine = Self.streamingInitiator()
        #expect(Self.isRefusal(machine.received(.batch(sequence: sequence, ChangeBatch())), .outOfOrder))
    }

    @Test func aBatchRepeatedIsRefused() {
        var machine = Self.streamingInitiator()
        let batch = Self.batch(Self.nodeB, after: 0, count: 2)
        _ = machine.received(.batch(sequence: 1, batch))
        #expect(Self.isRefusal(machine.received(.batch(sequence: 1, batch)), .outOfOrder))
    }

    @Test func nothingMayFollowTheFinalBatch() {
        var machine = Self.streamingInitiator()
        _ = machine.received(.batch(sequence: 1, ChangeBatch()))
        _ = machine.batchApplied(sequence: 1, applied: 0, duplicates: 0, fieldsWon: 0)
        #expect(Self.isRefusal(machine.received(.batch(sequence: 2, Self.batch(Self.nodeB, after: 0, count: 1))), .outOfOrder))
    }

    @Test func acksMustMatchTheOldestUnacknowledgedBatch() {
        // No batch sent yet
        var machine = Self.streamingInitiator()
        #expect(Self.isRefusal(machine.received(.ack(SyncBatchAck(sequence: 1))), .outOfOrder))
        // Two sent: the second may not be acknowledged first
        machine = Self.streamingInitiator()
        _ = machine.localBatchRead(Self.batch(Self.nodeA, after: 3, count: 1))
        _ = machine.localBatchRead(Self.batch(Self.nodeA, after: 4, count: 1))
        #expect(Self.isRefusal(machine.received(.ack(SyncBatchAck(sequence: 2))), .outOfOrder))
        // Nor one acknowledged twice
        machine = Self.streamingInitiator()
        _ = machine.localBatchRead(Self.batch(Self.nodeA, after: 3, count: 1))
        _ = machine.received(.ack(SyncBatchAck(sequence: 1)))
        #expect(Self.isRefusal(machine.received(.ack(SyncBatchAck(sequence: 1))), .outOfOrder))
    }

    @Test func anEarlyGoodbyeIsRefused() {
        var machine = Self.streamingInitiator()
        #expect(Self.isRefusal(machine.received(.goodbye(.done)), .outOfOrder))
        // Even with everything sent and acknowledged, while the peer's final batch is missing
        machine = Self.streamingInitiator()
        _ = machine.localBatchRead(ChangeBatch())
        _ = machine.received(.ack(SyncBatchAck(sequence: 1)))
        #expect(Self.isRefusal(machine.received(.goodbye(.done)), .outOfOrder))
    }

    // MARK: Endings

    @Test func aPeerErrorEndsTheSessionWithoutAReply() {
        let failure = SyncFailure(.retiredNode, "you were retired")
        var beforeHello = Machine(role: .initiator, local: Self.local(Self.nodeA), certifiedPeer: Self.nodeB, peerMembership: .active)
        _ = beforeHello.start(localVector: VersionVector())
        #expect(beforeHello.received(.error(failure)) == [.close(.refusedByPeer(failure))])
        var streaming = Self.streamingInitiator()
        #expect(streaming.received(.error(failure)) == [.close(.refusedByPeer(failure))])
        #expect(streaming.isOver)
    }

    @Test func aPeerShuttingDownEndsTheSession() {
        var machine = Self.streamingInitiator()
        #expect(machine.received(.goodbye(.shuttingDown)) == [.close(.peerLeft(.shuttingDown))])
    }

    @Test func localFailuresAreToldToThePeer() {
        for code in [SyncErrorCode.frameTooLarge, .decodeError, .clockDrift, .internal, .timeout] {
            var machine = Self.streamingInitiator()
            #expect(Self.isRefusal(machine.failed(SyncFailure(code, "why")), code))
            #expect(machine.failed(SyncFailure(code, "again")) == [])
        }
    }

    @Test func aLostConnectionEndsTheSessionQuietly() {
        var machine = Self.streamingInitiator()
        _ = machine.localBatchRead(Self.batch(Self.nodeA, after: 3, count: 1))
        #expect(machine.connectionClosed() == [.close(.connectionLost)])
        // Results of work in flight are ignored
        #expect(machine.localBatchRead(ChangeBatch()) == [])
        #expect(machine.batchApplied(sequence: 1, applied: 1, duplicates: 0, fieldsWon: 1) == [])
    }

    @Test func shuttingDownSaysGoodbye() {
        var machine = Self.streamingInitiator()
        #expect(machine.shutdown() == [.send(.goodbye(.shuttingDown)), .close(.shuttingDown)])
        #expect(machine.shutdown() == [])
    }
}
