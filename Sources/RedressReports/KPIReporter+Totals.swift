import GRDB
import RedressModel
import RedressStore

/// The totals pass: every count and share denominator of docs/KPIS.md, in
/// one statement over the cohort.
extension KPIReporter {
    /// One group's counts.
    struct Totals {
        var group: String
        var complaints = 0, backlog = 0, overdue = 0
        var ackJudged = 0, ackOnTime = 0
        var resolvedJudged = 0, resolvedOnTime = 0
        var escalationJudged = 0, escalationOnTime = 0
        var firstContactJudged = 0, firstContact = 0
        var level2 = 0, level3 = 0, level4 = 0
        var ended = 0, reopened = 0
        var referable = 0, referred = 0
        var csatCount = 0, csatSum = 0, csatScores = [0, 0, 0, 0, 0]
        var npsCount = 0, promoters = 0, detractors = 0
        /// Values behind the time percentiles.
        var ackTimes = 0, resolveTimes = 0
        var withOutcome = 0, upheld = 0
    }

    /// One column of the totals statement: what it counts, and the count it fills.
    struct TotalsColumn {
        enum Kind {
            /// The complaints for which the SQL condition holds.
            case count(when: String)
            /// The sum of an integer SQL expression (NULL adds nothing).
            case sum(of: String)
        }

        let kind: Kind
        let count: WritableKeyPath<Totals, Int>

        static func count(when condition: String, _ count: WritableKeyPath<Totals, Int>) -> TotalsColumn {
            TotalsColumn(kind: .count(when: condition), count: count)
        }

        static func sum(of expression: String, _ count: WritableKeyPath<Totals, Int>) -> TotalsColumn {
            TotalsColumn(kind: .sum(of: expression), count: count)
        }

        /// As an aggregate over the group. `COUNT(CASE WHEN condition THEN 1
        /// END)` rather than `SUM(condition)`: the same number (a false or
        /// NULL condition counts nothing), and SQLite's COUNT step is cheaper.
        var aggregateSQL: String {
            switch kind {
            case .count(let condition): "COUNT(CASE WHEN \(condition) THEN 1 END)"
            case .sum(let expression): "COALESCE(SUM(\(expression)), 0)"
            }
        }
    }

    /// The outcomes `upheld_rate` counts as upheld, as SQL.
    static let upheldOutcomes = Outcome.allCases.filter(\.countsAsUpheld).map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// Every column of the totals statement, in order: the SQL and the reader
    /// are both made from this list. `now` is Unix ms; `judged` has the
    /// cohort's columns plus `isResolved` and `verdict` (a timeliness tag's).
    /// `overdue` names the cohort's column that says whether a complaint is
    /// overdue at `now`.
    static func totalsColumns(now: Int64, overdue: String = "overdue") -> [TotalsColumn] {
        let withdrawn = StageSQL.rank(isNot: .withdrawn)
        return [
            .count(when: "1", \.complaints),
            .count(when: StageSQL.isOpen, \.backlog),
            .count(when: overdue, \.overdue),
            .count(when: "gen = 0 AND ackDueAt IS NOT NULL AND (ackAt IS NOT NULL OR (ackDueAt < \(now) AND \(withdrawn)))", \.ackJudged),
            .count(when: "gen = 0 AND ackDueAt IS NOT NULL AND ackAt <= ackDueAt", \.ackOnTime),
            .count(when: "\(withdrawn) AND respondDueAt IS NOT NULL AND (isResolved OR verdict IS NOT NULL OR (respondDueAt < \(now) AND NOT \(StageSQL.isWaitingOnHold)))",
                   \.resolvedJudged),
            .count(when: "\(withdrawn) AND respondDueAt IS NOT NULL AND CASE WHEN isResolved THEN resolvedAt <= respondDueAt ELSE verdict = 2 END",
                   \.resolvedOnTime),
            .count(when: "\(withdrawn) AND escalationDueAt IS NOT NULL AND (isResolved OR (escalationDueAt < \(now) AND NOT \(StageSQL.isWaitingOnHold)))",
                   \.escalationJudged),
            .count(when: "\(withdrawn) AND escalationDueAt IS NOT NULL AND isResolved AND resolvedAt <= escalationDueAt", \.escalationOnTime),
            .count(when: "\(StageSQL.rank(in: StageSQL.endedWithAnswer)) AND firstContact IS NOT NULL", \.firstContactJudged),
            .count(when: "\(StageSQL.rank(is: .closed)) AND firstContact = 1 AND gen = 0", \.firstContact),
            .count(when: "level >= \(EscalationLevel.supervisor.rawValue)", \.level2),
            .count(when: "level >= \(EscalationLevel.management.rawValue)", \.level3),
            .count(when: "level >= \(EscalationLevel.externalDisputeResolution.rawValue)", \.level4),
            .count(when: "gen >= 1 OR \(StageSQL.rank(atLeast: .closed))", \.ended),
            .count(when: "gen >= 1", \.reopened),
            .count(when: "\(withdrawn) AND (\(StageSQL.rank(in: StageSQL.resolvedStages)) OR gen >= 1 OR referredAt IS NOT NULL)", \.referable),
            .count(when: "\(withdrawn) AND (\(StageSQL.rank(is: .referred)) OR referredAt IS NOT NULL)", \.referred),
            .count(when: "csat IS NOT NULL", \.csatCount),
            .sum(of: "csat", \.csatSum),
        ] + (1...5).map { score in .count(when: "csat = \(score)", \Totals.csatScores[score - 1]) } + [
            .count(when: "nps IS NOT NULL", \.npsCount),
            .count(when: "nps >= 9", \.promoters),
            .count(when: "nps <= 6", \.detractors),
            .count(when: "ackAt IS NOT NULL", \.ackTimes),
            .count(when: "isResolved", \.resolveTimes),
            .count(when: "outcome IS NOT NULL", \.withOutcome),
            .count(when: "outcome IN (\(upheldOutcomes))", \.upheld),
        ]
    }

