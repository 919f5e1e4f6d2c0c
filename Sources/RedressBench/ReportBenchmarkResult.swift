import Foundation

/// The figures of one run of the report benchmark (`redress bench report`).
///
/// Encodes to one JSON object with snake_case keys (`--json`); `table`
/// renders it for people, with the target of issue 5.
public struct ReportBenchmarkResult: Codable, Sendable, Hashable, BenchmarkReport {
    // Import of the CFPB sample into a fresh store.
    /// The CSV file imported.
    public var importFile: String
    /// Rows read: imported, duplicates and rejected.
    public var importRows: Int
    public var rowsImported: Int
    public var importDuplicates: Int
    public var importRejected: Int
    public var importSeconds: Double
    /// What `redress import` prints: rows read per second of the whole import.
    public var importRowsPerSecond: Double

    // `report --by division` over generated complaints.
    public var complaints: Int
    public var divisions: Int
    /// Seconds to generate and write them through the store (not part of the report figure).
    public var generateSeconds: Double
    /// The database file after a WAL checkpoint.
    public var storeBytes: Int64
    /// The median of `reportSecondsRuns`.
    public var reportSeconds: Double
    /// Every timed run, in order (the first may find a colder page cache).
    public var reportSecondsRuns: [Double]
    /// CPU time of the median run (this process, user + system).
    public var reportCPUSeconds: Double
    /// Groups the report returned; checked equal to the divisions that have complaints.
    public var reportGroups: Int
    public var sqliteVersion: String
    /// Where the generated store was kept (`--keep-store`), if it was.
    public var keptStore: String?

    /// The target of issue 5 ("Speed").
    public enum Target {
        public static let reportSeconds = 2.0
    }

    public var meetsTarget: Bool { reportSeconds < Target.reportSeconds }

    enum CodingKeys: String, CodingKey {
        case importFile = "import_file"
        case importRows = "import_rows"
        case rowsImported = "rows_imported"
        case importDuplicates = "import_duplicates"
        case importRejected = "import_rejected"
        case importSeconds = "import_seconds"
        case importRowsPerSecond = "import_rows_per_second"
        case complaints, divisions
        case generateSeconds = "generate_seconds"
        case storeBytes = "store_bytes"
        case reportSeconds = "report_seconds"
        case reportSecondsRuns = "report_seconds_runs"
        case reportCPUSeconds = "report_cpu_seconds"
        case reportGroups = "report_groups"
        case sqliteVersion = "sqlite_version"
        case keptStore = "kept_store"
    }

    /// A table for people: each figure, and for the report time the target.
    public var table: String {
        func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
        var rows: [(String, String, String)] = [
            ("import file", importFile, ""),
            ("import: rows read", "\(importRows)",
             "\(rowsImported) imported, \(importDuplicates) duplicates, \(importRejected) rejected"),
            ("import_rows_per_second", String(format: "%.0f", importRowsPerSecond), "\(seconds(importSeconds)) in all"),
            ("report: complaints", "\(complaints) in \(divisions) divisions",
             "generated in \(seconds(generateSeconds)); \(String(format: "%.0f MB", Double(storeBytes) / 1_000_000)) store"),
            ("report_seconds", seconds(reportSeconds),
             "target < \(seconds(Target.reportSeconds)): \(meetsTarget ? "ok" : "MISSED")"),
            ("runs", reportSecondsRuns.map { String(format: "%.2f", $0) }.joined(separator: ", "),
             "CPU \(seconds(reportCPUSeconds)) (median run)"),
            ("groups", "\(reportGroups)", "SQLite \(sqliteVersion)"),
        ]
        if let keptStore { rows.append(("store kept in", keptStore, "")) }
        return Self.tableLines(rows).joined(separator: "\n")
    }
}
