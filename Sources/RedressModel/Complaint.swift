/// A complaint as users read it: the merged values of its replicated fields,
/// its tags and its history.
public struct Complaint: Sendable, Hashable {
    public var id: ComplaintID
    /// Values indexed like `RecordSchema.complaint.fields`.
    public var values: [FieldValue]
    public var tags: [String]
    public var history: [HistoryEntry]
    /// False when some personal value (a field or a history entry's text) is
    /// sealed for a division whose keys this node does not hold: it then
    /// reads as "not readable on this node".
    public var personalDataReadable = true

    public init(id: ComplaintID, values: [FieldValue], tags: [String] = [], history: [HistoryEntry] = []) {
        precondition(values.count == RecordSchema.complaint.fields.count)
        self.id = id
        self.values = values
        self.tags = tags
        self.history = history
    }

    public subscript(field: ComplaintField) -> FieldValue { values[field] }

    public var division: String { self[.division].text ?? "" }
    public var receivedAt: Int64 { self[.receivedAt].integer ?? 0 }
    public var stage: StageState { self[.stage].integer.flatMap(StageState.init(encoded:)) ?? StageState() }
    public var level: Int { Int(self[.level].integer ?? 1) }
    public var isErased: Bool { (self[.erased].integer ?? 0) != 0 }
    public var ackDueAt: Int64? { self[.ackDueAt].integer }
    public var respondDueAt: Int64? { self[.respondDueAt].integer }
    public var acknowledgedAt: Int64? { self[.acknowledgedAt].integer }
    public var respondedAt: Int64? { self[.respondedAt].integer }
    public var escalationDueAt: Int64? { self[.escalationDueAt].integer }
    /// The response promise it is measured against, as stated when it was received or reopened.
    public var respondPromise: PromiseDuration? { self[.respondPromise].text.flatMap { try? PromiseDuration(parsing: $0) } }
    /// Whether the organisation is waiting for the complainant: the
    /// response clocks are stopped. Only an open complaint not yet responded
    /// to can be on hold; a hold left when it was answered ends with it.
    public var isOnHold: Bool { holdState.isHeld && stage.stage < .responded }
    public var holdState: HoldState { HoldState(self[.holdState]) }
    /// When the current hold began (Unix ms), while on hold.
    public var heldSince: Int64? { isOnHold ? self[.heldSince].integer : nil }
    public var outcome: Outcome? { self[.outcome].text.flatMap(Outcome.init(rawValue:)) }
    /// The redress paid, once the response recorded one.
    public var redressPaid: MoneyAmount? {
        guard let minor = self[.redressMinor].integer, let currency = self[.redressCurrency].text else { return nil }
        return MoneyAmount(minorUnits: minor, currency: currency)
    }

    /// The promises still owed, each with its due time (Unix ms), soonest
    /// first: an acknowledgement while none was given, a response (and the
    /// escalation level's response, where the division promises one) until
    /// one was. Closed, withdrawn and referred complaints owe none; while on
    /// hold the response clocks are stopped, so only an acknowledgement is owed.
    public var owedPromises: [(promise: String, due: Int64)] {
        guard stage.stage.isOpen else { return [] }
        var owed: [(promise: String, due: Int64)] = []
        if acknowledgedAt == nil, stage.stage == .received, let due = ackDueAt { owed.append(("acknowledgement", due)) }
        if stage.stage < .responded, !isOnHold {
            if let due = respondDueAt { owed.append(("response", due)) }
            if let due = escalationDueAt { owed.append(("escalation", due)) }
        }
        return owed.sorted { $0.due < $1.due }
    }

    /// The promises this complaint breaks at `now` (Unix ms): an acknowledgement
    /// or a response that is due and not given.
    public func brokenPromises(now: Int64) -> [String] {
        owedPromises.filter { $0.due < now }.map(\.promise).sorted()
    }
}

/// One history entry as users read it.
public struct HistoryEntry: Sendable, Hashable {
    public var node: NodeID
    public var counter: UInt64
    public var time: HybridTimestamp
    public var event: HistoryEvent

    public init(node: NodeID, counter: UInt64, time: HybridTimestamp, event: HistoryEvent) {
        self.node = node
        self.counter = counter
        self.time = time
        self.event = event
    }

    /// When the event happened, Unix ms, as history shows it: the event's own
    /// time, or its stamp's for an entry of an earlier version.
    public var occurredAt: Int64 { event.at ?? Int64(time.millis) }
}
