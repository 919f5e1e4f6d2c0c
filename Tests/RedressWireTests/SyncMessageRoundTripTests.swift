import Foundation
import RedressModel
import Testing
@testable import RedressWire

@Suite("Sync messages survive the wire unchanged")
struct SyncMessageRoundTripTests {
    private func roundTrip(_ message: SyncMessage) throws -> SyncMessage {
        try SyncMessage(frame: message.frame())
    }

    @Test func helloRoundTrips() throws {
        // Given a hello with a three-node version vector
        let hello = SyncHello(clusterID: "c0ffee00-0000-4000-8000-000000000001", node: WireFixtures.nodeA,
                              softwareVersion: "redress 0.1.0",
                              versionVector: VersionVector([WireFixtures.nodeA: 12, WireFixtures.nodeB: 0, WireFixtures.nodeC: .max]),
                              maxFrameLength: 1 << 20, wallClockMillis: 1_764_000_000_000,
                              stateDigest: Array(repeating: 0xAB, count: 32), stateDigestFormat: 7, acceptsDeflate: true)
        // When it is encoded and decoded, Then nothing changed
        #expect(try roundTrip(.hello(hello)) == .hello(hello))
    }

    /// States are taken for different only when both digests are at hand,
    /// the vectors are equal and the digests follow the same definition; a
    /// hello without a format (an earlier build) means format 1.
    @Test(arguments: [
        // (peer's format, local format, same vector, same digest, peer digest at hand, local digest at hand) -> differ
        (UInt32(1), UInt32(1), true, false, true, true, true),
        (UInt32(0), UInt32(1), true, false, true, true, true),
        (UInt32(1), UInt32(1), true, true, true, true, false),
        (UInt32(1), UInt32(1), false, false, true, true, false),
        (UInt32(2), UInt32(1), true, false, true, true, false),
        (UInt32(0), UInt32(2), true, false, true, true, false),
        (UInt32(1), UInt32(1), true, false, false, true, false),
        (UInt32(1), UInt32(1), true, false, true, false, false),
    ])
    func differentStatesNeedEqualVectorsAndOneDigestFormat(peerFormat: UInt32, localFormat: UInt32, sameVector: Bool, sameDigest: Bool,
                                                           peerHasDigest: Bool, localHasDigest: Bool, differ: Bool) {
        let vector = VersionVector([WireFixtures.nodeA: 12, WireFixtures.nodeB: 3])
        let local = [UInt8](repeating: 1, count: 32)
        let peer = SyncHello(clusterID: "c", node: WireFixtures.nodeB, softwareVersion: "t",
                             versionVector: sameVector ? vector : VersionVector([WireFixtures.nodeA: 13, WireFixtures.nodeB: 3]),
                             stateDigest: peerHasDigest ? (sameDigest ? local : [UInt8](repeating: 2, count: 32)) : [],
                             stateDigestFormat: peerFormat)
        #expect(peer.showsDifferentState(thanVector: vector, digest: localHasDigest ? local : [], digestFormat: localFormat) == differ)
    }

    @Test func mixedBatchRoundTrips() throws {
        let message = SyncMessage.batch(sequence: 42, WireFixtures.mixedBatch)
        #expect(try roundTrip(message) == message)
    }

    @Test func emptyBatchRoundTrips() throws {
        let message = SyncMessage.batch(sequence: 1, ChangeBatch())
        let decoded = try roundTrip(message)
        #expect(decoded == message)
        guard case .batch(_, let batch) = decoded else { Issue.record("not a batch"); return }
        #expect(batch.isEmpty)
    }

