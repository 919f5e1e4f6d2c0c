import Foundation
public import RedressModel

extension ChangeBatch {
    /// The batch in its compact wire form (see `proto/redress_sync.proto`).
    ///
    /// Node ids go into a table once; each change's counter is a gap from the
    /// previous change of its origin and its time a delta from the previous
    /// change, so a run of consecutive changes costs a byte or two of header.
    /// Coverage is sorted by node id so equal batches encode to equal bytes.
    ///
    /// - Precondition: every change's origin has coverage that contains its
    ///   counter, as `RedressStore.changes(after:maxFields:)` guarantees;
    ///   otherwise the receiver refuses the batch.
    public func wire(sequence: UInt64) -> Redress_Sync_V1_ChangeBatch {
        var message = Redress_Sync_V1_ChangeBatch()
        message.sequence = sequence
        var indexes: [NodeID: UInt32] = [:]
        func index(of node: NodeID) -> UInt32 {
            if let index = indexes[node] { return index }
            let index = UInt32(message.nodes.count)
            indexes[node] = index
            message.nodes.append(node.wireBytes)
            return index
        }
        var previousCounter: [NodeID: UInt64] = [:]
        for (node, range) in coverage.sorted(by: { $0.key < $1.key }) {
            var entry = Redress_Sync_V1_Coverage()
            entry.node = index(of: node)
            entry.after = range.after
            entry.upTo = range.upTo
            message.coverage.append(entry)
            previousCounter[node] = range.after
        }
        var previousTime: UInt64 = 0
        message.changes.reserveCapacity(changes.count)
        for change in changes {
            var wire = Redress_Sync_V1_Change()
            wire.origin = index(of: change.origin)
            let previous = previousCounter[change.origin] ?? 0
            wire.counterGap = change.counter &- previous &- 1
            previousCounter[change.origin] = change.counter
            wire.timeDelta = Int64(bitPattern: change.time.rawValue &- previousTime)
            previousTime = change.time.rawValue
            switch change.payload {
            case .record(let kind, let key, let fields):
                var record = Redress_Sync_V1_RecordChange()
                record.kind = UInt32(kind.rawValue)
                switch WireKey(key) {
                case .uuid(let bytes): record.key = .keyUuid(bytes)
                case .text(let text): record.key = .keyText(text)
                }
                record.fields = fields.map { field in
                    var write = Redress_Sync_V1_FieldWrite()
                    write.index = UInt32(field.index)
                    write.value = field.value.wireValue
                    return write
                }
                wire.payload = .record(record)
            case .event(let event):
                var message = Redress_Sync_V1_EventChange()
                switch WireKey(event.complaint) {
                case .uuid(let bytes): message.complaint = .complaintUuid(bytes)
                case .text(let text): message.complaint = .complaintText(text)
                }
                message.kind = event.kind.wire
                message.user = event.user
                if let text = event.text { message.text = text }
                if let from = event.fromStage { message.fromStage = from }
                if let to = event.toStage { message.toStage = to }
                if let at = event.at { message.at = at }
                wire.payload = .event(message)
            case .tag(let dot):
                var tag = Redress_Sync_V1_TagChange()
                tag.dotOrigin = index(of: dot.origin)
                tag.dotCounter = dot.counter
                switch WireKey(dot.complaint) {
                case .uuid(let bytes): tag.complaint = .complaintUuid(bytes)
                case .text(let text): tag.complaint = .complaintText(text)
                }
                tag.tag = dot.tag
                tag.removed = dot.removed
                wire.payload = .tag(tag)
            }
            message.changes.append(wire)
        }
        return message
    }