    /// The cohort with the two facts the totals judge by: `isResolved`, and
    /// `verdict` (a timeliness tag's: 2 timely, 1 late) for a complaint whose
    /// resolution time is unknown, as common table expressions ending in `judged`.
    ///
    /// `verdicts`: whether the store has timeliness tags at all (`hasVerdicts`).
    func judged(_ source: Source = .report, overdueAlso: [OverdueColumn] = [], verdicts: Bool) -> (sql: String, arguments: StatementArguments) {
        let cohort = self.cohort(source, overdueAlso: overdueAlso)
        // A timeliness tag is looked up only for complaints whose resolution
        // time is unknown (CASE evaluates lazily): imports from sources that
        // give a verdict but no date. A store without such tags skips the
        // lookups altogether.
        let verdict = verdicts ? """
            (SELECT MAX(CASE tag WHEN '\(TimelinessTag.timely.rawValue)' THEN 2 WHEN '\(TimelinessTag.late.rawValue)' THEN 1 END)
             FROM tag WHERE tag.complaint = (SELECT id FROM complaint AS c WHERE c.rid = cohort.rid) AND tag.removed = 0
               AND tag.tag IN (\(TimelinessTag.sqlList)))
            """ : "NULL"
        let sql = """
            \(cohort.sql),
            judged AS (
                SELECT *,
                    \(StageSQL.isResolved) AS isResolved,
                    CASE WHEN \(StageSQL.isResolved) THEN NULL ELSE \(verdict) END AS verdict
                FROM cohort
            )
            """
        return (sql, cohort.arguments)
    }

    /// Whether any complaint has a timeliness tag (`judged`).
    static func hasVerdicts(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM tag WHERE tag IN (\(TimelinessTag.sqlList)) AND removed = 0)
            """) ?? true
    }

    /// One aggregation over the cohort, one row per group (the reference
    /// computation's totals; `scan` counts the same columns in one pass).
    func totals(_ db: Database) throws -> [Totals] {
        let judged = self.judged(verdicts: try Self.hasVerdicts(db))
        let columns = Self.totalsColumns(now: now)
        let sql = """
            WITH \(judged.sql)
            SELECT grp, \(columns.map(\.aggregateSQL).joined(separator: ",\n    "))
            FROM judged GROUP BY grp ORDER BY grp
            """
        let rows = try Row.fetchCursor(db, sql: sql, arguments: judged.arguments)
        var result: [Totals] = []
        while let row = try rows.next() {
            var totals = Totals(group: row[0] as String? ?? "(none)")
            for (offset, column) in columns.enumerated() { totals[keyPath: column.count] = (row[offset + 1] as Int?) ?? 0 }
            result.append(totals)
        }
        return result
    }
}
