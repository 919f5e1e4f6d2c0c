public import Foundation
import GRDB
import RedressModel
import RedressStore
public import RedressSync

/// `redress bench store`: the cost of the CRDT store over plain SQLite, and
/// how fast a replica applies a peer's changes.
///
/// One run, in a fresh folder under `directory` that it removes afterwards:
/// 1. insert `complaints` rows, then update 5 fields of each, in the same
///    transactions on both sides, alternating: a plain SQLite table
///    (`PlainComplaintTable`) and the CRDT store through its public write path
///    (`createComplaint`, then `LocalTransaction.write`);
/// 2. a fresh replica applies all of the store's changes, read with
///    `changes(after:maxFields:)` and applied with `apply(_:)` one batch per
///    transaction, and must end with the same digest.
/// Times come from a monotonic clock (CPU time is reported too); file sizes
/// are taken after a WAL checkpoint. docs/BENCHMARKS.md has the method and figures.
public struct StoreBenchmark: Sendable {
    public var complaints: Int
    public var directory: URL
    /// Rows (complaints) per write transaction, the same for both sides.
    public var transactionSize: Int
    /// Field changes per batch the replica applies (each batch is one transaction).
    public var applyBatchFields: Int
    /// `secure_delete` for the baseline. The store always sets it (erasure
    /// needs it), so the fair default gives the baseline the same setting.
    public var baselineSecureDelete: Bool
    /// Called with a short line as each phase starts (for a progress display).
    public var progress: @Sendable (String) -> Void

    static let division = "BENCH"
    static let user = "bench"

    public init(complaints: Int = 100_000, directory: URL = FileManager.default.temporaryDirectory,
                transactionSize: Int = 1_000, applyBatchFields: Int = SyncConfiguration().maxBatchFields, baselineSecureDelete: Bool = true,
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.complaints = complaints
        self.directory = directory
        self.transactionSize = transactionSize
        self.applyBatchFields = applyBatchFields
        self.baselineSecureDelete = baselineSecureDelete
        self.progress = progress
    }

