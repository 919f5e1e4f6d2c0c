import Foundation
import GRDB
import RedressModel
import RedressStore

/// Reports from the report cells (`ReportCell`, docs/ARCHITECTURE.md,
/// "Report cells"): the same figures as `groups`, from the cells' sums plus
/// the complaints no usable cell holds, read as the single pass reads them.
///
/// The complaints of a scope are, exactly once each:
/// - summed in a cell of a month the scope covers whole, not stale;
/// - listed as unsettled in such a cell (read from the open-complaints
///   index if open, else by row id);
/// - without a division (no cell holds them);
/// - in a stale (division, month), one summed after the report's "now", or
///   a month the scope covers only in part (read by division and date
///   range, for every division that has complaints).
///
/// Every part is read in the one read transaction, so the figures are those
/// of one state: a write that makes a cell stale marks it in its own
/// transaction (the triggers of migration v14).
extension KPIReporter {
    /// More stale or partly covered (division, month)s than this in a scope,
    /// and the report reads the complaints in one pass instead (as while the
    /// cells are first built): one range read each costs more than a pass
    /// over the covering index by then.
    static let rangeLimit = 2_000

    /// The cells' layout: a hash of the statement that sums them and of
    /// their encoding's version. Cells of another layout (summed by a build
    /// with other rules) are never used, and are summed again.
    static let cellLayout: Int64 = {
        let reporter = KPIReporter(grouping: .month, scope: ReportScope(), now: dusk)
        var text = "cells \(ReportCell.version)\n"
        text += reporter.cellStatement(division: "", month: (0, 0), summedAt: 0, verdicts: true).sql
        return RedressStore.derivedChecksum(Array(text.utf8))
    }()

    /// The groups from the cells, or nil when the cells are not built, not of
    /// this layout, incomplete, or too stale for this scope.
    ///
    /// - Throws: `ReportCellError` for a damaged cell.
    func groupsFromCells(_ db: Database) throws -> [GroupKPIs]? {
        guard scope.divisionRange == nil, try Self.cellsAreUsable(db) else { return nil }
        let columns = ScanColumns(Self.totalsColumns(now: now))
        let counted = try countedMonths(db)
        var pass = Pass(columns, countedMonths: counted.isEmpty ? nil : counted)
        let verdicts = try Self.hasVerdicts(db)
        let split = ReportMonth.split(from: scope.from, until: scope.until)
        let stale = try Self.staleMonths(db)

        // Ranges read from the complaints: stale months the scope covers whole, and every part month.
        var ranges: [(division: String, from: Int64, until: Int64)] = []
        for key in stale where scope.division.map({ $0 == key.division }) ?? true
            && split.first.map({ key.month >= $0 }) ?? true && split.last.map({ key.month <= $0 }) ?? true {
            // A month no cell can be summed for (a receipt time out of range): the report reads every complaint.
            guard let range = key.range else { return nil }
            ranges.append(range)
        }
        if !split.partial.isEmpty {
            // Every division's complaints of a part month, whether or not a cell holds some of them.
            let divisions = try scope.division.map { [$0] } ?? Self.complaintDivisions(db)
            for part in split.partial {
                ranges += divisions.map { ($0, part.from, part.until) }
            }
        }
        guard ranges.count <= Self.rangeLimit else { return nil }

        // The cells of the months the scope covers whole, but for months summed
        // after this report's "now": read from the complaints like stale ones.
        var summedLater: Set<MonthKey> = []
        var unsettled: [Int64] = []
        if split.first.flatMap({ first in split.last.map { first > $0 } }) != true {
            var terms: [String] = []
            var arguments: StatementArguments = []
            if let first = split.first { terms.append("month >= ?"); arguments += [first] }
            if let last = split.last { terms.append("month <= ?"); arguments += [last] }
            if let division = scope.division { terms.append("division = ?"); arguments += [division] }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT division, month, category, channel, data, checksum FROM reportCell
                \(terms.isEmpty ? "" : "WHERE " + terms.joined(separator: " AND "))
                """, arguments: arguments)
            while let row = try rows.next() {
                let division: String = row[0], month: String = row[1]
                if stale.contains(MonthKey(division: division, month: month)) { continue }
                let bytes = [UInt8](row[4] as Data)
                guard RedressStore.derivedChecksum(bytes) == row[5] else { throw ReportCellError.damaged("its checksum does not match") }
                let category: String? = row[2], channel: String? = row[3]
                let group = ReportCell.group(grouping, division: division, month: month, category: category, channel: channel)
                guard let listed = try pass.add(cell: bytes, division: division, month: month, category: category, channel: channel,
                                                as: group, holdingAt: now) else {
                    summedLater.insert(MonthKey(division: division, month: month))
                    continue
                }
                unsettled += listed
            }
        }

        for key in summedLater {
            guard let range = key.range else { return nil }
            ranges.append(range)
        }
        guard ranges.count <= Self.rangeLimit else { return nil }

        if scope.division == nil {
            try read(Source(index: "complaint_division_receivedAt", condition: "division IS NULL"), into: &pass, verdicts: verdicts, db)
        }
        for range in ranges {
            try read(Self.cellSource(division: range.division, from: range.from, until: range.until), into: &pass, verdicts: verdicts, db)
        }
        if !unsettled.isEmpty {
            // Mostly open complaints still within a promise: those from the
            // covering open-complaints index (one pass over its entries, no row
            // read), the few others by row id.
            let list = "[" + unsettled.map(String.init).joined(separator: ",") + "]"
            let listed = "rid IN (SELECT value FROM json_each(?))"
            try read(Source(index: "complaint_open", condition: "\(RedressStore.openCondition) AND \(listed)", arguments: [list]),
                     into: &pass, verdicts: verdicts, db)
            try read(Source(index: nil, condition: "(stage IS NULL OR NOT \(RedressStore.openCondition)) AND \(listed)", arguments: [list]),
                     into: &pass, verdicts: verdicts, db)
        }
        let numerators = pass.numerators ?? [:]
        return figures(try pass.aggregates(), customers: try customerCounts(db, numerators: numerators))
    }

    /// A (division, month of receipt).
    struct MonthKey: Hashable {
        var division: String
        var month: String

        /// Its complaints as the range a report reads: the division and the
        /// month's Unix ms [from, until); nil for a malformed month.
        var range: (division: String, from: Int64, until: Int64)? {
            guard let start = ReportMonth.start(of: month), let end = ReportMonth.end(of: month) else { return nil }
            return (division, start, end)
        }
    }

    /// The divisions that have complaints, one index seek each (a skip
    /// scan over complaint_division_receivedAt, not a pass over it).
    static func complaintDivisions(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            WITH RECURSIVE next(division) AS (
                SELECT MIN(division) FROM complaint
                UNION ALL
                SELECT (SELECT MIN(division) FROM complaint WHERE division > next.division) FROM next
                WHERE next.division IS NOT NULL
            )
            SELECT division FROM next WHERE division IS NOT NULL
            """)
    }

