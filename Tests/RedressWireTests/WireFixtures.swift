import Foundation
import RedressModel
@testable import RedressWire

/// A deterministic generator (SplitMix64) so generated batches are the same on every run.
typealias SeededGenerator = SplitMix64

enum WireFixtures {
    static let nodeA = NodeID("00000000-0000-4000-8000-00000000000a")!
    static let nodeB = NodeID("00000000-0000-4000-8000-00000000000b")!
    static let nodeC = NodeID("00000000-0000-4000-8000-00000000000c")!
    static let complaintID = "0190f3a4-5b6c-7d8e-9f00-112233445566"
    static let now = HybridTimestamp(millis: 1_750_000_000_000, logical: 0)

    /// A batch with every payload shape and every value shape.
    static var mixedBatch: ChangeBatch {
        ChangeBatch(
            changes: [
                Change(origin: nodeA, counter: 3, time: now, payload: .record(kind: .complaint, key: complaintID, fields: [
                    FieldWrite(0, "head-office"), FieldWrite(1, .integer(1_750_000_000_000)), FieldWrite(3, .null),
                    FieldWrite(11, .integer(-2)), FieldWrite(16, .real(4.5)), FieldWrite(28, "é ünïcode ✓"),
                ])),
                Change(origin: nodeA, counter: 7, time: HybridTimestamp(rawValue: now.rawValue + 1),
                       payload: .event(HistoryEvent(complaint: complaintID, kind: .stage, user: "ana", fromStage: 0, toStage: 1))),
                Change(origin: nodeA, counter: 8, time: HybridTimestamp(rawValue: now.rawValue + 2),
                       payload: .event(HistoryEvent(complaint: complaintID, kind: .note, user: "ana", text: "called back",
                                                    at: 1_749_999_000_000))),
                Change(origin: nodeA, counter: 9, time: HybridTimestamp(rawValue: now.rawValue + 3),
                       payload: .event(HistoryEvent(complaint: complaintID, kind: .communication, user: "ana", text: ""))),
                // Earlier in time than the change before it: deltas go negative.
                Change(origin: nodeB, counter: 1, time: HybridTimestamp(millis: 1_600_000_000_000, logical: 5),
                       payload: .record(kind: .taxon, key: "category/fees", fields: [FieldWrite(2, "Fees"), FieldWrite(3, 0)])),
                Change(origin: nodeB, counter: 2, time: HybridTimestamp(millis: 1_600_000_000_001, logical: 0),
                       payload: .tag(TagDot(origin: nodeC, counter: 44, complaint: complaintID, tag: "vip", removed: true))),
                Change(origin: nodeB, counter: 3, time: .zero,
                       payload: .tag(TagDot(origin: nodeB, counter: 3, complaint: "not-a-uuid", tag: "x", removed: false))),
                Change(origin: nodeB, counter: 4, time: HybridTimestamp(rawValue: .max),
                       payload: .record(kind: .member, key: "00000000-0000-4000-8000-00000000000C", fields: [FieldWrite(2, 1)])),
            ],
            coverage: [
                nodeA: CounterRange(after: 2, upTo: 10),
                nodeB: CounterRange(after: 0, upTo: 4),
                nodeC: CounterRange(after: 5, upTo: 5),
            ])
    }

    /// A random valid batch: several origins, counter gaps, random times and values.
    static func randomBatch(using generator: inout SeededGenerator) -> ChangeBatch {
        let origins = (0..<Int.random(in: 1...4, using: &generator)).map { _ in NodeID(uuid: UUID(uuid: randomUUID(&generator))) }
        var batch = ChangeBatch()
        for origin in origins {
            let after = UInt64.random(in: 0...1_000_000, using: &generator)
            var counter = after
            for _ in 0..<Int.random(in: 0...20, using: &generator) {
                counter += UInt64.random(in: 1...3, using: &generator)
                let time = HybridTimestamp(rawValue: UInt64.random(in: 0...UInt64.max, using: &generator))
                batch.changes.append(Change(origin: origin, counter: counter, time: time, payload: randomPayload(&generator, origins: origins)))
            }
            batch.coverage[origin] = CounterRange(after: after, upTo: counter + UInt64.random(in: 0...2, using: &generator))
        }
        return batch
    }

    static func randomUUID(_ generator: inout SeededGenerator) -> uuid_t {
        let a = generator.next(), b = generator.next()
        return withUnsafeBytes(of: (a, b)) { raw in
            raw.load(as: uuid_t.self)
        }
    }

    static func randomValue(_ generator: inout SeededGenerator) -> FieldValue {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: .null
        case 1: .integer(Int64.random(in: .min ... .max, using: &generator))
        case 2: .real(Double.random(in: -1e12...1e12, using: &generator))
        default: .text(String((0..<Int.random(in: 0...12, using: &generator)).map { _ in "aé✓z 9".randomElement(using: &generator)! }))
        }
    }

    static func randomPayload(_ generator: inout SeededGenerator, origins: [NodeID]) -> Change.Payload {
        let complaint = UUID(uuid: randomUUID(&generator)).uuidString.lowercased()
        switch Int.random(in: 0..<3, using: &generator) {
        case 0:
            let kind = RecordKind.allCases.randomElement(using: &generator)!
            let count = RecordSchema.of(kind).fields.count
            let indexes = (0..<count).filter { _ in Bool.random(using: &generator) }
            return .record(kind: kind, key: Bool.random(using: &generator) ? complaint : "div-\(generator.next() % 100)",
                           fields: indexes.map { FieldWrite($0, randomValue(&generator)) })
        case 1:
            let kind = HistoryEvent.Kind.allCases.randomElement(using: &generator)!
            return .event(HistoryEvent(complaint: complaint, kind: kind, user: "u\(generator.next() % 10)",
                                       text: Bool.random(using: &generator) ? "t\(generator.next())" : nil,
                                       fromStage: Bool.random(using: &generator) ? Int64.random(in: -5...100, using: &generator) : nil,
                                       toStage: Bool.random(using: &generator) ? Int64.random(in: 0...100, using: &generator) : nil,
                                       at: Bool.random(using: &generator) ? Int64(bitPattern: generator.next()) : nil))
        default:
            return .tag(TagDot(origin: origins.randomElement(using: &generator)!, counter: generator.next() % 1000,
                               complaint: complaint, tag: "tag\(generator.next() % 5)", removed: Bool.random(using: &generator)))
        }
    }

    /// Converts `message` to an envelope, lets `mutate` damage it, and converts it back.
    static func decodeAfter(_ message: SyncMessage, _ mutate: (inout Redress_Sync_V1_Envelope) -> Void) throws(WireDecodingError) -> SyncMessage {
        var envelope = message.envelope
        mutate(&envelope)
        return try SyncMessage(envelope: envelope)
    }
}
