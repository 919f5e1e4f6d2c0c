import Foundation
import GRDB
import RedressModel

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
    private var counter: UInt64
    /// Wall time of this transaction, Unix ms: every "now" in it is this one.
    public let now: Int64
    /// Set by an erasure, so the store compacts its files once the transaction commits.
    var erasedPersonalData = false

    init(db: Database, store: RedressStore, user: String, now: Int64? = nil) throws {
        self.db = db
        self.store = store
        self.user = user
        self.replicas = try ReplicaTable.load(db)
        let last = try UInt64(bitPattern: Int64.fetchOne(db, sql: "SELECT clock FROM localNode WHERE id = 1") ?? 0)
        self.clock = HybridClock(last: HybridTimestamp(rawValue: last), maxDriftMillis: store.configuration.maxClockDriftMillis)
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
        try db.execute(sql: "UPDATE localNode SET clock = ? WHERE id = 1", arguments: [Int64(bitPattern: clock.last.rawValue)])
        try replicas.setCounter(counter, ordinal: ReplicaTable.localOrdinal, in: db)
    }

    /// Writes fields of a record; each becomes this node's newest write.
    public func write(_ kind: RecordKind, key: String, _ values: [String: FieldValue]) throws {
        let schema = RecordSchema.of(kind)
        let writes = values.map { FieldWrite(schema.index(of: $0.key), $0.value) }.sorted { $0.index < $1.index }
        let (counter, time) = nextStamp()
        let outcome = try RecordMerger.all[kind]!.merge(
            key: key, writes: writes, stamp: .init(time: time, ordinal: ReplicaTable.localOrdinal), replicas: replicas, db: db)
        guard outcome.wonMask != 0 else { return }
        try ChangeLog.append(origin: ReplicaTable.localOrdinal, counter: counter, time: time,
                             kind: Int64(kind.rawValue), ref: outcome.rid, mask: outcome.wonMask, db: db)
    }

    /// The current values of a record, indexed like its schema's fields.
    public func record(_ kind: RecordKind, key: String) throws -> [FieldValue]? {
        try RecordQueries.values(kind, key: key, db: db)
    }

    /// Adds a history entry.
    public func appendEvent(_ event: HistoryEvent) throws {
        let (counter, time) = nextStamp()
        guard let rid = try SetTables.insertEvent(event, origin: ReplicaTable.localOrdinal, counter: counter, time: time, db: db) else { return }
        try ChangeLog.append(origin: ReplicaTable.localOrdinal, counter: counter, time: time,
                             kind: ChangeLog.eventKind, ref: rid, mask: 1, db: db)
    }

    /// Adds a tag: a new dot that no concurrent remove has observed.
    public func addTag(_ tag: String, complaint: String) throws {
        let (counter, time) = nextStamp()
        let dot = TagDot(origin: node, counter: counter, complaint: complaint, tag: tag, removed: false)
        let (rid, _) = try SetTables.mergeTag(dot, dotOrigin: ReplicaTable.localOrdinal, db: db)
        try ChangeLog.append(origin: ReplicaTable.localOrdinal, counter: counter, time: time,
                             kind: ChangeLog.tagKind, ref: rid, mask: 1, db: db)
    }

    /// Removes a tag: marks every dot of it this node has seen as removed.
    public func removeTag(_ tag: String, complaint: String) throws {
        let rids = try Int64.fetchAll(db, sql: "SELECT rid FROM tag WHERE complaint = ? AND tag = ? AND removed = 0",
                                      arguments: [complaint, tag])
        for rid in rids {
            let (counter, time) = nextStamp()
            try db.execute(sql: "UPDATE tag SET removed = 1 WHERE rid = ?", arguments: [rid])
            try ChangeLog.append(origin: ReplicaTable.localOrdinal, counter: counter, time: time,
                                 kind: ChangeLog.tagKind, ref: rid, mask: 1, db: db)
        }
    }

    /// Blanks the free text of a complaint's history (used by erasure).
    func blankHistoryText(complaint: String) throws {
        try db.execute(sql: "UPDATE event SET text = NULL WHERE complaint = ? AND text IS NOT NULL", arguments: [complaint])
        erasedPersonalData = true
    }
}
