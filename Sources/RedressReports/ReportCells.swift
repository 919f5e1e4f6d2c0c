import Foundation
import GRDB
import RedressStore

/// What one refresh of the report cells did.
public struct ReportCellProgress: Sendable, Equatable {
    /// (division, month)s summed again.
    public var summed = 0
    /// (division, month)s still stale; nil when the cells are not built (and were not started).
    public var remaining: Int? = 0
    /// Whether the cells were started over (missing, of another layout, or damaged).
    public var startedOver = false
}

/// Keeps the report cells (`ReportCell`) current: sums the stale
/// (division, month)s again, a few at a time, and starts over when the cells
/// are missing, of another layout, or damaged. Every write transaction here is
/// short, so that the node's writers wait for it at most milliseconds.
enum ReportCells {
    /// Sums up to `limit` stale (division, month)s again, in one
    /// transaction, as they are at `now` (Unix ms); when the cells are not
    /// usable, starts them over first if `startOver`, else does nothing.
    static func refresh(limit: Int, startOver: Bool, now: Int64, _ db: Database) throws -> ReportCellProgress {
        var progress = ReportCellProgress()
        var cells: Int
        if try KPIReporter.cellsAreUsable(db) {
            cells = try Int.fetchOne(db, sql: "SELECT cells FROM reportCellState WHERE id = 1") ?? 0
        } else {
            guard startOver else {
                progress.remaining = nil
                return progress
            }
            try self.startOver(db)
            cells = 0
            progress.startedOver = true
        }
        let verdicts = try KPIReporter.hasVerdicts(db)
        let stale = try Row.fetchAll(db, sql: "SELECT division, month FROM reportCellStale LIMIT ?", arguments: [limit])
        for row in stale {
            let division: String = row[0], month: String = row[1]
            try db.execute(sql: "DELETE FROM reportCell WHERE month = ? AND division = ?", arguments: [month, division])
            cells -= db.changesCount
            for cell in try KPIReporter.cells(division: division, month: month, now: now, verdicts: verdicts, db) {
                let bytes = cell.encoded()
                try db.execute(sql: """
                    INSERT INTO reportCell (division, month, category, channel, data, checksum) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [division, month, cell.category, cell.channel, Data(bytes), RedressStore.derivedChecksum(bytes)])
                cells += 1
            }
            try db.execute(sql: "DELETE FROM reportCellStale WHERE division = ? AND month = ?", arguments: [division, month])
            progress.summed += 1
        }
        try db.execute(sql: "UPDATE reportCellState SET cells = ? WHERE id = 1", arguments: [cells])
        progress.remaining = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reportCellStale") ?? 0
        return progress
    }

    /// No cells, every (division, month) that has a complaint stale, this build's layout.
    private static func startOver(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM reportCell;
            DELETE FROM reportCellStale;
            INSERT INTO reportCellStale (division, month)
                SELECT DISTINCT division, \(ReportGrouping.month.sqlExpression) FROM complaint
                WHERE division IS NOT NULL AND receivedAt IS NOT NULL;
            INSERT OR REPLACE INTO reportCellState (id, layout, cells) VALUES (1, ?, 0);
            """, arguments: [KPIReporter.cellLayout])
    }

    /// Marks the cells for a new start (a damaged cell was found): the next refresh sums them all again.
    static func discard(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM reportCellState")
    }
}
