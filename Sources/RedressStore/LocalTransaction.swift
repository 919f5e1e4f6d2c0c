import Foundation
import GRDB
import RedressKeys
public import RedressModel

/// One local write transaction.
///
/// Each write made through it gets the next hybrid timestamp and the next
/// counter of this node, is merged by `RecordMerger` and is logged as a
/// change; `RedressStore.write(user:_:)` saves the clock and the counter in
/// the same SQLite transaction. Only valid inside that closure.
public final class LocalTransaction {
    let db: Database
    let store: RedressStore
    public let user: String
    private(set) var replicas: ReplicaTable
    private var clock: HybridClock
    /// This node's last change counter: the next write takes `counter + 1`.
    private(set) var counter: UInt64
    /// Taxonomy entries and divisions read in this transaction, by kind and key.
    ///
    /// Creating a complaint checks four taxonomy entries and reads its
    /// division's promises, so an import of a thousand complaints in one
    /// transaction would read the same few rows thousands of times. Nothing
    /// else writes while this transaction is open, and `write(_:key:_:)`
    /// forgets a record before writing it, so what is kept here is current.
    private var referenceRecords: [RecordKind: [String: [FieldValue]?]] = [:]
    /// Each division's promises and calendar (holidays included) as read in
    /// this transaction: an import computes due times for every row.
    /// Forgotten whenever a division or a holiday is written.
    var conducts: [String: CodeOfConduct] = [:]
    /// This transaction's change-log rows, inserted by `commitState()`.
    private var changeLog = ChangeLog.Buffer()
    /// Wall time of this transaction, Unix ms: every "now" in it is this one.
    public let now: Int64
    /// Set by an erasure, so the store compacts its files once the transaction commits.
    var erasedPersonalData = false
    /// Keys this transaction made or gave up, for the store's keyring once it commits.
    var keyChanges = KeyringChanges()
    /// Each division's current key as this transaction has read or made it.
    var currentDivisionKeys: [String: DivisionPublicKey] = [:]
    /// Whether this transaction wrote membership or key records, so the
    /// store brings its grants up to date once it commits.
    var touchedKeyRecords = false
    /// The search index's high-water mark, read once per transaction.
    lazy var searchWatermark = SearchIndex.Watermark()

    init(db: Database, store: RedressStore, user: String, now: Int64? = nil) throws {
        self.db = db
        self.store = store
        self.user = user
        self.replicas = try ReplicaTable.load(db)
        self.clock = try StoredClock.load(db, maxDriftMillis: store.configuration.maxClockDriftMillis)
        self.counter = replicas.counterByOrdinal[ReplicaTable.localOrdinal] ?? 0
        self.now = now ?? Int64(store.configuration.wallClock())
    }

    public var node: NodeID { store.node }

    /// The next `(counter, time)` of this node.
    private func nextStamp() -> (counter: UInt64, time: UInt64) {
        counter += 1
        return (counter, clock.tick(wallMillis: UInt64(now)).rawValue)
    }

    func commitState() throws {
        try changeLog.flush(db)
        try StoredClock.save(clock, db)
        try replicas.setCounter(counter, ordinal: ReplicaTable.localOrdinal, in: db)
    }

    /// Writes fields of the record `key` of the kind the fields name; each
    /// becomes this node's newest write.
    public func write<Field: RecordField>(key: String, _ values: [Field: FieldValue]) throws {
        // In no particular order: a merge does not depend on the order of its writes.
        try write(Field.recordKind, key: key, values.map { FieldWrite($0.key.rawValue, $0.value) }, expectNew: false)
    }

    /// Writes fields given by their index in the record's schema; `expectNew`
    /// says the record is most likely new (a creation), so an INSERT is tried first.
    func write(_ kind: RecordKind, key: String, _ writes: [FieldWrite], expectNew: Bool) throws {
        var writes = writes
        var personal = false
        if kind == .complaint, let sealing = try sealing(of: key, writes) {
            sealing.apply(sealing.sealedTexts(), to: &writes)
            personal = true
        }
        try writeSealed(kind, key: key, writes, expectNew: expectNew, personal: personal)
    }

    /// `write` once a complaint's personal values are sealed; `personal`
    /// says it writes some (so the complaint is queued for the search index).
    func writeSealed(_ kind: RecordKind, key: String, _ writes: [FieldWrite], expectNew: Bool, personal: Bool) throws {
        referenceRecords[kind]?[key] = nil
        if kind == .division || kind == .holiday { conducts = [:] }
        if KeyRecords.localKinds.contains(kind) { touchedKeyRecords = true }
        let (counter, time) = nextStamp()
        let merger = RecordMerger.of(kind), stamp = ClockVector.LocalStamp(time: time, ordinal: ReplicaTable.localOrdinal)
        let outcome = expectNew
            ? try merger.mergeNew(key: key, writes: writes, stamp: stamp, replicas: replicas, db: db)
            : try merger.merge(key: key, writes: writes, stamp: stamp, replicas: replicas, db: db)
        if personal { try searchWatermark.queue(key, rid: outcome.rid, db: db) }
        guard outcome.wonMask != 0 else { return }
        changeLog.append(origin: ReplicaTable.localOrdinal, counter: counter, time: time,
                         kind: Int64(kind.rawValue), ref: outcome.rid, mask: outcome.wonMask)
    }

