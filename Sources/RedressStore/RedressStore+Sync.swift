import Foundation
import GRDB
import Logging
import RedressKeys
public import RedressModel

/// The store's API for the sync layer: what a peer lacks, and applying what a
/// peer sent.
extension RedressStore {
    /// The changes a peer with version vector `peer` lacks, at most about
    /// `maxFields` field values (always at least one change, so progress is
    /// guaranteed), in counter order per origin.
    ///
    /// Reads one consistent snapshot. Fields that a later write has since
    /// overwritten are left out; the batch's coverage still claims their
    /// counters, because the overwriting write is sent in their place.
    public func changes(after peer: VersionVector, maxFields: Int = 10_000) throws(StoreError) -> ChangeBatch {
        var damaged: [RecordDamage] = []
        let batch = try read { db in
            let replicas = try ReplicaTable.load(db)
            var batch = ChangeBatch()
            var budget = max(1, maxFields)
            for (ordinal, node) in replicas.nodeByOrdinal.sorted(by: { $0.key < $1.key }) {
                guard budget > 0 else { break }
                let after = peer[node]
                // What this node has complete: never a range it removed a damaged record from.
                let have = replicas.sendable(ordinal, peerHas: after)
                guard have > after else { continue }
                var last = after
                var exhausted = true
                let rows = try Row.fetchCursor(
                    db.cachedStatement(sql: "SELECT counter, time, kind, ref, mask FROM change WHERE origin = ? AND counter > ? AND counter <= ? ORDER BY counter"),
                    arguments: [ordinal, Int64(after), Int64(have)])
                while let row = try rows.next() {
                    if budget <= 0 { exhausted = false; break }
                    let counter = UInt64(row[0] as Int64)
                    let time = UInt64(bitPattern: row[1] as Int64)
                    do {
                        if let change = try ChangeReader.change(origin: node, ordinal: ordinal, counter: counter, time: time,
                                                                kind: row[2], ref: row[3], mask: row[4], replicas: replicas, db: db) {
                            batch.changes.append(change)
                            budget -= change.fieldCount
                        }
                    } catch let damage as RecordDamage {
                        // Never sent, and never claimed as sent: the peer keeps asking
                        // for it, and gets it once this node has it again.
                        damaged.append(damage)
                        exhausted = false
                        break
                    }
                    last = counter
                }
                batch.coverage[node] = CounterRange(after: after, upTo: exhausted ? have : last)
            }
            return batch
        }
        if !damaged.isEmpty {
            logger.error("damaged records found while reading for a peer: not sent, set aside, and fetched again from a peer",
                         metadata: ["redress.damaged": "\(damaged.map { "\($0.table.name) \($0.label)" })"])
            try setAside(damaged.map { ($0.table, $0.rid, $0.label) })
        }
        return batch
    }

    /// What applying a batch did.
    public struct ApplyOutcome: Sendable, Hashable {
        /// Changes that were new to this node.
        public var applied = 0
        /// Changes this node already had (duplicates are harmless).
        public var duplicates = 0
        /// Field values that won and are now current here.
        public var fieldsWon = 0
        /// Origins whose part of the batch was skipped because it started past
        /// what this node has (an earlier batch was lost); they come again.
        public var skippedOrigins: [NodeID] = []
        /// Whether the batch erased personal data, so the files must be compacted.
        public var erasedPersonalData = false
        /// How long the batch's write transaction took, from BEGIN to the end of
        /// COMMIT: the time the store's write lock was held for it. The WAL
        /// checkpoint that may follow is not part of it (see `WALCheckpoints`).
        public var transactionSeconds = 0.0
        /// Whether the batch brought membership or key records, so that this
        /// node's grants are brought up to date (`reconcileKeys`).
        public var keyRecordsChanged = false
        /// Whether the batch carried personal text in plain form (from a peer
        /// of an earlier version), which this node then seals.
        public var plainTextArrived = false
    }

