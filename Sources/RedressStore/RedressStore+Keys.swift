import Foundation
import GRDB
import Logging
public import RedressKeys
public import RedressModel

/// The store's API for field-level encryption: what front ends and the sync
/// layer call. The design is in docs/ARCHITECTURE.md ("Confidentiality").
extension RedressStore {
    /// What a personal field shows on a node that cannot read it.
    public static let unreadableText = "(not readable on this node)"

    /// The login that stamps the store's own key housekeeping.
    static let keysUser = "redress"

    /// Publishes this node's encryption key in its member record if it is
    /// not there yet (a node of a cluster, on its first start or after an
    /// upgrade): only then can its division's nodes grant it their keys.
    func publishEncryptionKey() throws(StoreError) {
        let mine = keyring.nodeKey.publicKey.recordText
        let published: String?? = try read { db in
            try Row.fetchOne(db, sql: "SELECT encryptionKey FROM member WHERE nodeId = ?", arguments: [node.description]).map { $0[0] as String? }
        }
        guard let published, published != mine else { return }
        try write(user: Self.keysUser) { tx in try tx.publishEncryptionKey() }
    }

    /// Seals the plain personal text a store of an earlier version holds (or
    /// a peer of one sent), in short transactions, then compacts the files so
    /// that no copy of the plain text is left, the WAL included
    /// (`LocalTransaction.sealEarlierPlainText`). Cheap when there is none:
    /// it runs only while `sealPending` says so.
    func sealEarlierPlainText() throws(StoreError) {
        let pending = try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM sealPending") ?? false }
        guard pending else { return }
        var sealed = 0
        while true {
            let count = try write(user: Self.keysUser) { tx in try tx.sealEarlierPlainText(limit: 500) }
            if count == 0 { break }
            sealed += count
        }
        if sealed > 0 {
            logger.notice("sealed the personal data of an earlier version", metadata: ["redress.values": "\(sealed)"])
            try checkpoint()
        }
    }

    /// Grants this node's division keys to the nodes that should have them,
    /// hands over custody, and queues newly readable complaints for the
    /// search index (`LocalTransaction.reconcileKeys`). The sync layer's
    /// `apply` calls it when a batch brought membership or key records.
    public func reconcileKeys() throws(StoreError) {
        try write(user: Self.keysUser) { tx in _ = try tx.reconcileKeys() }
    }

    /// Records the cluster's recovery key (`redress cluster init`); every
    /// division key this node can open is granted to it at once.
    public func recordRecoveryKey(_ key: RecoveryKey) throws(StoreError) {
        try write(user: Self.keysUser) { tx in try tx.recordRecoveryKey(key) }
    }

    /// Whether the cluster has a recovery key.
    public func hasRecoveryKey() throws(StoreError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM recoveryKey WHERE publicKey IS NOT NULL") ?? false }
    }

    /// Regains this node's division's keys with the recovery key; returns how many.
    public func recoverKeys(with key: RecoveryKey) throws(StoreError) -> Int {
        try write(user: Self.keysUser) { tx in try tx.recoverKeys(with: key) }
    }

    /// Indexes every complaint queued for the search index, in short
    /// transactions (100 complaints each, a few milliseconds of write lock).
    public func indexPendingSearch() throws(StoreError) {
        while try indexPendingSearchBatch() > 0 {}
    }

    /// Indexes up to `limit` queued complaints in one short transaction;
    /// returns how many. Background indexing pauses between batches, so that
    /// another process's write (a `redress` command while `serve` runs) finds
    /// the write lock free rather than waiting out its busy timeout.
    @discardableResult
    public func indexPendingSearchBatch(limit: Int = 100) throws(StoreError) -> Int {
        let indexed = try Self.translatingErrors(path: databasePath) {
            try pool.write { db in try SearchIndex.indexPending(limit: limit, keyring: keyring, db: db) }
        }
        // Indexing a whole import writes gigabytes of index pages: without
        // checkpoints between the batches the WAL held all of them.
        if indexed > 0 { checkpointIfDue() }
        return indexed
    }

    /// Whether this node can read the personal data of `division`'s complaints.
    public func canReadPersonalData(of division: String) throws(StoreError) -> Bool {
        try keyCustody().readable.contains(division)
    }

    /// Replaces the sealed personal values of `complaint` (fields and history
    /// text) by their text where this node holds the key, and by
    /// `unreadableText` where it does not.
    func openPersonalData(_ complaint: inout Complaint, db: Database) {
        let schema = RecordSchema.complaint
        for field in schema.fields where field.isPersonal {
            switch keyring.open(complaint.values[field.index], context: LocalTransaction.SealContext.complaint(complaint.id.description, column: field.column), db: db) {
            case .success(let value): complaint.values[field.index] = value
            case .failure:
                complaint.values[field.index] = .text(Self.unreadableText)
                complaint.personalDataReadable = false
            }
        }
        for position in complaint.history.indices {
            let entry = complaint.history[position]
            guard let text = entry.event.text else { continue }
            let context = LocalTransaction.SealContext.event(complaint: complaint.id.description, origin: entry.node, counter: entry.counter)
            switch keyring.open(.text(text), context: context, db: db) {
            case .success(let value): complaint.history[position].event.text = value.text
            case .failure:
                complaint.history[position].event.text = Self.unreadableText
                complaint.personalDataReadable = false
            }
        }
    }
}

extension RedressStore {
    /// The stored (sealed) form of a complaint's personal values, fields and
    /// history text: what tests look for in the files, before and after an erasure.
    @_spi(Testing) public func storedPersonalValues(of complaintID: ComplaintID) throws(StoreError) -> [String] {
        let id = complaintID.description
        return try read { db in
            let columns = RecordSchema.complaint.fields.filter(\.isPersonal).map(\.column)
            let fields = try Row.fetchOne(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM complaint WHERE id = ?", arguments: [id])
                .map { row in (0..<columns.count).compactMap { row[$0] as String? } } ?? []
            let history = try String.fetchAll(db, sql: "SELECT text FROM event WHERE complaint = ? AND kind IN (\(SearchIndex.textKindsSQL)) AND text IS NOT NULL",
                                              arguments: [id])
            let moved = try String.fetchAll(db, sql: "SELECT text FROM eventText WHERE complaint = ? AND text IS NOT NULL", arguments: [id])
            return fields + history + moved
        }
    }
}

extension RedressStore {
    /// Which divisions' personal data this node reads, and in which role.
    public struct KeyCustody: Sendable, Hashable {
        /// Divisions whose keys this node holds: its own, and any it holds as custodian.
        public var readable: [String]
        /// Of those, the divisions other than this node's own: held until a node of theirs can receive their keys.
        public var custodianOf: [String]
        /// Division keys on record that this node cannot open (other divisions').
        public var sealedForOthers: Int
        public var hasRecoveryKey: Bool
    }

    public func keyCustody() throws(StoreError) -> KeyCustody {
        try read { db in
            var readable = Set<String>(), closed = 0
            for row in try Row.fetchAll(db, sql: "SELECT keyId, division FROM divisionKey WHERE division IS NOT NULL") {
                if try keyring.divisionKey(row[0], db: db) != nil { readable.insert(row[1]) } else { closed += 1 }
            }
            let recovery = try Bool.fetchOne(db, sql: "SELECT 1 FROM recoveryKey WHERE publicKey IS NOT NULL") ?? false
            return KeyCustody(readable: readable.sorted(), custodianOf: readable.filter { $0 != division }.sorted(),
                              sealedForOthers: closed, hasRecoveryKey: recovery)
        }
    }
}