    /// What sealing a complaint's `writes` takes: the writer key of its
    /// division and each personal text with its context. Every path that
    /// writes a complaint (recording, a response, an import) goes through
    /// here, so no personal text reaches the store unsealed. Nil when no
    /// personal field is written; no jobs when all of them are cleared.
    func sealing(of id: String, _ writes: [FieldWrite]) throws -> PersonalSealing? {
        let schema = RecordSchema.complaint
        guard writes.contains(where: { schema.fields[$0.index].isPersonal }) else { return nil }
        var jobs: [PersonalSealing.Job] = []
        for (position, write) in writes.enumerated() where schema.fields[write.index].isPersonal {
            guard let text = write.value.text else { continue }
            jobs.append(.init(position: position, text: text, context: SealContext.complaint(id, column: schema.fields[write.index].column)))
        }
        guard !jobs.isEmpty else { return PersonalSealing(key: nil, jobs: []) }
        let divisionIndex = ComplaintField.division.index
        let division = try writes.first(where: { $0.index == divisionIndex })?.value.text ?? division(ofComplaint: id)
        return PersonalSealing(key: try sealingKey(for: division), jobs: jobs)
    }

    /// The division a complaint's personal values are sealed for: its own,
    /// or this node's while the complaint does not exist yet.
    private func division(ofComplaint id: String) throws -> String {
        try String.fetchOne(db.cachedStatement(sql: "SELECT division FROM complaint WHERE id = ?"), arguments: [id]) ?? store.division
    }

    /// The current values of a record, indexed like its schema's fields.
    public func record(_ kind: RecordKind, key: String) throws -> [FieldValue]? {
        guard kind == .taxon || kind == .division else { return try RecordQueries.values(kind, key: key, db: db) }
        if let values = referenceRecords[kind]?[key] { return values }
        let values = try RecordQueries.values(kind, key: key, db: db)
        referenceRecords[kind, default: [:]][key] = .some(values)
        return values
    }

    /// Adds a history entry.
    public func appendEvent(_ event: HistoryEvent) throws {
        let (counter, time) = nextStamp()
        var event = event
        if event.at == nil { event.at = now }
        if let text = event.text, SearchIndex.textKinds.contains(event.kind) {
            event.text = try seal(.text(text), division: division(ofComplaint: event.complaint),
                                  context: SealContext.event(complaint: event.complaint, origin: node, counter: counter)).text
            try SearchIndex.markPending(event.complaint, db: db)
        }
        guard let rid = try SetTables.insertEvent(event, origin: ReplicaTable.localOrdinal, counter: counter, time: time, db: db) else { return }
        changeLog.append(origin: ReplicaTable.localOrdinal, counter: counter, time: time,
                         kind: ChangeLog.eventKind, ref: rid, mask: 1)
    }

    /// Adds a tag: a new dot that no concurrent remove has observed.
    public func addTag(_ tag: String, complaint complaintID: ComplaintID) throws {
        let complaint = complaintID.description
        let (counter, time) = nextStamp()
        let dot = TagDot(origin: node, counter: counter, complaint: complaint, tag: tag, removed: false)
        let (rid, _) = try SetTables.mergeTag(dot, dotOrigin: ReplicaTable.localOrdinal, db: db)
        changeLog.append(origin: ReplicaTable.localOrdinal, counter: counter, time: time,
                         kind: ChangeLog.tagKind, ref: rid, mask: 1)
    }

    /// Removes a tag: marks every dot of it this node has seen as removed.
    public func removeTag(_ tag: String, complaint complaintID: ComplaintID) throws {
        let complaint = complaintID.description
        let rids = try Int64.fetchAll(db, sql: "SELECT rid FROM tag WHERE complaint = ? AND tag = ? AND removed = 0",
                                      arguments: [complaint, tag])
        for rid in rids {
            let (counter, time) = nextStamp()
            try db.execute(sql: "UPDATE tag SET removed = 1 WHERE rid = ?", arguments: [rid])
            changeLog.append(origin: ReplicaTable.localOrdinal, counter: counter, time: time,
                             kind: ChangeLog.tagKind, ref: rid, mask: 1)
        }
    }

    /// Blanks the free text of a complaint's history (used by erasure).
    func blankHistoryText(complaint: String) throws {
        try EventTexts.blank(complaint: complaint, db: db)
        try SearchIndex.remove(complaint, db: db)
        erasedPersonalData = true
    }
}