    /// Applies a peer's batch atomically: all of it or none of it.
    ///
    /// - Throws: `StoreError.clockDrift` if any change is stamped too far in
    ///   our future, and `StoreError.invalidBatch` for a malformed batch or a
    ///   value local input could not have (`PeerValueValidation`); then
    ///   nothing is applied and no counter moves.
    @discardableResult
    public func apply(_ batch: ChangeBatch) throws(StoreError) -> ApplyOutcome {
        let started = ContinuousClock.now
        var outcome = try Self.translatingErrors(path: databasePath) {
            try pool.write { db in try ChangeApplier(store: self, db: db).apply(batch) }
        }
        outcome.transactionSeconds = Double((ContinuousClock.now - started) / .nanoseconds(1)) / 1e9
        if outcome.erasedPersonalData {
            do {
                try checkpoint()
            } catch {
                // The records are already blank; the next erasure or sync retries the compaction.
                logger.warning("could not compact the store after a peer's erasure", metadata: ["redress.reason": "\(error)"])
            }
        } else {
            checkpointIfDue()
        }
        if outcome.plainTextArrived {
            do {
                // The apply transaction queued it (`sealPending`), so a failure here is retried at the next start.
                try sealEarlierPlainText()
            } catch {
                logger.warning("could not seal plain text a peer sent", metadata: ["redress.reason": "\(error)"])
            }
        }
        if outcome.keyRecordsChanged {
            do {
                try reconcileKeys()
            } catch {
                // The batch is applied; the next batch or start tries again.
                logger.warning("could not bring key grants up to date", metadata: ["redress.reason": "\(error)"])
            }
        }
        return outcome
    }
}

/// A row read for a peer whose checksum does not hold (`RecordChecksum`).
struct RecordDamage: Error {
    var table: RecordChecksum.Table
    var rid: Int64
    var label: String
}

/// Builds a `Change` from a change-log row and the record's current state.
///
/// - Throws: `RecordDamage` for a row whose checksum does not hold: it is never sent.
enum ChangeReader {
    static func change(origin: NodeID, ordinal: Int64, counter: UInt64, time: UInt64, kind: Int64, ref: Int64, mask: Int64,
                       replicas: ReplicaTable, db: Database) throws -> Change? {
        let payload: Change.Payload
        switch kind {
        case ChangeLog.eventKind:
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT complaint, kind, user, text, fromStage, toStage, \(RecordChecksum.event.holdsSQL), at FROM event WHERE rid = ?"),
                                             arguments: [ref]) else {
                throw RecordDamage(table: RecordChecksum.event, rid: ref, label: "\(ordinal):\(counter) (missing)")
            }
            guard row[6] as Bool, let eventKind = HistoryEvent.Kind(rawValue: row[1]) else {
                throw RecordDamage(table: RecordChecksum.event, rid: ref, label: "\(ordinal):\(counter)")
            }
            payload = .event(HistoryEvent(complaint: row[0], kind: eventKind, user: row[2], text: row[3], fromStage: row[4], toStage: row[5],
                                          at: row[7]))
        case ChangeLog.tagKind:
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT origin, counter, complaint, tag, removed, \(RecordChecksum.tag.holdsSQL) FROM tag WHERE rid = ?"),
                                             arguments: [ref]) else {
                throw RecordDamage(table: RecordChecksum.tag, rid: ref, label: "\(ordinal):\(counter) (missing)")
            }
            guard row[5] as Bool else { throw RecordDamage(table: RecordChecksum.tag, rid: ref, label: "\(ordinal):\(counter)") }
            payload = .tag(TagDot(origin: try replicas.node(row[0]), counter: UInt64(row[1] as Int64), complaint: row[2], tag: row[3], removed: row[4]))
        default:
            guard let recordKind = RecordKind(rawValue: Int(kind)) else {
                throw StoreError.corruptRecord(detail: "change \(origin):\(counter) has unknown kind \(kind)")
            }
            let merger = RecordMerger.of(recordKind)
            let fieldCount = merger.schema.fields.count
            let mine = ClockVector.LocalStamp(time: time, ordinal: ordinal)
            let record = try db.cachedStatement(sql: merger.selectByRowIDSQL).fetchFirst(binding: [ref.databaseValue]) { row in
                guard Bool.fromDatabaseValue(row[fieldCount + 2]) == true else {
                    throw RecordDamage(table: RecordChecksum.table(recordKind), rid: ref, label: String.fromDatabaseValue(row[0]) ?? "?")
                }
                let clocks = try ClockVector(decoding: row[1], fieldCount: fieldCount)
                var fields: [FieldWrite] = []
                var bits = mask
                while bits != 0 {
                    let index = bits.trailingZeroBitCount
                    bits &= bits - 1
                    // Still the current value? Otherwise a later write superseded it.
                    if index < fieldCount, clocks[index] == mine {
                        fields.append(FieldWrite(index, FieldValue(row[index + 2])))
                    }
                }
                return (key: String.fromDatabaseValue(row[0]), fields: fields)
            }
            guard let record, let key = record.key else {
                // The row the change log names is gone: damage too, repaired the same way.
                throw RecordDamage(table: RecordChecksum.table(recordKind), rid: ref, label: "row \(ref) (missing)")
            }
            guard !record.fields.isEmpty else { return nil }
            payload = .record(kind: recordKind, key: key, fields: record.fields)
        }
        return Change(origin: origin, counter: counter, time: HybridTimestamp(rawValue: time), payload: payload)
    }
}

