import Foundation
import GRDB
import RedressModel
import RedressStore
import Testing
@testable import RedressReports

/// Reports from the report cells (`KPIReporter.groupsFromCells`) give exactly
/// the figures of the straightforward computation (`groupsByAggregation`),
/// whatever part of the cells is stale: for random stores, random filters,
/// random "now"s and partial refreshes between random local writes, applied
/// peer batches, erasures and reopenings. Cells that are missing, of another
/// layout or damaged are never used, and are built again with the same figures.
@Suite struct ReportCellsTests {
    static let seed: UInt64 = 20_261_204

    @Test func reportsFromTheCellsEqualTheAggregationsForRandomStoresAndFilters() throws {
        print("ReportCellsTests seed \(Self.seed)")
        var random = SplitMix64(seed: Self.seed)
        let (test, peer) = try SinglePassReportTests.stores()
        var store = test.store
        var tally = Tally()
        for round in 0..<6 {
            // Writes with partial refreshes between them, as `serve` makes them.
            for _ in 0..<6 {
                try SinglePassReportTests.randomWrites(to: store, ids: try store.complaints().map(\.id), count: 50, &random)
                try store.refreshReportCells(limit: Int(1 + random.next() % 12), startOver: random.next() % 4 != 0,
                                             now: Self.randomNow(&random))
            }
            try SinglePassReportTests.randomWrites(to: peer.store, ids: [], count: 40, &random)
            switch round % 3 {
            case 0:
                // A peer's complaints in small batches: between two, a complaint may
                // have its stage but not yet its dates, so a cell lists it as unsettled.
                while true {
                    let batch = try peer.store.changes(after: store.versionVector(), maxFields: Int(3 + random.next() % 40))
                    if batch.isEmpty { break }
                    try store.apply(batch)
                    try store.refreshReportCells(limit: 4, startOver: true, now: Self.randomNow(&random))
                    try tally.compare(store, reports: 1, context: "round \(round), between batches", &random)
                }
            case 1:
                store = try RedressStore.open(at: test.directory)
            default:
                let ids = try store.complaints().map(\.id)
                if let id = ids.randomElement(using: &random) { try store.write(user: "dpo") { tx in try tx.erasePersonalData(id) } }
            }
            // Every other round, all cells current; between, many months stale.
            if round % 2 == 1 {
                let now = Self.randomNow(&random)
                while try store.refreshReportCells(limit: 16, startOver: true, now: now).remaining != 0 {}
            }
            try tally.compare(store, reports: 8, context: "round \(round)", &random)
        }
        print("ReportCellsTests seed \(Self.seed): \(tally)")
        // Not vacuous: most reports came from the cells, which held many
        // complaints, some unsettled, while some months were stale.
        #expect(tally.fromCells > 150 && tally.compared > 800, "\(tally.fromCells) reports from the cells, \(tally.compared) groups")
        #expect(tally.perCustomer > 50, "\(tally.perCustomer) groups with complaints per customer")
        #expect(tally.summedOpen > 10 && tally.settledLater > 0, "\(tally.summedOpen) open complaints summed, \(tally.settledLater) cells from a later refresh")
        #expect(tally.summed > 150 && tally.unsettled > 0 && tally.stale > 0,
                "\(tally.summed) complaints summed, \(tally.unsettled) unsettled, \(tally.stale) stale months")
    }

    /// A "now" for a report or a refresh: before, during or after the complaints' due times.
    static func randomNow(_ random: inout SplitMix64) -> Int64 {
        [TestStore.now, Int64(Date().timeIntervalSince1970 * 1000), TestStore.day("2020-01-15"),
         TestStore.day("2019-11-10")].randomElement(using: &random)!
    }

    /// What the random test compared, and the most the cells held.
    struct Tally {
        var fromCells = 0, compared = 0, summed = 0, unsettled = 0, stale = 0, summedOpen = 0, settledLater = 0
        /// Groups with complaints per 1,000 customers above zero.
        var perCustomer = 0

        /// Compares `reports` random scopes and "now"s, in every grouping, from the cells and by aggregation.
        mutating func compare(_ store: RedressStore, reports: Int, context: String, _ random: inout SplitMix64) throws {
            let state = try ReportCellsTests.cellContents(store)
            summed = max(summed, state.summed)
            unsettled = max(unsettled, state.unsettled)
            stale = max(stale, state.stale)
            summedOpen = max(summedOpen, state.summedOpen)
            settledLater = max(settledLater, state.settledLater)
            let divisions = try store.divisions().map(\.code)
            for _ in 0..<reports {
                let scope = ReportCellsTests.randomScope(divisions: divisions, &random)
                let now = ReportCellsTests.randomNow(&random)
                for grouping in ReportGrouping.allCases {
                    let reporter = KPIReporter(grouping: grouping, scope: scope, now: now)
                    let (cells, reference) = try store.readOnlyTransaction { db in
                        (try reporter.groupsFromCells(db), try reporter.groupsByAggregation(db))
                    }
                    guard let cells else { continue }
                    fromCells += 1
                    let context = "seed \(ReportCellsTests.seed), \(context), \(grouping), \(scope), now \(now)"
                    #expect(cells.map(\.group) == reference.map(\.group), "\(context)")
                    if let (cell, expected) = zip(cells, reference).first(where: { $0 != $1 }) {
                        Issue.record("\(context), group \(cell.group):\n\(cell)\nexpected\n\(expected)")
                    }
                    compared += cells.count
                    perCustomer += cells.count { ($0.figures[.complaintsPer1000Customers]?.value ?? 0) > 0 }
                }
            }
        }
    }

    @Test(arguments: Damage.allCases)
    func damagedOrMissingCellsAreNotUsedAndAreBuiltAgainWithTheSameFigures(_ damage: Damage) throws {
        print("ReportCellsTests seed \(Self.seed), \(damage)")
        var random = SplitMix64(seed: Self.seed)
        let (test, _) = try SinglePassReportTests.stores()
        let store = test.store
        try SinglePassReportTests.randomWrites(to: store, ids: try store.complaints().map(\.id), count: 200, &random)
        #expect(try store.refreshReportCells(limit: .max).startedOver)
        let reporters = ReportGrouping.allCases.map { KPIReporter(grouping: $0, scope: ReportScope(), now: TestStore.now) }
        let reference = try store.readOnlyTransaction { db in try reporters.map { try $0.groupsByAggregation(db) } }
        #expect(try store.readOnlyTransaction { db in try reporters.map { try $0.groupsFromCells(db) } } == reference)

        // When the cells are damaged
        try store.writeDerivedData { db in try damage.apply(db) }

        // Then they are not used: a damaged cell is found and thrown, the others are not usable at all
        let usable = try store.readOnlyTransaction { db in try KPIReporter.cellsAreUsable(db) }
        #expect(usable == damage.leavesCellsUsable)
        if damage.leavesCellsUsable {
            let error = #expect(throws: (any Error).self) { try store.readOnlyTransaction { db in try reporters[0].groupsFromCells(db) } }
            #expect(error.map { "\($0)".contains("report cell is damaged") } == true, "\(String(describing: error))")
        }
        // and the report, from the complaints, is the same
        for (reporter, expected) in zip(reporters, reference) {
            #expect(try store.report(by: reporter.grouping, scope: ReportScope(), now: TestStore.now) == expected, "\(reporter.grouping)")
        }
        // and the next refresh builds them again, with the same figures.
        #expect(try store.refreshReportCells(limit: .max).startedOver)
        #expect(try store.readOnlyTransaction { db in try reporters.map { try $0.groupsFromCells(db) } } == reference)
    }

    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case lostCell, flippedByte, wrongChecksum, truncatedWithItsChecksum, otherLayout, noState

        var testDescription: String { rawValue }

        /// Whether the cells still look usable, so that only reading them finds the damage.
        var leavesCellsUsable: Bool { [.flippedByte, .wrongChecksum, .truncatedWithItsChecksum].contains(self) }

        func apply(_ db: Database) throws {
            let first = "(SELECT MIN(rowid) FROM reportCell)"
            switch self {
            case .lostCell: try db.execute(sql: "DELETE FROM reportCell WHERE rowid = \(first)")
            case .flippedByte, .truncatedWithItsChecksum:
                var bytes = [UInt8](try Data.fetchOne(db, sql: "SELECT data FROM reportCell WHERE rowid = \(first)")!)
                var checksum = try Int64.fetchOne(db, sql: "SELECT checksum FROM reportCell WHERE rowid = \(first)")!
                if self == .flippedByte {
                    bytes[bytes.count / 2] ^= 0x10
                } else {
                    bytes.removeLast(3)
                    checksum = RedressStore.derivedChecksum(bytes)
                }
                try db.execute(sql: "UPDATE reportCell SET data = ?, checksum = ? WHERE rowid = \(first)", arguments: [Data(bytes), checksum])
            case .wrongChecksum: try db.execute(sql: "UPDATE reportCell SET checksum = checksum + 1 WHERE rowid = \(first)")
            case .otherLayout: try db.execute(sql: "UPDATE reportCellState SET layout = layout + 1")
            case .noState: try db.execute(sql: "DELETE FROM reportCellState")
            }
        }
    }

    @Test func aCellDecodesToWhatItWasEncodedFrom() throws {
        var random = SplitMix64(seed: Self.seed)
        let (test, _) = try SinglePassReportTests.stores()
        try SinglePassReportTests.randomWrites(to: test.store, ids: try test.store.complaints().map(\.id), count: 200, &random)
        try test.store.refreshReportCells(limit: .max, now: TestStore.day("2020-01-15"))
        let columns = KPIReporter.ScanColumns(KPIReporter.totalsColumns(now: KPIReporter.dusk))
        let rows = try test.store.readOnlyTransaction { db in try Row.fetchAll(db, sql: "SELECT division, month, category, channel, data FROM reportCell") }
        var withTimes = 0, withRootCauses = 0
        for row in rows {
            let bytes = [UInt8](row[4] as Data)
            let cell = try ReportCell(division: row[0], month: row[1], category: row[2], channel: row[3], decoding: bytes,
                                      counts: columns.flags.count, sums: columns.sums.count)
            #expect(cell.encoded() == bytes)
            // Added to sums that are not empty, it adds up.
            var twice = cell.sums
            let decoded = try ReportCell.add(decoding: bytes, to: &twice, holdingAt: cell.settledAfter)
            #expect(decoded?.complaints == cell.sums.counts[0] && decoded?.unsettled == cell.unsettled)
            #expect(twice.counts == cell.sums.counts.map { $0 * 2 } && twice.ackTimes == cell.sums.ackTimes + cell.sums.ackTimes)
            #expect(twice.rootCauses == cell.sums.rootCauses.mapValues { $0 * 2 })
            // Not yet holding: nothing added.
            var untouched = cell.sums
            if cell.settledAfter != .min {
                #expect(try ReportCell.add(decoding: bytes, to: &untouched, holdingAt: cell.settledAfter - 1) == nil)
                #expect(untouched == cell.sums)
            }
            if !cell.sums.ackTimes.isEmpty { withTimes += 1 }
            if !cell.sums.rootCauses.isEmpty { withRootCauses += 1 }
        }
        #expect(rows.count > 20 && withTimes > 5 && withRootCauses > 0,
                "\(rows.count) cells, \(withTimes) with durations, \(withRootCauses) with root causes")
    }

    @Test func aStaleMonthAndTheCellsOfANewStoreAreReadFromTheComplaints() throws {
        let (test, _) = try SinglePassReportTests.stores()
        let store = test.store
        let reporter = KPIReporter(grouping: .division, scope: ReportScope(), now: TestStore.now)
        // Never built: no cells, and a refresh that may not start over does nothing.
        #expect(try store.readOnlyTransaction { db in try reporter.groupsFromCells(db) } == nil)
        #expect(try store.refreshReportCells(limit: .max, startOver: false) == ReportCellProgress(summed: 0, remaining: nil))
        let built = try store.refreshReportCells(limit: .max)
        #expect(built.startedOver && built.summed > 0 && built.remaining == 0)
        // A new complaint makes its month stale, in the write's own transaction; the report counts it at once.
        let before = try Self.cellContents(store)
        try store.write(user: "agent") { tx in
            _ = try tx.createComplaint(NewComplaint(channel: "email", complainant: .init(name: "A", contact: "a@example.org"),
                                                    product: "Current account", category: "fees", description: "Late",
                                                    requestedRemedy: "refund", division: "north", receivedAt: TestStore.day("2019-10-03")))
        }
        #expect(try Self.cellContents(store).stale == before.stale + 1)
        let (cells, reference) = try store.readOnlyTransaction { db in (try reporter.groupsFromCells(db), try reporter.groupsByAggregation(db)) }
        #expect(cells == reference)
        #expect(try store.refreshReportCells(limit: .max) == ReportCellProgress(summed: 1, remaining: 0))
    }

    @Test func aPeriodSplitsIntoWholeMonthsAndParts() {
        let day = TestStore.day
        // Whole months only
        var split = ReportMonth.split(from: day("2019-10-01"), until: day("2019-12-01"))
        #expect(split.first == "2019-10" && split.last == "2019-11" && split.partial.isEmpty)
        // A part at each end
        split = ReportMonth.split(from: day("2019-10-15"), until: day("2019-12-20"))
        #expect(split.first == "2019-11" && split.last == "2019-11")
        #expect(split.partial.map(\.month) == ["2019-10", "2019-12"])
        #expect(split.partial.map(\.from) == [day("2019-10-15"), day("2019-12-01")])
        #expect(split.partial.map(\.until) == [day("2019-11-01"), day("2019-12-20")])
        // Within one month: one part, no whole month
        split = ReportMonth.split(from: day("2019-10-05"), until: day("2019-10-20"))
        #expect(split.partial.map(\.month) == ["2019-10"] && split.partial.first?.until == day("2019-10-20"))
        #expect(split.first! > split.last!)
        // From a month's start to within it: the part is the period, no whole month
        split = ReportMonth.split(from: day("2019-11-01"), until: day("2019-11-20"))
        #expect(split.partial.map(\.month) == ["2019-11"] && split.partial.map(\.from) == [day("2019-11-01")])
        #expect(split.partial.map(\.until) == [day("2019-11-20")] && split.first! > split.last!)
        // Unbounded on either side
        split = ReportMonth.split(from: nil, until: day("2020-01-10"))
        #expect(split.first == nil && split.last == "2019-12" && split.partial.map(\.month) == ["2020-01"])
        split = ReportMonth.split(from: day("2019-12-31"), until: nil)
        #expect(split.first == "2020-01" && split.last == nil && split.partial.map(\.until) == [day("2020-01-01")])
        // Months across a year's end, and malformed names
        #expect(ReportMonth.end(of: "2019-12") == day("2020-01-01") && ReportMonth.quarter(of: "2019-12") == "2019-Q4")
        #expect(ReportMonth.start(of: "2019-13") == nil && ReportMonth.start(of: "19-1") == nil)
    }

    // MARK: - Helpers

    /// From the whole period to part of one month, often month-aligned, with or without one division.
    static func randomScope(divisions: [String], _ random: inout SplitMix64) -> ReportScope {
        let days = ["2019-09-01", "2019-10-01", "2019-10-15", "2019-11-01", "2019-11-20", "2019-12-01", "2020-01-01", "2020-02-01"]
        let division = random.next() % 2 == 0 ? nil : divisions.randomElement(using: &random)
        let from = Int(random.next() % UInt64(days.count - 1))
        let until = from + 1 + Int(random.next() % UInt64(days.count - 1 - from))
        switch random.next() % 5 {
        case 0: return ReportScope(division: division)
        case 1: return ReportScope(from: TestStore.day(days[from]), division: division)
        case 2: return ReportScope(until: TestStore.day(days[until]), division: division)
        default: return ReportScope(from: TestStore.day(days[from]), until: TestStore.day(days[until]), division: division)
        }
    }

    /// How many complaints the cells sum (open ones among them) and list as
    /// unsettled, how many cells hold only from their refresh on, and how many (division, month)s are stale.
    static func cellContents(_ store: RedressStore) throws -> (summed: Int, unsettled: Int, stale: Int, summedOpen: Int, settledLater: Int) {
        try store.readOnlyTransaction { db in
            let columns = KPIReporter.ScanColumns(KPIReporter.totalsColumns(now: KPIReporter.dusk))
            let backlog = columns.flags.firstIndex(of: \.backlog)!
            var summed = 0, unsettled = 0, summedOpen = 0, settledLater = 0
            for row in try Row.fetchAll(db, sql: "SELECT division, month, category, channel, data FROM reportCell") {
                let cell = try ReportCell(division: row[0], month: row[1], category: row[2], channel: row[3],
                                          decoding: [UInt8](row[4] as Data), counts: columns.flags.count, sums: columns.sums.count)
                summed += cell.sums.counts[0]
                unsettled += cell.unsettled.count
                summedOpen += cell.sums.counts[backlog]
                if cell.settledAfter != .min { settledLater += 1 }
            }
            return (summed, unsettled, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reportCellStale") ?? 0, summedOpen, settledLater)
        }
    }
}