    @Test(arguments: 0..<200)
    func randomBatchesRoundTrip(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed))
        let batch = WireFixtures.randomBatch(using: &generator)
        let message = SyncMessage.batch(sequence: UInt64(seed), batch)
        #expect(try roundTrip(message) == message)
    }

    @Test func acksErrorsAndGoodbyesRoundTrip() throws {
        let messages: [SyncMessage] = [
            .ack(SyncBatchAck(sequence: 9, applied: 100, duplicates: 3, fieldsWon: 2_000)),
            .ack(SyncBatchAck(sequence: 0)),
            .goodbye(.done), .goodbye(.shuttingDown), .goodbye(.unrecognized(99)),
            .error(SyncFailure(.unrecognized(77), "from a newer peer")),
        ] + [SyncErrorCode.protocolVersion, .clusterMismatch, .nodeIDMismatch, .retiredNode, .unknownNode,
             .frameTooLarge, .decodeError, .outOfOrder, .clockDrift, .internal, .timeout].map { .error(SyncFailure($0, "because \($0)")) }
        for message in messages {
            #expect(try roundTrip(message) == message)
        }
    }

    @Test func equalBatchesEncodeToEqualBytes() {
        // Coverage is a dictionary: its order must not leak into the bytes.
        let first = SyncMessage.batch(sequence: 1, WireFixtures.mixedBatch).frame()
        for _ in 0..<20 {
            #expect(SyncMessage.batch(sequence: 1, WireFixtures.mixedBatch).frame() == first)
        }
    }

    @Test func complaintIDsTravelAsSixteenBytes() {
        // Given the same record change keyed by a canonical UUID and by a text key of the same length
        func size(key: String) -> Int {
            SyncMessage.batch(sequence: 1, ChangeBatch(
                changes: [Change(origin: WireFixtures.nodeA, counter: 1, time: WireFixtures.now,
                                 payload: .record(kind: .complaint, key: key, fields: [FieldWrite(0, "x")]))],
                coverage: [WireFixtures.nodeA: CounterRange(after: 0, upTo: 1)])).frame().count
        }
        // Then the UUID form is 20 bytes shorter
        #expect(size(key: WireFixtures.complaintID) + 20 == size(key: String(repeating: "k", count: 36)))
    }

    @Test func consecutiveChangesCostAFewBytesOfHeader() {
        // Given 1,000 history entries of one origin, 1 ms apart, all with the same body
        let event = HistoryEvent(complaint: WireFixtures.complaintID, kind: .note, user: "ana", text: "ok")
        let changes = (1...1_000).map {
            Change(origin: WireFixtures.nodeA, counter: UInt64($0), time: HybridTimestamp(millis: 1_750_000_000_000 + UInt64($0), logical: 0),
                   payload: .event(event))
        }
        let batch = ChangeBatch(changes: changes, coverage: [WireFixtures.nodeA: CounterRange(after: 0, upTo: 1_000)])
        // When encoded
        let bytes = SyncMessage.batch(sequence: 1, batch).frame().count
        // Then each change costs its body (complaint 18 + kind 2 + user 5 + text 4 = 29 bytes, plus 2 of
        // length) and at most 8 bytes of header (tag, length, time delta of 1 ms = 2^16 → 4 bytes)
        #expect(bytes < 1_000 * (31 + 8) + 100)
    }

    @Test func helloOfTenNodesIsSmall() {
        // A sync between equal nodes of a 10-node cluster must stay under 4 KB in all, TLS included.
        var generator = SeededGenerator(seed: 10)
        let nodes = (0..<10).map { _ in NodeID(uuid: UUID(uuid: WireFixtures.randomUUID(&generator))) }
        let vector = VersionVector(Dictionary(uniqueKeysWithValues: nodes.map { ($0, UInt64(2_000_000)) }))
        let hello = SyncHello(clusterID: "c0ffee00-0000-4000-8000-000000000001", node: nodes[0],
                              softwareVersion: "redress 0.1.0", versionVector: vector)
        // 10 entries of 24 bytes, cluster id 38, node id 18, version 2, software 15, max frame 5, envelope 3
        #expect(SyncMessage.hello(hello).frame().count <= 24 * 10 + 38 + 18 + 2 + 15 + 5 + 3)
    }
}

@Suite("The size estimate bounds the real size")
struct WireLengthEstimateTests {
    @Test(arguments: 0..<100)
    func estimateIsAnUpperBound(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) + 1_000)
        let batch = WireFixtures.randomBatch(using: &generator)
        let actual = SyncMessage.batch(sequence: .max, batch).frame().count
        #expect(batch.estimatedWireLength >= actual)
    }

    @Test func estimateOfTheMixedBatchIsAnUpperBoundAndNotWildlyOff() {
        let batch = WireFixtures.mixedBatch
        let actual = SyncMessage.batch(sequence: .max, batch).frame().count
        #expect(batch.estimatedWireLength >= actual)
        #expect(batch.estimatedWireLength < actual * 4)
    }
}
