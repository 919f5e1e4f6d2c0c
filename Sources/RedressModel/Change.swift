/// One change made by one node, identified by `(origin, counter)`.
///
/// A change carries the *current* values of the fields it wrote: a field that a
/// later write has since overwritten is left out, because that later write
/// beats it anyway and travels as its own change.
public struct Change: Sendable, Hashable {
    public var origin: NodeID
    /// This node's per-node sequence number, starting at 1, without gaps.
    public var counter: UInt64
    public var time: HybridTimestamp
    public var payload: Payload

    public init(origin: NodeID, counter: UInt64, time: HybridTimestamp, payload: Payload) {
        self.origin = origin
        self.counter = counter
        self.time = time
        self.payload = payload
    }

    public var stamp: WriteStamp { WriteStamp(time: time, node: origin) }

    public enum Payload: Sendable, Hashable {
        /// Writes to fields of a record, merged per field by the schema's rule.
        case record(kind: RecordKind, key: String, fields: [FieldWrite])
        /// A history entry: a member of a grow-only set.
        case event(HistoryEvent)
        /// The state of one tag dot of an add-wins observed-remove set.
        case tag(TagDot)
    }

    /// How many field values this change carries (the unit of sync throughput).
    public var fieldCount: Int {
        switch payload {
        case .record(_, _, let fields): fields.count
        case .event, .tag: 1
        }
    }
}

/// A field index and the value written to it.
public struct FieldWrite: Sendable, Hashable {
    public var index: Int
    public var value: FieldValue

    public init(_ index: Int, _ value: FieldValue) {
        self.index = index
        self.value = value
    }

    public init<Field: RecordField>(_ field: Field, _ value: FieldValue) {
        self.init(field.rawValue, value)
    }
}

/// A history entry of a complaint: a note, a communication with the
/// complainant or a stage change. Its identity is the change that created it.
public struct HistoryEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case note, communication, stage, assignment, escalation
        /// The complaint was put on hold (its text is the reason) or resumed.
        case hold, resume
    }

    public var complaint: String
    public var kind: Kind
    public var user: String
    /// Free text (notes and communications); blanked once the complaint's personal data is erased.
    public var text: String?
    public var fromStage: Int64?
    public var toStage: Int64?
    /// When the event happened (Unix ms): the writer's wall clock, or the
    /// time an import's source gives for it. The change's hybrid stamp orders
    /// merges but may run ahead of real time (a peer's fast clock drags it
    /// forward), and an import writes at load time: history shows this.
    /// Written once, by the event's writer; nil only in an entry of an
    /// earlier version. `LocalTransaction.appendEvent` fills it in.
    public var at: Int64?

    public init(complaint: String, kind: Kind, user: String, text: String? = nil, fromStage: Int64? = nil, toStage: Int64? = nil,
                at: Int64? = nil) {
        self.complaint = complaint
        self.kind = kind
        self.user = user
        self.text = text
        self.fromStage = fromStage
        self.toStage = toStage
        self.at = at
    }
}

/// One add of a tag, identified by the change that added it (its dot).
///
/// A remove marks the dots it observed as removed; a concurrent add makes a
/// new dot the remove never saw, so the add wins. `removed` only ever goes
/// from false to true, so merging dots is a logical OR.
public struct TagDot: Sendable, Hashable {
    public var origin: NodeID
    public var counter: UInt64
    public var complaint: String
    public var tag: String
    public var removed: Bool

    public init(origin: NodeID, counter: UInt64, complaint: String, tag: String, removed: Bool) {
        self.origin = origin
        self.counter = counter
        self.complaint = complaint
        self.tag = tag
        self.removed = removed
    }
}
