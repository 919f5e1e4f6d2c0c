import Foundation
import RedressModel
import Testing
@testable import RedressWire

@Suite("Malformed messages are refused, never trusted")
struct WireDecodingErrorTests {
    private let batch = SyncMessage.batch(sequence: 1, WireFixtures.mixedBatch)

    /// Decodes `message` after `mutate` and returns the error's code, or `nil` if it decoded.
    private func refusal(_ message: SyncMessage, _ mutate: (inout Redress_Sync_V1_Envelope) -> Void) -> WireDecodingError? {
        do {
            _ = try WireFixtures.decodeAfter(message, mutate)
            return nil
        } catch {
            return error
        }
    }

    @Test func bytesThatAreNotAnEnvelopeAreRefused() {
        // 0xFF is field 31 with wire type 7, which does not exist
        #expect(throws: WireDecodingError.self) { try SyncMessage(frame: [0xFF, 0xFF, 0xFF]) }
        // A truncated batch
        let bytes = batch.frame()
        let error = #expect(throws: WireDecodingError.self) { try SyncMessage(frame: Array(bytes.dropLast(3))) }
        #expect(error?.code == .unparseable)
    }

    @Test func anEmptyEnvelopeIsRefused() {
        let error = #expect(throws: WireDecodingError.self) { try SyncMessage(frame: []) }
        #expect(error?.code == .emptyEnvelope)
    }

    @Test(arguments: [0, 1, 15, 17, 36])
    func nodeIDsMustBeSixteenBytes(length: Int) {
        let hello = SyncMessage.hello(SyncHello(clusterID: "c", node: WireFixtures.nodeA, softwareVersion: "t",
                                                versionVector: VersionVector([WireFixtures.nodeB: 1])))
        let bad = Data(repeating: 7, count: length)
        #expect(refusal(hello) { $0.hello.nodeID = bad }?.code == .badNodeID)
        #expect(refusal(hello) { $0.hello.versionVector[0].nodeID = bad }?.code == .badNodeID)
        #expect(refusal(batch) { $0.batch.nodes[1] = bad }?.code == .badNodeID)
    }

    @Test func nodeIndexesMustBeInTheTable() {
        #expect(refusal(batch) { $0.batch.changes[0].origin = 3 }?.code == .nodeIndexOutOfRange)
        #expect(refusal(batch) { $0.batch.coverage[0].node = 99 }?.code == .nodeIndexOutOfRange)
        #expect(refusal(batch) { $0.batch.changes[5].tag.dotOrigin = 3 }?.code == .nodeIndexOutOfRange)
    }

    @Test func unknownRecordKindsAreRefused() {
        #expect(refusal(batch) { $0.batch.changes[0].record.kind = 0 }?.code == .unknownRecordKind)
        #expect(refusal(batch) { $0.batch.changes[0].record.kind = 99 }?.code == .unknownRecordKind)
        #expect(refusal(batch) { $0.batch.changes[0].record.kind = .max }?.code == .unknownRecordKind)
    }

    @Test func fieldIndexesMustBeInTheSchema() {
        // complaint has 36 fields (0...35); taxon 4
        #expect(refusal(batch) { $0.batch.changes[0].record.fields[0].index = UInt32(RecordSchema.complaint.fields.count) }?.code == .fieldIndexOutOfRange)
        #expect(refusal(batch) { $0.batch.changes[0].record.fields[0].index = 64 }?.code == .fieldIndexOutOfRange)
        #expect(refusal(batch) { $0.batch.changes[4].record.fields[0].index = 4 }?.code == .fieldIndexOutOfRange)
        #expect(refusal(batch) { $0.batch.changes[4].record.fields[0].index = 3 }?.code == .duplicateFieldIndex)
    }

    @Test func unknownEventKindsAreRefused() {
        #expect(refusal(batch) { $0.batch.changes[1].event.kind = .unspecified }?.code == .unknownEventKind)
        #expect(refusal(batch) { $0.batch.changes[1].event.kind = .UNRECOGNIZED(42) }?.code == .unknownEventKind)
    }

    @Test func changesMustCarrySomethingAndNameTheirRecord() {
        #expect(refusal(batch) { $0.batch.changes[2].payload = nil }?.code == .missingPayload)
        #expect(refusal(batch) { $0.batch.changes[0].record.key = nil }?.code == .missingKey)
        #expect(refusal(batch) { $0.batch.changes[1].event.complaint = nil }?.code == .missingKey)
        #expect(refusal(batch) { $0.batch.changes[5].tag.complaint = nil }?.code == .missingKey)
        #expect(refusal(batch) { $0.batch.changes[0].record.key = .keyUuid(Data([1, 2, 3])) }?.code == .badUUID)
        #expect(refusal(batch) { $0.batch.changes[1].event.complaint = .complaintUuid(Data(count: 17)) }?.code == .badUUID)
    }

    @Test func changesMustLieInsideTheirCoverage() {
        // nodeA covers (2, 10]; its changes are 3, 7, 8, 9
        #expect(refusal(batch) { $0.batch.changes[3].counterGap = 1 }?.code == nil, "counter 10 is still covered")
        #expect(refusal(batch) { $0.batch.changes[3].counterGap = 2 }?.code == .changeOutsideCoverage)
        #expect(refusal(batch) { $0.batch.changes[0].counterGap = .max }?.code == .changeOutsideCoverage)
        #expect(refusal(batch) { $0.batch.coverage.remove(at: 0) }?.code == .changeOutsideCoverage)
        #expect(refusal(batch) { $0.batch.coverage[0].upTo = 1 }?.code == .badCoverage)
        #expect(refusal(batch) { $0.batch.coverage.append($0.batch.coverage[1]) }?.code == .badCoverage)
    }

    @Test func errorsNeverQuoteFieldValues() {
        // Given a change whose text could be personal data, made invalid
        let secret = "Jane Doe, 12 Secret Street"
        let message = SyncMessage.batch(sequence: 1, ChangeBatch(
            changes: [Change(origin: WireFixtures.nodeA, counter: 1, time: WireFixtures.now,
                             payload: .record(kind: .complaint, key: WireFixtures.complaintID, fields: [FieldWrite(3, .text(secret))]))],
            coverage: [WireFixtures.nodeA: CounterRange(after: 0, upTo: 1)]))
        for mutate: (inout Redress_Sync_V1_Envelope) -> Void in [
            { $0.batch.changes[0].record.fields[0].index = 40 },
            { $0.batch.changes[0].record.fields.append($0.batch.changes[0].record.fields[0]) },
            { $0.batch.changes[0].record.kind = 9 },
            { $0.batch.changes[0].counterGap = 5 },
        ] {
            let error = refusal(message, mutate)
            #expect(error != nil)
            #expect(error.map { !"\($0)".contains("Secret") } == true)
        }
        // Nor do unparseable frames
        let bytes = message.frame()
        do {
            _ = try SyncMessage(frame: Array(bytes.dropLast(2)))
            Issue.record("a truncated frame decoded")
        } catch {
            #expect(!"\(error)".contains("Secret"))
        }
    }

    @Test func aValidMutationStillDecodes() {
        // The helper itself must be able to succeed, or every test above proves nothing.
        #expect(refusal(batch) { _ in } == nil)
        #expect(refusal(batch) { $0.batch.sequence = 77 } == nil)
    }
}
