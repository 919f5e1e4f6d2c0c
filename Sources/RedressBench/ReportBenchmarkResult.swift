import Foundation

/// The figures of one run of the report benchmark (`redress bench report`).
///
/// Encodes to one JSON object with snake_case keys (`--json`); `table`
/// renders it for people, with the target of issue 5.
public struct ReportBenchmarkResult: Sendable, Hashable, BenchmarkReport {
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
    /// Seconds to build the report cells before the reports (`serve` builds them in the background).
    public var cellsBuildSeconds: Double
    /// Where the generated store was kept (`--keep-store`), if it was.
    public var keptStore: String?
    /// Issue 14's figures: every grouping, a filtered view and the
    /// dashboard's default page against a plain `GROUP BY` in the same run
    /// (nil when `--views` was off).
    var views: ReportViewTimings?

    /// `baseline_seconds`, then `<view>_seconds` and `<view>_over_baseline`.
    public var viewFigures: [String: Double] {
        guard let views else { return [:] }
        var figures = ["baseline_seconds": views.baselineSeconds]
        for (name, seconds) in views.seconds {
            figures["\(name)_seconds"] = seconds
            figures["\(name)_over_baseline"] = views.baselineSeconds > 0 ? seconds / views.baselineSeconds : nil
        }
        if let peak = views.peakResidentBytes { figures["peak_rss_mb"] = Double(peak) / 1_048_576 }
        return figures
    }

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
        case cellsBuildSeconds = "cells_build_seconds"
        case keptStore = "kept_store"
    }

    private struct FigureKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(importFile, forKey: .importFile)
        try container.encode(importRows, forKey: .importRows)
        try container.encode(rowsImported, forKey: .rowsImported)
        try container.encode(importDuplicates, forKey: .importDuplicates)
        try container.encode(importRejected, forKey: .importRejected)
        try container.encode(importSeconds, forKey: .importSeconds)
        try container.encode(importRowsPerSecond, forKey: .importRowsPerSecond)
        try container.encode(complaints, forKey: .complaints)
        try container.encode(divisions, forKey: .divisions)
        try container.encode(generateSeconds, forKey: .generateSeconds)
        try container.encode(storeBytes, forKey: .storeBytes)
        try container.encode(reportSeconds, forKey: .reportSeconds)
        try container.encode(reportSecondsRuns, forKey: .reportSecondsRuns)
        try container.encode(reportCPUSeconds, forKey: .reportCPUSeconds)
        try container.encode(reportGroups, forKey: .reportGroups)
        try container.encode(sqliteVersion, forKey: .sqliteVersion)
        try container.encode(cellsBuildSeconds, forKey: .cellsBuildSeconds)
        try container.encodeIfPresent(keptStore, forKey: .keptStore)
        var figures = encoder.container(keyedBy: FigureKey.self)
        for (key, value) in viewFigures { try figures.encode(value, forKey: FigureKey(stringValue: key)) }
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
            ("cells_build_seconds", seconds(cellsBuildSeconds), "the report cells, built before the reports"),
        ]
        if let views {
            rows.append(("baseline_seconds", seconds(views.baselineSeconds), "plain GROUP BY division over the same rows"))
            for name in ReportViewTimings.viewNames {
                guard let value = views.seconds[name] else { continue }
                rows.append(("\(name)_seconds", seconds(value), String(format: "%.1f× the baseline", value / max(views.baselineSeconds, 1e-9))))
            }
            if let peak = views.peakResidentBytes { rows.append(("peak_rss_mb", String(format: "%.0f", Double(peak) / 1_048_576), "while the reports and views ran")) }
        }
        if let keptStore { rows.append(("store kept in", keptStore, "")) }
        return Self.tableLines(rows).joined(separator: "\n")
    }
}