/// Applies one batch inside one write transaction.
struct ChangeApplier {
    let store: RedressStore
    let db: Database

    func apply(_ batch: ChangeBatch) throws -> RedressStore.ApplyOutcome {
        var outcome = RedressStore.ApplyOutcome()
        var replicas = try ReplicaTable.load(db)
        var changeLog = ChangeLog.Buffer()
        let wall = store.configuration.wallClock()
        var clock = try StoredClock.load(db, maxDriftMillis: store.configuration.maxClockDriftMillis)
        try refuseInvalid(batch, clock: clock, wallMillis: wall)

        // Read once: nothing in an apply moves it (only indexing does).
        let searchWatermark = try SearchIndex.watermark(db)
        let accepted = acceptedCoverage(of: batch, replicas: replicas, &outcome)
        for change in batch.changes {
            guard accepted[change.origin] != nil else { continue }
            if change.counter <= replicas.wanted(of: change.origin) {
                outcome.duplicates += 1
                continue
            }
            try applyChange(change, replicas: &replicas, searchWatermark: searchWatermark, &changeLog, &outcome)
            outcome.applied += 1
            try clock.observe(change.time, from: change.origin, wallMillis: wall)
        }

        if outcome.plainTextArrived { try db.execute(sql: "INSERT OR IGNORE INTO sealPending (id) VALUES (1)") }
        try changeLog.flush(db)
        for (node, range) in accepted {
            let ordinal = try replicas.ordinal(for: node, in: db)
            try replicas.received(upTo: range.upTo, ordinal: ordinal, in: db)
        }
        try StoredClock.save(clock, db)
        return outcome
    }

    /// Refuses the whole batch before anything is touched if a clock is
    /// wrong, a value is not what its field holds, or the batch contradicts
    /// itself (a change outside its coverage, an empty or reversed coverage).
    private func refuseInvalid(_ batch: ChangeBatch, clock: HybridClock, wallMillis wall: UInt64) throws {
        for change in batch.changes {
            try clock.check(change.time, from: change.origin, wallMillis: wall)
            try PeerValueValidation.validate(change)
            guard let range = batch.coverage[change.origin], change.counter > range.after, change.counter <= range.upTo else {
                throw StoreError.invalidBatch(reason: "change \(change.origin):\(change.counter) lies outside the batch's coverage")
            }
        }
        for (node, range) in batch.coverage where range.after > range.upTo {
            throw StoreError.invalidBatch(reason: "coverage \(range) of \(node) is empty or reversed")
        }
    }

    /// The origins whose changes this batch continues from where this node
    /// is (a range starting beyond it would leave a gap: skipped, and said so).
    private func acceptedCoverage(of batch: ChangeBatch, replicas: ReplicaTable,
                                  _ outcome: inout RedressStore.ApplyOutcome) -> [NodeID: CounterRange] {
        var accepted: [NodeID: CounterRange] = [:]
        for (node, range) in batch.coverage {
            let have = replicas.wanted(of: node)
            if range.after > have {
                outcome.skippedOrigins.append(node)
            } else if range.upTo > have {
                accepted[node] = range
            }
        }
        return accepted
    }

