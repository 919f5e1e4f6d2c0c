public import Foundation
import GRDB
import RedressImport
import RedressModel
import RedressReports
import RedressStore

/// `redress bench report`: how fast `redress import` reads the CFPB sample,
/// and how long `redress report --by division` takes over a large data set.
///
/// One run, in a fresh folder under `directory` that it removes afterwards:
/// 1. import `importFile` (CFPB layout) into a fresh store with `CSVImporter`,
///    the code behind `redress import`, and take its rows per second;
/// 2. generate `complaints` complaints in `divisions` divisions
///    (`ReportBenchmarkComplaints`: Zipf-like division sizes, realistic
///    lifecycles) plus each division's monthly customer counts, written
///    through the store's local write path in transactions of 2,000 (or open
///    `existingStore` instead);
/// 3. build the report cells, as `serve` does in the background;
/// 4. run `report(by: .division)`, the computation behind `redress report
///    --by division`, `reportRuns` times, checking that the groups add up to
///    the complaints, and take the median.
/// The report runs right after the store was written (or read), so the page
/// cache is warm: the figure is the report's own work, not the disk's.
public struct ReportBenchmark: Sendable {
    public var complaints: Int
    public var divisions: Int
    public var importFile: URL
    public var directory: URL
    /// A store to report on instead of generating one (e.g. one kept by `keepStore`).
    public var existingStore: URL?
    /// Leave the generated store in place (its folder is in the result) to profile the report by hand.
    public var keepStore: Bool
    public var reportRuns: Int
    /// Also time every grouping, a filtered view and the dashboard against a plain `GROUP BY` (issue 14).
    public var views: Bool
    /// Called with a short line as each phase starts, and during long phases.
    public var progress: @Sendable (String) -> Void

    static let user = "bench"

    public init(complaints: Int = 1_000_000, divisions: Int = 50, importFile: URL,
                directory: URL = FileManager.default.temporaryDirectory, existingStore: URL? = nil,
                keepStore: Bool = false, reportRuns: Int = 3, views: Bool = true,
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.complaints = complaints
        self.divisions = divisions
        self.importFile = importFile
        self.directory = directory
        self.existingStore = existingStore
        self.keepStore = keepStore
        self.reportRuns = reportRuns
        self.views = views
        self.progress = progress
    }

    public func run() throws -> ReportBenchmarkResult {
        guard complaints > 0 else { throw ReportBenchmarkError.invalidParameter(name: "complaints", reason: "must be at least 1") }
        guard (1...9_999).contains(divisions) else {
            throw ReportBenchmarkError.invalidParameter(name: "divisions", reason: "must be from 1 to 9,999")
        }
        guard reportRuns > 0 else { throw ReportBenchmarkError.invalidParameter(name: "report runs", reason: "must be at least 1") }

        let workspace = directory.appendingPathComponent("redress-bench-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        let keep = keepStore && existingStore == nil
        defer {
            if keep {
                try? FileManager.default.removeItem(at: workspace.appendingPathComponent("import"))
            } else {
                try? FileManager.default.removeItem(at: workspace)
            }
        }

        progress("importing \(importFile.path)")
        let summary = try measureImport(into: workspace.appendingPathComponent("import"))

        let store: RedressStore
        var generateSeconds = 0.0
        if let existingStore {
            progress("opening \(existingStore.path)")
            store = try RedressStore.open(at: existingStore)
        } else {
            let start = ProcessTimes.now()
            store = try generate(into: workspace.appendingPathComponent("store"))
            generateSeconds = ProcessTimes.now().since(start).wall
        }
        let (inStore, divisionsInStore) = try store.readOnlyTransaction { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM complaint WHERE receivedAt IS NOT NULL") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT division) FROM complaint WHERE receivedAt IS NOT NULL") ?? 0)
        }

        // The report cells, built as `serve` builds them (a few (division,
        // month)s per transaction) before the reports that read them.
        progress("building the report cells")
        let cellsStart = ProcessTimes.now()
        while try store.refreshReportCells(limit: 64).remaining != 0 {}
        let cellsSeconds = ProcessTimes.now().since(cellsStart).wall

        var runs: [(wall: Double, cpu: Double)] = []
        var groupCount = 0
        // The views' peak memory covers these runs too (generation is not part of it).
        if views { _ = ResidentMemory.resetHighWaterMark() }
        for run in 1...reportRuns {
            progress("report --by division, run \(run) of \(reportRuns)")
            let start = ProcessTimes.now()
            let groups = try store.report(by: .division)
            runs.append(ProcessTimes.now().since(start))
            let total = groups.map(\.complaints).reduce(0, +)
            guard groups.count == divisionsInStore, total == inStore else {
                throw ReportBenchmarkError.reportMismatch(
                    reason: "\(groups.count) groups with \(total) complaints, expected \(divisionsInStore) with \(inStore)")
            }
            groupCount = groups.count
        }
        let median = runs.sorted { $0.wall < $1.wall }[(runs.count - 1) / 2]
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let viewTimings = views ? try ReportViewTimings.measure(store, runs: reportRuns, now: now, divisionSeconds: median.wall,
                                                                 progress: progress) : nil

        let sqliteVersion = try store.readOnlyTransaction { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") } ?? "?"
        return ReportBenchmarkResult(
            importFile: importFile.path, importRows: summary.imported + summary.duplicates + summary.rejected,
            rowsImported: summary.imported, importDuplicates: summary.duplicates, importRejected: summary.rejected,
            importSeconds: summary.seconds, importRowsPerSecond: summary.rowsPerSecond,
            complaints: inStore, divisions: divisionsInStore, generateSeconds: generateSeconds,
            storeBytes: Self.fileSize(store.databasePath),
            reportSeconds: median.wall, reportSecondsRuns: runs.map(\.wall), reportCPUSeconds: median.cpu,
            reportGroups: groupCount, sqliteVersion: sqliteVersion, cellsBuildSeconds: cellsSeconds,
            keptStore: keep ? store.directory.path : nil, views: viewTimings)
    }

    // MARK: - Phases

    private func measureImport(into folder: URL) throws -> ImportSummary {
        let store = try RedressStore.create(at: folder, division: "IMPORT", nodeName: "bench-import", user: Self.user)
        let progress = self.progress
        let importer = CSVImporter(store: store, user: Self.user) { done in
            progress("import: \(done.rowsDone) rows read, \(Int(done.rowsPerSecond.rounded())) rows/s")
        }
        return try importer.run(file: importFile, mapping: .cfpb)
    }

    private func generate(into folder: URL) throws -> RedressStore {
        try GeneratedStore.create(in: folder, complaints: complaints, divisions: divisions, user: Self.user, progress: progress)
    }

    static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