    static func staleMonths(_ db: Database) throws -> Set<MonthKey> {
        Set(try Row.fetchAll(db, sql: "SELECT division, month FROM reportCellStale").map { MonthKey(division: $0[0], month: $0[1]) })
    }

    /// Built, of this layout, and complete: as many cells as the build counted (a lost row is damage).
    static func cellsAreUsable(_ db: Database) throws -> Bool {
        guard let state = try Row.fetchOne(db, sql: "SELECT layout, cells FROM reportCellState WHERE id = 1"),
              state[0] as Int64 == cellLayout else { return false }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reportCell") == state[1] as Int
    }

    // MARK: - Summing cells

    /// The statement that reads one (division, month)'s complaints for its
    /// cells: the pass's columns at the end of time, then the row id, the
    /// counted conditions before every due time, and at `summedAt`.
    fileprivate func cellStatement(division: String, month: (from: Int64, until: Int64), summedAt: Int64,
                                   verdicts: Bool) -> (sql: String, arguments: StatementArguments) {
        let overdue = [OverdueColumn(name: "overdueAtDawn", at: Self.dawn), OverdueColumn(name: "overdueWhenSummed", at: summedAt)]
        let dawn = ScanColumns(Self.totalsColumns(now: Self.dawn, overdue: overdue[0].name))
        let summed = ScanColumns(Self.totalsColumns(now: summedAt, overdue: overdue[1].name))
        return scanSQL(Self.cellSource(division: division, from: month.from, until: month.until), columns: Self.cellColumns,
                       extra: ["rid", dawn.flagsSQL, summed.flagsSQL], overdueAlso: overdue, verdicts: verdicts)
    }

    /// The complaints of one division received in [from, until): what a
    /// month's cells sum, and what a report reads where no usable cell does.
    private static func cellSource(division: String, from: Int64, until: Int64) -> Source {
        Source(index: "complaint_division_receivedAt", condition: "division = ? AND receivedAt >= ? AND receivedAt < ?",
               arguments: [division, from, until])
    }

    private static var cellColumns: ScanColumns { ScanColumns(totalsColumns(now: dusk)) }

    /// The cells of one (division, month), from its complaints, summed at
    /// `now` (Unix ms: the wall clock of the refresh).
    ///
    /// A complaint is summed when its counted conditions are the same at
    /// the end of time as before every due time (the same at every "now"),
    /// or as at `now` (the same at every "now" from then on: each condition
    /// on "now" is a due time passed, which stays true once it is). If any
    /// complaint is summed the second way, every cell of the month says it
    /// holds from `now` on (`settledAfter`): a report with an earlier "now"
    /// reads the month from its complaints. The rest are listed as unsettled.
    static func cells(division: String, month: String, now: Int64, verdicts: Bool, _ db: Database) throws -> [ReportCell] {
        guard let from = ReportMonth.start(of: month), let until = ReportMonth.end(of: month) else { return [] }
        let reporter = KPIReporter(grouping: .month, scope: ReportScope(), now: dusk)
        let statement = reporter.cellStatement(division: division, month: (from, until), summedAt: now, verdicts: verdicts)
        let ridColumn = 10 + cellColumns.sums.count
        struct Key: Hashable { var category: String?, channel: String? }
        var cells: [Key: ReportCell] = [:]
        var settledAfter = Int64.min
        // Not cached: the text holds `now`, so each refresh's is another statement.
        let rows = try Row.fetchCursor(db.makeStatement(sql: statement.sql), arguments: statement.arguments)
        while let row = try rows.next() {
            let key = Key(category: row[4], channel: row[6])
            if cells[key] == nil {
                cells[key] = ReportCell(division: division, month: month, category: key.category, channel: key.channel,
                                        sums: Accumulator(cellColumns))
            }
            let flags: Int64 = row[1], atDawn: Int64 = row[ridColumn + 1], whenSummed: Int64 = row[ridColumn + 2]
            if flags == atDawn || flags == whenSummed {
                try cells[key]!.sums.add(row)
                if flags != atDawn { settledAfter = now }
            } else {
                cells[key]!.unsettled.append(row[ridColumn])
            }
        }
        return cells.values.map { cell in
            var cell = cell
            cell.settledAfter = settledAfter
            return cell
        }
    }
}
