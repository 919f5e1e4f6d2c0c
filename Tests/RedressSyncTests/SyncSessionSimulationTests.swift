import RedressModel
import RedressStore
import RedressWire
import Testing
@testable import RedressSync

/// Two state machines and two real stores, connected by in-memory queues,
/// with a seeded scheduler choosing which message, read or apply happens
/// next: every interleaving the driver could see must finish and converge.
@Suite("The session state machine, under every scheduling")
struct SyncSessionSimulationTests {
    private struct Side {
        var machine: SyncSessionStateMachine
        let store: RedressStore
        /// Messages on the way to this side.
        var inbox: [SyncMessage] = []
        var pendingReads: [VersionVector] = []
        var pendingApplies: [(UInt64, ChangeBatch)] = []
        var finished = false
        var ended: SyncSessionEnd?
    }

    private static func local(_ node: NodeID) -> SyncSessionStateMachine.Local {
        SyncSessionStateMachine.Local(clusterID: "cluster", node: node, softwareVersion: "test")
    }

    @Test(arguments: 0..<24)
    func everySchedulingFinishesAndConverges(seed: Int) throws {
        // Given two stores that wrote different complaints, and batches of at most 7 fields
        let directory = TemporaryDirectory()
        let a = try StoreFixture.store("a", in: directory)
        let b = try StoreFixture.store("b", in: directory)
        try StoreFixture.addComplaints(3 + seed % 4, to: a)
        try StoreFixture.addComplaints(seed % 3, to: b)
        var generator = SeededGenerator(seed: UInt64(seed))
        let window = 1 + seed % 4
        var sides = [
            Side(machine: SyncSessionStateMachine(role: .initiator, local: Self.local(a.node), certifiedPeer: b.node, peerMembership: .active, window: window), store: a),
            Side(machine: SyncSessionStateMachine(role: .responder, local: Self.local(b.node), certifiedPeer: a.node, peerMembership: .active, window: window), store: b),
        ]

        func perform(_ actions: [SyncSessionStateMachine.Action], by index: Int) {
            for action in actions {
                switch action {
                case .send(let message): sides[1 - index].inbox.append(message)
                case .readLocalBatch(let vector): sides[index].pendingReads.append(vector)
                case .apply(let sequence, let batch): sides[index].pendingApplies.append((sequence, batch))
                case .finish: sides[index].finished = true
                case .close(let end): sides[index].ended = end
                }
            }
        }

        // When both start and the scheduler runs them
        perform(sides[0].machine.start(localVector: try a.versionVector()), by: 0)
        perform(sides[1].machine.start(localVector: try b.versionVector()), by: 1)
        var steps = 0
        while true {
            var choices: [(Int, Int)] = []  // (side, 0 deliver | 1 read | 2 apply)
            for index in 0..<2 {
                if !sides[index].inbox.isEmpty { choices.append((index, 0)) }
                if !sides[index].pendingReads.isEmpty { choices.append((index, 1)) }
                if !sides[index].pendingApplies.isEmpty { choices.append((index, 2)) }
            }
            guard let (index, kind) = choices.randomElement(using: &generator) else { break }
            steps += 1
            try #require(steps < 10_000, "the session does not terminate")
            switch kind {
            case 0:
                let message = sides[index].inbox.removeFirst()
                perform(sides[index].machine.received(message), by: index)
            case 1:
                let vector = sides[index].pendingReads.removeFirst()
                let batch = try sides[index].store.changes(after: vector, maxFields: 7)
                perform(sides[index].machine.localBatchRead(batch), by: index)
            default:
                let (sequence, batch) = sides[index].pendingApplies.removeFirst()
                let outcome = try sides[index].store.apply(batch)
                perform(sides[index].machine.batchApplied(sequence: sequence, applied: outcome.applied,
                                                          duplicates: outcome.duplicates, fieldsWon: outcome.fieldsWon), by: index)
            }
        }

        // Then both finished cleanly and hold the same data
        #expect(sides[0].ended == nil && sides[1].ended == nil)
        #expect(sides[0].finished && sides[1].finished)
        #expect(try a.digest() == b.digest())
        #expect(try a.versionVector() == b.versionVector())
    }

    @Test func equalNodesExchangeOnlyAHandfulOfFrames() throws {
        // Given two stores that already hold the same data
        let directory = TemporaryDirectory()
        let a = try StoreFixture.store("a", in: directory)
        let b = try StoreFixture.store("b", in: directory)
        try StoreFixture.addComplaints(20, to: a)
        try StoreFixture.exchange(a, b)
        var initiator = SyncSessionStateMachine(role: .initiator, local: Self.local(a.node), certifiedPeer: b.node, peerMembership: .active)
        var responder = SyncSessionStateMachine(role: .responder, local: Self.local(b.node), certifiedPeer: a.node, peerMembership: .active)
        // When they run a session in lockstep
        var toResponder = initiator.start(localVector: try a.versionVector())
        _ = responder.start(localVector: try b.versionVector())
        var frames = 0
        var toInitiator: [SyncSessionStateMachine.Action] = []
        for _ in 0..<50 where !(initiator.isOver && responder.isOver) {
            (toInitiator, frames) = try Self.drive(&responder, store: b, actions: toResponder, frames: frames)
            (toResponder, frames) = try Self.drive(&initiator, store: a, actions: toInitiator, frames: frames)
        }
        // Then both finish after hellos, one empty batch and one ack each way, and goodbyes
        #expect(initiator.isOver && responder.isOver)
        #expect(frames == 8)
    }

    /// Delivers the messages in `actions` to `machine`, performing its own reads
    /// and applies at once; returns what it sends and the running frame count.
    private static func drive(_ machine: inout SyncSessionStateMachine, store: RedressStore, actions: [SyncSessionStateMachine.Action],
                              frames: Int) throws -> ([SyncSessionStateMachine.Action], Int) {
        var frames = frames
        var output: [SyncSessionStateMachine.Action] = []
        var queue = actions.compactMap { action -> SyncMessage? in
            if case .send(let message) = action { frames += 1; return message }
            return nil
        }.map { message in { (m: inout SyncSessionStateMachine) in m.received(message) } }
        while !queue.isEmpty {
            let step = queue.removeFirst()
            for action in step(&machine) {
                switch action {
                case .send: output.append(action)
                case .readLocalBatch(let vector):
                    let batch = try store.changes(after: vector)
                    queue.append { $0.localBatchRead(batch) }
                case .apply(let sequence, let batch):
                    let outcome = try store.apply(batch)
                    queue.append { $0.batchApplied(sequence: sequence, applied: outcome.applied, duplicates: outcome.duplicates, fieldsWon: outcome.fieldsWon) }
                case .finish, .close: break
                }
            }
        }
        return (output, frames)
    }
}
