import Foundation

/// The figures of one run of the store benchmark.
///
/// Encodes to one JSON object with snake_case keys (`redress bench store
/// --json`); `table` renders it for people, with the targets of issue 3.
public struct StoreBenchmarkResult: Codable, Sendable, Hashable, BenchmarkReport {
    // What was measured.
    public var complaints: Int
    public var transactionSize: Int
    public var updatedFieldsPerComplaint: Int
    public var secureDelete: Bool
    public var sqliteVersion: String

    // Plain SQLite baseline.
    public var plainInsertSeconds: Double
    public var plainUpdateSeconds: Double
    public var plainSeconds: Double
    /// CPU time of the same work (this process, user + system).
    public var plainCPUSeconds: Double
    public var plainBytes: Int64

    // The CRDT store, same rows and transaction sizes.
    public var crdtInsertSeconds: Double
    public var crdtUpdateSeconds: Double
    public var crdtSeconds: Double
    public var crdtCPUSeconds: Double
    public var crdtBytes: Int64

    public var crdtOverPlain: Double
    /// The same ratio in CPU time: steadier than wall time on a shared machine.
    public var crdtOverPlainCPU: Double
    public var dbSizeRatio: Double

    // A fresh replica applying everything the first store holds.
    public var applyBatchFields: Int
    public var applyBatches: Int
    public var applyChanges: Int
    public var applyFieldChanges: Int
    public var applySeconds: Double
    public var applyCPUSeconds: Double
    public var applyChangesPerSecond: Double
    /// The longest apply transaction, wall time: on a busy machine it also
    /// counts time the process waited for a core while holding the lock.
    public var applyMaxTransactionMs: Double
    public var applyP99TransactionMs: Double
    /// Time spent in `changes(after:maxFields:)` building those batches.
    public var readSeconds: Double
    public var readChangesPerSecond: Double
    /// Both replicas' digests, checked equal.
    public var digest: String
    /// Whether the personal fields were stored sealed (field-level encryption on), read off the store.
    public var personalDataSealed: Bool

    /// The targets of issue 3 ("Speed").
    public enum Target {
        public static let crdtOverPlain = 1.5
        public static let dbSizeRatio = 2.0
        public static let applyChangesPerSecond = 200_000.0
        public static let applyMaxTransactionMs = 50.0
    }

    /// Whether every target is met.
    public var meetsTargets: Bool {
        crdtOverPlain <= Target.crdtOverPlain && dbSizeRatio <= Target.dbSizeRatio
            && applyChangesPerSecond >= Target.applyChangesPerSecond && applyMaxTransactionMs <= Target.applyMaxTransactionMs
    }

    enum CodingKeys: String, CodingKey {
        case complaints
        case transactionSize = "transaction_size"
        case updatedFieldsPerComplaint = "updated_fields_per_complaint"
        case secureDelete = "secure_delete"
        case sqliteVersion = "sqlite_version"
        case plainInsertSeconds = "plain_insert_seconds"
        case plainUpdateSeconds = "plain_update_seconds"
        case plainSeconds = "plain_seconds"
        case plainCPUSeconds = "plain_cpu_seconds"
        case plainBytes = "plain_bytes"
        case crdtInsertSeconds = "crdt_insert_seconds"
        case crdtUpdateSeconds = "crdt_update_seconds"
        case crdtSeconds = "crdt_seconds"
        case crdtCPUSeconds = "crdt_cpu_seconds"
        case crdtBytes = "crdt_bytes"
        case crdtOverPlain = "crdt_over_plain"
        case crdtOverPlainCPU = "crdt_over_plain_cpu"
        case dbSizeRatio = "db_size_ratio"
        case applyBatchFields = "apply_batch_fields"
        case applyBatches = "apply_batches"
        case applyChanges = "apply_changes"
        case applyFieldChanges = "apply_field_changes"
        case applySeconds = "apply_seconds"
        case applyCPUSeconds = "apply_cpu_seconds"
        case applyChangesPerSecond = "apply_changes_per_second"
        case applyMaxTransactionMs = "apply_max_transaction_ms"
        case applyP99TransactionMs = "apply_p99_transaction_ms"
        case readSeconds = "read_seconds"
        case readChangesPerSecond = "read_changes_per_second"
        case digest
        case personalDataSealed = "personal_data_sealed"
    }

    /// A table for people: each figure, and for the headline ones the target.
    public var table: String {
        func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
        func megabytes(_ value: Int64) -> String { String(format: "%.1f MB", Double(value) / 1_000_000) }
        func ratio(_ value: Double) -> String { String(format: "%.2f×", value) }
        func verdict(_ ok: Bool) -> String { ok ? "ok" : "MISSED" }
        let rows: [(String, String, String)] = [
            ("complaints", "\(complaints) (+\(updatedFieldsPerComplaint) fields updated each)",
             "\(transactionSize) rows per transaction"),
            ("personal data sealed (field-level encryption)", personalDataSealed ? "yes" : "NO", ""),
            ("plain SQLite: insert + update", "\(seconds(plainInsertSeconds)) + \(seconds(plainUpdateSeconds)) = \(seconds(plainSeconds))", ""),
            ("CRDT store: insert + update", "\(seconds(crdtInsertSeconds)) + \(seconds(crdtUpdateSeconds)) = \(seconds(crdtSeconds))", ""),
            ("crdt_over_plain", ratio(crdtOverPlain),
             "target ≤ \(ratio(Target.crdtOverPlain)): \(verdict(crdtOverPlain <= Target.crdtOverPlain))"),
            ("same in CPU time", ratio(crdtOverPlainCPU),
             "\(seconds(crdtCPUSeconds)) / \(seconds(plainCPUSeconds)) (wall time counts waits for a core)"),
            ("file size: plain / CRDT", "\(megabytes(plainBytes)) / \(megabytes(crdtBytes))", "after a WAL checkpoint"),
            ("db_size_ratio", ratio(dbSizeRatio),
             "target ≤ \(ratio(Target.dbSizeRatio)): \(verdict(dbSizeRatio <= Target.dbSizeRatio))"),
            ("apply: field changes", "\(applyFieldChanges) in \(applyChanges) changes",
             "\(applyBatches) batches of ≤ \(applyBatchFields) fields"),
            ("apply_changes_per_second", String(format: "%.0f", applyChangesPerSecond),
             String(format: "target ≥ %.0f: %@", Target.applyChangesPerSecond,
                    verdict(applyChangesPerSecond >= Target.applyChangesPerSecond))),
            ("longest apply transaction", String(format: "%.1f ms (99%%: %.1f ms)", applyMaxTransactionMs, applyP99TransactionMs),
             String(format: "target ≤ %.0f ms: %@", Target.applyMaxTransactionMs,
                    verdict(applyMaxTransactionMs <= Target.applyMaxTransactionMs))),
            ("reading changes", String(format: "%.0f field changes/s", readChangesPerSecond), "changes(after:maxFields:)"),
            ("digests", "equal", String(digest.prefix(16)) + "…"),
        ]
        return Self.tableLines(rows).joined(separator: "\n")
    }
}