    /// Reads and checks a batch from its wire form.
    ///
    /// Everything the store relies on is checked here, before the batch can
    /// reach it: node ids, node indexes, record kinds, field indexes (each at
    /// most once per change), event kinds, and that every change lies inside
    /// its origin's coverage.
    ///
    /// - Throws: `WireDecodingError` naming the first problem found.
    public init(wire message: Redress_Sync_V1_ChangeBatch) throws(WireDecodingError) {
        var nodes: [NodeID] = []
        nodes.reserveCapacity(message.nodes.count)
        for (offset, bytes) in message.nodes.enumerated() {
            nodes.append(try NodeID(wireBytes: bytes, field: "batch.nodes[\(offset)]"))
        }
        func node(_ index: UInt32, _ field: @autoclosure () -> String) throws(WireDecodingError) -> NodeID {
            guard Int(index) < nodes.count else {
                throw WireDecodingError(.nodeIndexOutOfRange, "\(field()) refers to node \(index) of \(nodes.count)")
            }
            return nodes[Int(index)]
        }

        var coverage: [NodeID: CounterRange] = [:]
        for entry in message.coverage {
            let origin = try node(entry.node, "coverage")
            coverage[origin] = try Self.range(entry, of: origin, covered: coverage)
        }
        var previousCounter = coverage.mapValues(\.after)

        var changes: [Change] = []
        changes.reserveCapacity(message.changes.count)
        var previousTime: UInt64 = 0
        for (offset, wire) in message.changes.enumerated() {
            let origin = try node(wire.origin, "change \(offset)")
            guard let previous = previousCounter[origin], let range = coverage[origin] else {
                throw WireDecodingError(.changeOutsideCoverage, "change \(offset) is from \(origin), which the batch does not cover")
            }
            let (plusGap, overflowGap) = previous.addingReportingOverflow(wire.counterGap)
            let (counter, overflowOne) = plusGap.addingReportingOverflow(1)
            guard !overflowGap, !overflowOne, counter <= range.upTo else {
                throw WireDecodingError(.changeOutsideCoverage, "change \(offset) of \(origin) lies past its coverage \(range)")
            }
            previousCounter[origin] = counter
            let time = previousTime &+ UInt64(bitPattern: wire.timeDelta)
            previousTime = time

            let payload: Change.Payload
            switch wire.payload {
            case nil:
                throw WireDecodingError(.missingPayload, "change \(origin):\(counter) carries no record, event or tag")
            case .record(let record)?:
                payload = try Self.recordPayload(record, change: "\(origin):\(counter)")
            case .event(let event)?:
                guard let kind = HistoryEvent.Kind(wire: event.kind) else {
                    throw WireDecodingError(.unknownEventKind, "change \(origin):\(counter) has history kind \(event.kind.rawValue)")
                }
                let complaint = try Self.complaint(event.complaint, change: "\(origin):\(counter)")
                payload = .event(HistoryEvent(complaint: complaint, kind: kind, user: event.user,
                                              text: event.hasText ? event.text : nil,
                                              fromStage: event.hasFromStage ? event.fromStage : nil,
                                              toStage: event.hasToStage ? event.toStage : nil,
                                              at: event.hasAt ? event.at : nil))
            case .tag(let tag)?:
                let dotOrigin = try node(tag.dotOrigin, "change \(origin):\(counter) tag")
                let complaint = try Self.complaint(tag.complaint, change: "\(origin):\(counter)")
                payload = .tag(TagDot(origin: dotOrigin, counter: tag.dotCounter, complaint: complaint, tag: tag.tag, removed: tag.removed))
            }
            changes.append(Change(origin: origin, counter: counter, time: HybridTimestamp(rawValue: time), payload: payload))
        }
        self.init(changes: changes, coverage: coverage)
    }

    /// One origin's coverage, refused if reversed or given twice.
    private static func range(_ entry: Redress_Sync_V1_Coverage, of origin: NodeID,
                              covered: [NodeID: CounterRange]) throws(WireDecodingError) -> CounterRange {
        guard entry.after <= entry.upTo else {
            throw WireDecodingError(.badCoverage, "coverage of \(origin) is reversed (\(entry.after), \(entry.upTo)]")
        }
        guard covered[origin] == nil else {
            throw WireDecodingError(.badCoverage, "\(origin) is covered twice")
        }
        return CounterRange(after: entry.after, upTo: entry.upTo)
    }

    /// A record change: a known kind, a key, and fields of that kind's schema, each written at most once.
    private static func recordPayload(_ record: Redress_Sync_V1_RecordChange, change: String) throws(WireDecodingError) -> Change.Payload {
        guard let kind = RecordKind(rawValue: Int(record.kind)) else {
            throw WireDecodingError(.unknownRecordKind, "change \(change) has record kind \(record.kind)")
        }
        let key: String
        switch record.key {
        case nil: throw WireDecodingError(.missingKey, "change \(change) names no record")
        case .keyUuid(let bytes)?: key = try WireKey.decode(uuid: bytes, field: "change \(change) key")
        case .keyText(let text)?: key = text
        }
        let fieldCount = RecordSchema.of(kind).fields.count
        var seen: UInt64 = 0
        var fields: [FieldWrite] = []
        fields.reserveCapacity(record.fields.count)
        for write in record.fields {
            guard write.index < fieldCount else {
                throw WireDecodingError(.fieldIndexOutOfRange, "change \(change) writes field \(write.index) of a \(kind) record, which has \(fieldCount)")
            }
            let bit: UInt64 = 1 << UInt64(write.index)
            guard seen & bit == 0 else {
                throw WireDecodingError(.duplicateFieldIndex, "change \(change) writes field \(write.index) twice")
            }
            seen |= bit
            fields.append(FieldWrite(Int(write.index), FieldValue(wireValue: write.value)))
        }
        return .record(kind: kind, key: key, fields: fields)
    }

    private static func complaint(_ value: Redress_Sync_V1_EventChange.OneOf_Complaint?, change: String) throws(WireDecodingError) -> String {
        switch value {
        case nil: throw WireDecodingError(.missingKey, "change \(change) names no complaint")
        case .complaintUuid(let bytes)?: try WireKey.decode(uuid: bytes, field: "change \(change) complaint")
        case .complaintText(let text)?: text
        }
    }

    private static func complaint(_ value: Redress_Sync_V1_TagChange.OneOf_Complaint?, change: String) throws(WireDecodingError) -> String {
        switch value {
        case nil: throw WireDecodingError(.missingKey, "change \(change) names no complaint")
        case .complaintUuid(let bytes)?: try WireKey.decode(uuid: bytes, field: "change \(change) complaint")
        case .complaintText(let text)?: text
        }
    }
}

extension HistoryEvent.Kind {
    var wire: Redress_Sync_V1_EventKind {
        switch self {
        case .note: .note
        case .communication: .communication
        case .stage: .stage
        case .assignment: .assignment
        case .escalation: .escalation
        case .hold: .hold
        case .resume: .resume
        }
    }

    init?(wire: Redress_Sync_V1_EventKind) {
        switch wire {
        case .note: self = .note
        case .communication: self = .communication
        case .stage: self = .stage
        case .assignment: self = .assignment
        case .escalation: self = .escalation
        case .hold: self = .hold
        case .resume: self = .resume
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }
}