    /// Merges one new change of a peer by its kind's rule, logging it where it won something.
    private func applyChange(_ change: Change, replicas: inout ReplicaTable, searchWatermark: Int64,
                             _ changeLog: inout ChangeLog.Buffer, _ outcome: inout RedressStore.ApplyOutcome) throws {
        let ordinal = try replicas.ordinal(for: change.origin, in: db)
        let time = change.time.rawValue
        switch change.payload {
        case .record(let kind, let key, let fields):
            let result = try applyRecord(kind, key: key, fields, stamp: .init(time: time, ordinal: ordinal), replicas: replicas,
                                         searchWatermark: searchWatermark, outcome: &outcome)
            if result.wonMask != 0 {
                changeLog.append(origin: ordinal, counter: change.counter, time: time, kind: Int64(kind.rawValue),
                                 ref: result.rid, mask: result.wonMask)
            }
        case .event(let event):
            if let rid = try SetTables.insertEvent(event, origin: ordinal, counter: change.counter, time: time, db: db) {
                if let text = event.text, SearchIndex.textKinds.contains(event.kind) {
                    try SearchIndex.markPending(event.complaint, db: db)
                    if !SealedText.isSealed(text) { outcome.plainTextArrived = true }
                }
                outcome.fieldsWon += 1
                changeLog.append(origin: ordinal, counter: change.counter, time: time, kind: ChangeLog.eventKind, ref: rid, mask: 1)
            }
        case .tag(let dot):
            let dotOrdinal = try replicas.ordinal(for: dot.origin, in: db)
            let (rid, changed) = try SetTables.mergeTag(dot, dotOrigin: dotOrdinal, db: db)
            if changed {
                outcome.fieldsWon += 1
                changeLog.append(origin: ordinal, counter: change.counter, time: time, kind: ChangeLog.tagKind, ref: rid, mask: 1)
            }
        }
    }
}

extension ChangeApplier {
    /// Merges one record change of a peer and notes what follows from it.
    private func applyRecord(_ kind: RecordKind, key: String, _ fields: [FieldWrite], stamp: ClockVector.LocalStamp, replicas: ReplicaTable,
                             searchWatermark: Int64, outcome: inout RedressStore.ApplyOutcome) throws -> RecordMerger.Outcome {
        if let erasure = RecordSchema.of(kind).erasureField,
           fields.contains(where: { $0.index == erasure.index && $0.value != .integer(0) && !$0.value.isNull }) {
            outcome.erasedPersonalData = true
        }
        let result = try RecordMerger.of(kind).merge(key: key, writes: fields, stamp: stamp, replicas: replicas, db: db)
        if result.wonMask != 0 {
            outcome.fieldsWon += result.wonMask.nonzeroBitCount
            if KeyRecords.appliedKinds.contains(kind) { outcome.keyRecordsChanged = true }
        }
        switch kind {
        case .complaint: try followComplaint(key, fields, result, searchWatermark: searchWatermark, &outcome)
        case .eventText where result.wonMask != 0: try followEventText(result.rid)
        default: break
        }
        return result
    }

    /// A complaint's personal data changed: queue it for the search index,
    /// blank its history's text if it is now erased, and note plain text
    /// from a peer of an earlier version for sealing.
    private func followComplaint(_ id: String, _ fields: [FieldWrite], _ result: RecordMerger.Outcome, searchWatermark: Int64,
                                 _ outcome: inout RedressStore.ApplyOutcome) throws {
        // A row above the mark is indexed anyway; one below it is queued.
        if result.wonMask & SearchIndex.personalMask != 0, result.rid <= searchWatermark { try SearchIndex.markPending(id, db: db) }
        if outcome.erasedPersonalData, try SetTables.isErased(id, db: db) {
            try EventTexts.blank(complaint: id, db: db)
            try SearchIndex.remove(id, db: db)
        }
        if fields.contains(where: { SearchIndex.personalMask & (1 << Int64($0.index)) != 0 && $0.value.text.map(SealedText.isSealed) == false }) {
            outcome.plainTextArrived = true
        }
    }

    /// A history entry's sealed text arrived: dropped if its complaint is
    /// erased (as a history entry's own text is), else queued for the index.
    private func followEventText(_ rid: Int64) throws {
        guard let complaint = try String.fetchOne(db.cachedStatement(sql: "SELECT complaint FROM eventText WHERE rid = ?"), arguments: [rid]) else { return }
        if try SetTables.isErased(complaint, db: db) {
            try db.execute(sql: "UPDATE eventText SET text = NULL WHERE rid = ?", arguments: [rid])
        }
        try SearchIndex.markPending(complaint, db: db)
    }
}