    public func run() throws -> StoreBenchmarkResult {
        guard complaints > 0 else { throw StoreBenchmarkError.invalidParameter(name: "complaints", reason: "must be at least 1") }
        guard transactionSize > 0 else { throw StoreBenchmarkError.invalidParameter(name: "transaction size", reason: "must be at least 1") }
        guard applyBatchFields > 0 else { throw StoreBenchmarkError.invalidParameter(name: "apply batch", reason: "must be at least 1") }

        let workspace = directory.appendingPathComponent("redress-bench-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }

        progress("generating \(complaints) complaints")
        let data = SyntheticComplaints(count: complaints, division: Self.division)
        let updates = Array(zip(data.complaints.map(\.id), data.updates)).map { (id: $0.0, update: $0.1) }

        let source = try RedressStore.create(at: workspace.appendingPathComponent("source"), division: Self.division,
                                             nodeName: "bench-source", user: Self.user)
        let indexes = try PlainComplaintTable.complaintIndexes(ofStoreAt: source.databasePath)

        let plain = try PlainComplaintTable(path: workspace.appendingPathComponent("plain.sqlite").path,
                                            secureDelete: baselineSecureDelete, indexes: indexes)
        progress("plain SQLite and CRDT store: inserting, then updating")
        let (plainFigures, crdt) = try measureWrites(plain: plain, store: source, data, updates)

        progress("replica: applying every change")
        let replica = try RedressStore.create(at: workspace.appendingPathComponent("replica"), division: Self.division,
                                              nodeName: "bench-replica", user: Self.user)
        let apply = try measureApply(from: source, into: replica)

        progress("comparing digests")
        let sourceDigest = try source.digest()
        let replicaDigest = try replica.digest()
        guard sourceDigest == replicaDigest else {
            throw StoreBenchmarkError.digestMismatch(source: sourceDigest, replica: replicaDigest)
        }

        let sqliteVersion = try plain.pool.read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") } ?? "?"
        return StoreBenchmarkResult(
            complaints: complaints, transactionSize: transactionSize,
            updatedFieldsPerComplaint: SyntheticComplaints.updatedFields.count,
            secureDelete: baselineSecureDelete, sqliteVersion: sqliteVersion,
            plainInsertSeconds: plainFigures.insert, plainUpdateSeconds: plainFigures.update,
            plainSeconds: plainFigures.insert + plainFigures.update, plainCPUSeconds: plainFigures.cpu,
            plainBytes: plainFigures.bytes,
            crdtInsertSeconds: crdt.insert, crdtUpdateSeconds: crdt.update,
            crdtSeconds: crdt.insert + crdt.update, crdtCPUSeconds: crdt.cpu, crdtBytes: crdt.bytes,
            crdtOverPlain: (crdt.insert + crdt.update) / (plainFigures.insert + plainFigures.update),
            crdtOverPlainCPU: plainFigures.cpu > 0 ? crdt.cpu / plainFigures.cpu : 0,
            dbSizeRatio: Double(crdt.bytes) / Double(plainFigures.bytes),
            applyBatchFields: applyBatchFields, applyBatches: apply.batches, applyChanges: apply.changes,
            applyFieldChanges: apply.fields, applySeconds: apply.applySeconds, applyCPUSeconds: apply.applyCPUSeconds,
            applyChangesPerSecond: Double(apply.fields) / apply.applySeconds,
            applyMaxTransactionMs: apply.longestApplySeconds * 1000,
            applyP99TransactionMs: Self.percentile(99, of: apply.applyTransactionSeconds) * 1000,
            readSeconds: apply.readSeconds, readChangesPerSecond: Double(apply.fields) / apply.readSeconds,
            digest: sourceDigest, personalDataSealed: try PersonalDataSealing.allSealed(in: replica))
    }

    // MARK: - Phases

    private struct WriteFigures {
        var insert = 0.0
        var update = 0.0
        /// CPU seconds of insert + update.
        var cpu = 0.0
        var bytes: Int64 = 0
    }

    /// Runs the same transactions against both sides, alternating one
    /// transaction on each: on a shared machine the load changes from second
    /// to second, and alternating gives both sides the same share of it.
    /// Which side goes first alternates too, so neither always finds the
    /// other's data in the CPU caches.
    private func measureWrites(plain: PlainComplaintTable, store: RedressStore, _ data: SyntheticComplaints,
                               _ updates: [(id: ComplaintID, update: SyntheticComplaints.Update)]) throws -> (plain: WriteFigures, crdt: WriteFigures) {
        var plainFigures = WriteFigures()
        var crdtFigures = WriteFigures()
        func alternate(_ round: Int, plain plainWork: () throws -> Void, crdt crdtWork: () throws -> Void,
                       _ plainPhase: WritableKeyPath<WriteFigures, Double>, _ crdtPhase: WritableKeyPath<WriteFigures, Double>) throws {
            for side in round.isMultiple(of: 2) ? [0, 1] : [1, 0] {
                let times = try Self.measure(side == 0 ? plainWork : crdtWork)
                if side == 0 {
                    plainFigures[keyPath: plainPhase] += times.wall
                    plainFigures.cpu += times.cpu
                } else {
                    crdtFigures[keyPath: crdtPhase] += times.wall
                    crdtFigures.cpu += times.cpu
                }
            }
        }
        for (round, chunk) in data.complaints.chunks(of: transactionSize).enumerated() {
            try alternate(round, plain: { try plain.insert(chunk, user: Self.user) }, crdt: {
                try store.write(user: Self.user) { tx in
                    for complaint in chunk { try tx.createComplaint(complaint.input, id: complaint.id) }
                }
            }, \.insert, \.insert)
        }
        for (round, chunk) in updates.chunks(of: transactionSize).enumerated() {
            try alternate(round, plain: { try plain.update(chunk) }, crdt: {
                try store.write(user: Self.user) { tx in
                    for (id, update) in chunk {
                        var fields: [ComplaintField: FieldValue] = [:]
                        for (field, value) in update.fields { fields[field] = .text(value) }
                        try tx.write(key: id.description, fields)
                    }
                }
            }, \.update, \.update)
        }
        try plain.checkpoint()
        try store.checkpoint()
        plainFigures.bytes = Self.fileSize(plain.path)
        crdtFigures.bytes = Self.fileSize(store.databasePath)
        return (plainFigures, crdtFigures)
    }

    private struct ApplyFigures {
        var batches = 0
        var changes = 0
        var fields = 0
        var applySeconds = 0.0
        var applyCPUSeconds = 0.0
        var longestApplySeconds = 0.0
        /// Wall time of each apply transaction, for the percentile.
        var applyTransactionSeconds: [Double] = []
        var readSeconds = 0.0
    }

    /// Streams the source's changes to the replica the way the sync protocol
    /// does: the sender tracks the receiver's version vector by each batch's
    /// coverage until a batch comes back empty.
    private func measureApply(from source: RedressStore, into replica: RedressStore) throws -> ApplyFigures {
        var figures = ApplyFigures()
        var peer = try replica.versionVector()
        while true {
            let readStart = ProcessTimes.now()
            let batch = try source.changes(after: peer, maxFields: applyBatchFields)
            figures.readSeconds += ProcessTimes.now().since(readStart).wall
            if batch.isEmpty { break }

            let applyStart = ProcessTimes.now()
            let outcome = try replica.apply(batch)
            let applyTimes = ProcessTimes.now().since(applyStart)
            figures.applySeconds += applyTimes.wall
            figures.applyCPUSeconds += applyTimes.cpu
            // The write lock is held for the transaction only; a WAL checkpoint
            // after it (counted in applySeconds) does not hold it.
            figures.longestApplySeconds = max(figures.longestApplySeconds, outcome.transactionSeconds)
            figures.applyTransactionSeconds.append(outcome.transactionSeconds)

            guard outcome.skippedOrigins.isEmpty, outcome.duplicates == 0 else {
                throw StoreBenchmarkError.incompleteApply(
                    reason: "batch \(figures.batches + 1) skipped \(outcome.skippedOrigins.count) origins and had \(outcome.duplicates) duplicates")
            }
            figures.batches += 1
            figures.changes += batch.changes.count
            figures.fields += batch.fieldCount
            for (node, range) in batch.coverage { peer[node] = range.upTo }
        }
        let sourceVector = try source.versionVector()
        let replicaVector = try replica.versionVector()
        for (node, counter) in sourceVector.counters where replicaVector[node] != counter {
            throw StoreBenchmarkError.incompleteApply(reason: "the replica holds \(replicaVector[node]) of \(counter) changes of node \(node)")
        }
        return figures
    }

    // MARK: - Helpers

    /// The nearest-rank percentile (0 for no values).
    private static func percentile(_ p: Double, of values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)]
    }

    private static func measure(_ body: () throws -> Void) throws -> (wall: Double, cpu: Double) {
        let start = ProcessTimes.now()
        try body()
        return ProcessTimes.now().since(start)
    }

    /// The database file plus whatever is left in its WAL (nothing after a
    /// successful truncating checkpoint).
    private static func fileSize(_ path: String) -> Int64 {
        [path, path + "-wal"].reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
            return total + size
        }
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunks(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
