import GRDB
import RedressModel
import RedressStore

/// Computes every group's KPIs (docs/KPIS.md) on one read transaction.
///
/// `groups` reads the cohort once (`scan`, KPIReporter+Scan.swift): SQLite
/// evaluates the rules per complaint, Swift adds up and keeps the durations
/// behind the percentiles (8 bytes each, so memory grows with the cohort,
/// about 16 MB a million complaints). A second statement counts customer
/// rates' numerators per (division, month) that has a customer count.
/// `groupsByAggregation` computes the same figures with one SQL aggregation
/// per kind of figure (SQLite counting and sorting, memory per group only):
/// slower, and the reference the pass is tested against.
///
/// Every pass reads the `complaint_report` index (migration v4), which holds
/// exactly the columns read here in (division, category, root cause,
/// channel) order, never the wide table: a tenth of the bytes, and grouped by
/// division without a sort. See docs/BENCHMARKS.md, "Reports".
struct KPIReporter {
    let grouping: ReportGrouping
    let scope: ReportScope
    /// Unix ms: what "now" means for backlog, overdue and due times.
    let now: Int64

    init(grouping: ReportGrouping, scope: ReportScope, now: Int64) {
        self.grouping = grouping
        self.scope = scope
        self.now = now
    }

    /// The group column. By division it is the bare column, in the index's
    /// order, so that SQLite groups and orders without sorting; a complaint
    /// without a division comes back NULL (sorting first, as "(none)" would)
    /// and is named "(none)" when rows are read.
    private var groupExpression: String {
        grouping == .division ? "division" : grouping.sqlExpression
    }

    /// Which rows of the scope a pass reads, and how: the whole scope from the
    /// covering index (a report), or a part of it that the report cells do
    /// not hold (`KPIReporter+Cells.swift`), with the index that finds it.
    struct Source {
        /// The index SQLite must read (`INDEXED BY`), or nil for its own choice.
        var index: String?
        /// More `WHERE` terms, ANDed with the scope's.
        var condition: String?
        var arguments: [any DatabaseValueConvertible] = []

        /// The whole scope, from the covering index (`rid` is in every index
        /// entry; the complaint's id is looked up by it only where a
        /// timeliness tag may count).
        static var report: Source { Source(index: "complaint_report") }
    }

    /// The filtered complaints with their group, as a common table expression.
    ///
    /// `overdueAlso` adds columns: `overdue` as it is at other instants,
    /// named, for the report cells' test of whether a complaint's counts
    /// depend on "now" (`KPIReporter+Cells.swift`).
    func cohort(_ source: Source = .report, overdueAlso: [OverdueColumn] = []) -> (sql: String, arguments: StatementArguments) {
        let conditions = scope.complaintConditions
        var arguments = conditions.arguments
        if !source.arguments.isEmpty { arguments += StatementArguments(source.arguments) }
        let sql = """
            cohort AS (
                SELECT \(groupExpression) AS grp, rid, division, receivedAt, channel, category, rootCause,
                       COALESCE(level, 1) AS level, \(StageSQL.rank("stage")) AS rank, \(StageSQL.generation("stage")) AS gen,
                       CASE WHEN COALESCE(stage, 0) < \(StageState.generationStride) THEN COALESCE(acknowledgedAt, closedAt) END AS ackAt, COALESCE(respondedAt, closedAt) AS resolvedAt,
                       -- A reopened complaint's acknowledgedAt may be its re-acknowledgement:
                       -- acknowledgement KPIs leave reopened complaints out (docs/KPIS.md).
                       acknowledgedAt, ackDueAt, respondDueAt, referredAt, firstContact, csat, nps,
                       (\(HoldState.heldSQL())) AS held, outcome, remedy, redressCurrency, redressMinor, escalationDueAt,
                       (\(RedressStore.overdueCondition(at: now))) AS overdue\(overdueAlso.map { ",\n       (\(RedressStore.overdueCondition(at: $0.at))) AS \($0.name)" }.joined())
                FROM complaint\(source.index.map { " INDEXED BY \($0)" } ?? "") WHERE \(conditions.sql)\(source.condition.map { " AND \($0)" } ?? "")
            )
            """
        return (sql, arguments)
    }

    /// A cohort column that says whether a complaint is overdue at instant `at`.
    struct OverdueColumn {
        var name: String
        var at: Int64
    }

    /// "Now" before every due time, and at the end of time: a complaint whose
    /// counts are the same at both is counted the same at every "now" (each
    /// condition on "now" is a due time passed, true from some instant on).
    static let dawn = Int64.min + 1, dusk = Int64.max

    /// What the figures are made from, however it was computed: the totals,
    /// the time percentiles, the breakdowns, the remedies and the redress paid,
    /// per group.
    struct Aggregates {
        var totals: [Totals]
        var ackTimes: [String: Quantiles]
        var resolveTimes: [String: Quantiles]
        var categories: [String: [String: Int]]
        var rootCauses: [String: [String: Int]]
        var channels: [String: [String: Int]]
        var remedies: [String: [String: Int]]
        var redress: [String: [RedressPaid]]
    }

    /// Every group's KPIs, from one pass over the cohort (`scan`, in
    /// KPIReporter+Scan.swift) and the customer counts.
    func groups(_ db: Database) throws -> [GroupKPIs] {
        figures(try scan(db), customers: try customerCounts(db))
    }

    /// The same figures computed the straightforward way: one SQL aggregation
    /// per kind of figure, each a pass over the cohort, with SQLite sorting
    /// for the percentiles. Slower (several passes and sorts), and kept as
    /// the reference that the single pass is tested against
    /// (`SinglePassReportTests`).
    func groupsByAggregation(_ db: Database) throws -> [GroupKPIs] {
        let totals = try self.totals(db)
        let ackTimes = try percentiles(of: "ackAt - receivedAt", where: "ackAt IS NOT NULL",
                                       counts: totals.map { ($0.group, $0.ackTimes) }, db)
        let resolveTimes = try percentiles(of: "resolvedAt - receivedAt", where: StageSQL.isResolved,
                                           counts: totals.map { ($0.group, $0.resolveTimes) }, db)
        let (categories, rootCauses, channels) = try breakdowns(db)
        let aggregates = Aggregates(totals: totals, ackTimes: ackTimes, resolveTimes: resolveTimes, categories: categories,
                                    rootCauses: rootCauses, channels: channels, remedies: try remedyCounts(db),
                                    redress: try redressPaid(db))
        return figures(aggregates, customers: try customerCounts(db))
    }

    func figures(_ aggregates: Aggregates, customers: Customers) -> [GroupKPIs] {
        let (ackTimes, resolveTimes, remedies, redress) = (aggregates.ackTimes, aggregates.resolveTimes, aggregates.remedies, aggregates.redress)
        let (categories, rootCauses, channels) = (aggregates.categories, aggregates.rootCauses, aggregates.channels)
        return aggregates.totals.map { row in
            let n = row.complaints
            func share(_ kpi: KPI, _ numerator: Int, _ denominator: Int) -> Figure {
                Figure(kpi, sample: denominator) { Double(numerator) / Double(denominator) }
            }
            var figures: [KPI: Figure] = [:]
            let ack = ackTimes[row.group] ?? Quantiles(count: 0, median: 0, p90: 0)
            figures[.ackHoursMedian] = Figure(.ackHoursMedian, sample: ack.count) { Double(ack.median) / 3_600_000 }
            figures[.ackHoursP90] = Figure(.ackHoursP90, sample: ack.count) { Double(ack.p90) / 3_600_000 }
            let resolve = resolveTimes[row.group] ?? Quantiles(count: 0, median: 0, p90: 0)
            figures[.resolveDaysMedian] = Figure(.resolveDaysMedian, sample: resolve.count) { Double(resolve.median) / 86_400_000 }
            figures[.resolveDaysP90] = Figure(.resolveDaysP90, sample: resolve.count) { Double(resolve.p90) / 86_400_000 }
            figures[.ackWithinPromise] = share(.ackWithinPromise, row.ackOnTime, row.ackJudged)
            figures[.resolvedWithinPromise] = share(.resolvedWithinPromise, row.resolvedOnTime, row.resolvedJudged)
            figures[.escalationWithinPromise] = share(.escalationWithinPromise, row.escalationOnTime, row.escalationJudged)
            figures[.firstContactResolution] = share(.firstContactResolution, row.firstContact, row.firstContactJudged)
            figures[.escalationRate] = share(.escalationRate, row.level2, n)
            figures[.reachedLevel2] = share(.reachedLevel2, row.level2, n)
            figures[.reachedLevel3] = share(.reachedLevel3, row.level3, n)
            figures[.reachedLevel4] = share(.reachedLevel4, row.level4, n)
            figures[.reopenRate] = share(.reopenRate, row.reopened, row.ended)
            figures[.referralRate] = share(.referralRate, row.referred, row.referable)
            figures[.upheldRate] = share(.upheldRate, row.upheld, row.withOutcome)
            figures[.csatMean] = Figure(.csatMean, sample: row.csatCount) { Double(row.csatSum) / Double(row.csatCount) }
            figures[.nps] = Figure(.nps, sample: row.npsCount) {
                100 * Double(row.promoters - row.detractors) / Double(row.npsCount)
            }
            let groupCustomers = customers.denominator(row.group)
            figures[.complaintsPer1000Customers] = Figure(.complaintsPer1000Customers, sample: groupCustomers ?? 0) {
                1_000 * Double(customers.numerators[row.group] ?? 0) / Double(groupCustomers ?? 1)
            }
            let csatDistribution: [Int: Double]? = row.csatCount >= KPI.minimumSample
                ? Dictionary(uniqueKeysWithValues: (1...5).map { ($0, Figure.round(Double(row.csatScores[$0 - 1]) / Double(row.csatCount), decimals: 4)) })
                : nil
            return GroupKPIs(group: row.group, complaints: n, backlog: row.backlog, overdue: row.overdue,
                             customers: groupCustomers, figures: figures, csatDistribution: csatDistribution,
                             topCategories: ParetoList(counts: categories[row.group] ?? [:], limit: 10),
                             topRootCauses: ParetoList(counts: rootCauses[row.group] ?? [:], limit: 10),
                             channelMix: ParetoList(counts: channels[row.group] ?? [:], limit: nil),
                             remedyMix: ParetoList(counts: remedies[row.group] ?? [:], limit: nil),
                             redressPaid: redress[row.group] ?? [])
        }
    }

    // MARK: - Medians and 90th percentiles

    struct Quantiles {
        var count: Int
        var median: Int64
        var p90: Int64
    }

    /// The 1-based rank ⌈p·n/100⌉ of the nearest-rank p-th percentile of n sorted values (docs/KPIS.md).
    static func nearestRank(_ p: Int, of n: Int) -> Int { (p * n + 99) / 100 }

    /// Nearest-rank median and 90th percentile of `value` per group: the
    /// value at 1-based rank ⌈p·n/100⌉ of the group's sorted values.
    ///
    /// SQLite sorts (an ordered subquery); Swift walks the sorted values once,
    /// keeping only a counter, and picks the two ranks of each group. `counts`
    /// (group, n) come from `totals` on the same snapshot and in the same
    /// order, so the values of each group are recognised by their count alone.
    /// Cheaper than window functions, which buffer every partition.
    private func percentiles(of value: String, where condition: String, counts: [(group: String, n: Int)],
                             _ db: Database) throws -> [String: Quantiles] {
        let cohort = self.cohort()
        let values = try Int64.fetchCursor(db, sql: "WITH \(cohort.sql) SELECT \(value) FROM cohort WHERE \(condition) ORDER BY grp, 1",
                                           arguments: cohort.arguments)
        var result: [String: Quantiles] = [:]
        for (group, n) in counts where n > 0 {
            let medianRank = Self.nearestRank(50, of: n), p90Rank = Self.nearestRank(90, of: n)
            var quantiles = Quantiles(count: n, median: 0, p90: 0)
            for rank in 1...n {
                guard let x = try values.next() else { throw StoreError.corruptRecord(detail: "report: fewer values than counted") }
                if rank == medianRank { quantiles.median = x }
                if rank == p90Rank { quantiles.p90 = x }
            }
            result[group] = quantiles
        }
        return result
    }

    // MARK: - Breakdowns

    /// Complaints per group and category, root cause and channel (NULLs left
    /// out), from one GROUP BY: at most groups × categories × root causes ×
    /// channels rows, whatever the number of complaints.
    private func breakdowns(_ db: Database) throws -> (categories: [String: [String: Int]], rootCauses: [String: [String: Int]],
                                                      channels: [String: [String: Int]]) {
        let cohort = self.cohort()
        let sql = "WITH \(cohort.sql) SELECT grp, category, rootCause, channel, COUNT(*) FROM cohort GROUP BY 1, 2, 3, 4"
        var categories: [String: [String: Int]] = [:], rootCauses: [String: [String: Int]] = [:], channels: [String: [String: Int]] = [:]
        let rows = try Row.fetchCursor(db, sql: sql, arguments: cohort.arguments)
        while let row = try rows.next() {
            let group = row[0] as String? ?? "(none)"
            let count: Int = row[4]
            if let category = row[1] as String? { categories[group, default: [:]][category, default: 0] += count }
            if let rootCause = row[2] as String? { rootCauses[group, default: [:]][rootCause, default: 0] += count }
            if let channel = row[3] as String? { channels[group, default: [:]][channel, default: 0] += count }
        }
        return (categories, rootCauses, channels)
    }

    // MARK: - Outcomes

    /// Resolved complaints per group and remedy: `remedy_mix`.
    private func remedyCounts(_ db: Database) throws -> [String: [String: Int]] {
        let cohort = self.cohort()
        let sql = "WITH \(cohort.sql) SELECT grp, remedy, COUNT(*) FROM cohort WHERE \(StageSQL.isResolved) AND remedy IS NOT NULL GROUP BY 1, 2"
        var counts: [String: [String: Int]] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: cohort.arguments) {
            counts[row[0] as String? ?? "(none)", default: [:]][row[1] as String] = row[2]
        }
        return counts
    }

    /// The redress paid per group and currency: total, and the nearest-rank
    /// median of the complaints that recorded an amount (zero included),
    /// in minor units; SQLite sums integers exactly.
    private func redressPaid(_ db: Database) throws -> [String: [RedressPaid]] {
        let cohort = self.cohort()
        let counted = try Row.fetchAll(db, sql: """
            WITH \(cohort.sql) SELECT grp, redressCurrency, COUNT(*), SUM(redressMinor) FROM cohort
            WHERE redressMinor IS NOT NULL AND redressCurrency IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
            """, arguments: cohort.arguments)
        guard !counted.isEmpty else { return [:] }
        let values = try Int64.fetchCursor(db, sql: """
            WITH \(cohort.sql) SELECT redressMinor FROM cohort
            WHERE redressMinor IS NOT NULL AND redressCurrency IS NOT NULL ORDER BY grp, redressCurrency, redressMinor
            """, arguments: cohort.arguments)
        var result: [String: [RedressPaid]] = [:]
        for row in counted {
            let group = row[0] as String? ?? "(none)", currency: String = row[1], n: Int = row[2], total: Int64 = row[3]
            let medianRank = Self.nearestRank(50, of: n)
            var median: Int64 = 0
            for rank in 1...n {
                guard let x = try values.next() else { throw StoreError.corruptRecord(detail: "report: fewer amounts than counted") }
                if rank == medianRank { median = x }
            }
            result[group, default: []].append(RedressPaid(currency: currency, complaints: n, totalMinor: total,
                                                          medianMinor: n >= KPI.minimumSample ? median : nil))
        }
        return result
    }

    // MARK: - Customers

    struct Customers {
        /// Customers per group (division, month, quarter), or one total for groupings customers are not split by.
        var byGroup: [String: Int] = [:]
        var total: Int?
        /// Complaints per group received in a (division, month) that has a customer count.
        var numerators: [String: Int] = [:]

        func denominator(_ group: String) -> Int? { total ?? byGroup[group] }
    }

    /// The customer counts of the scope, and the numerators: counted here,
    /// or `numerators` when the caller counted them on its own pass
    /// (the report cells, `Pass.numerators`).
    func customerCounts(_ db: Database, numerators: [String: Int]? = nil) throws -> Customers {
        var customers = Customers()
        let conditions = scope.customerConditions
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM customerCount WHERE \(conditions.sql))",
                                arguments: conditions.arguments) == true else { return customers }
        if let expression = grouping.customerGroupExpression {
            let rows = try Row.fetchAll(db, sql: "SELECT \(expression), SUM(customers) FROM customerCount WHERE \(conditions.sql) GROUP BY 1",
                                        arguments: conditions.arguments)
            for row in rows { customers.byGroup[row[0]] = row[1] }
        } else {
            customers.total = try Int.fetchOne(db, sql: "SELECT SUM(customers) FROM customerCount WHERE \(conditions.sql)",
                                               arguments: conditions.arguments)
        }
        if let numerators {
            customers.numerators = numerators
            return customers
        }
        let statement = numeratorStatement
        for row in try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments) {
            customers.numerators[row[0] as String? ?? "(none)"] = row[1]
        }
        return customers
    }

    /// The keys (`division/YYYY-MM`) of the scope's (division, month)s
    /// that have a customer count: a complaint received in one is counted
    /// in its group's numerator.
    func countedMonths(_ db: Database) throws -> Set<String> {
        let conditions = scope.customerConditions
        return Set(try String.fetchAll(db, sql: "SELECT key FROM customerCount WHERE \(conditions.sql)", arguments: conditions.arguments))
    }

    /// Complaints per group received in a (division, month) with a customer count.
    ///
    /// Grouped by division, month or quarter, the group follows from the
    /// division and receipt time alone: for each counted month (key
    /// `division/YYYY-MM`), a range count on the (division, receivedAt) index,
    /// never a per-complaint date conversion. Grouped by category or channel,
    /// each complaint's month is looked up by key in customerCount's unique index.
    private var numeratorStatement: (sql: String, arguments: StatementArguments) {
        switch grouping {
        case .division, .month, .quarter:
            // Only the counted months the scope touches, their bounds computed
            // once each: else every counted month of every division is joined
            // with the scope's whole cohort, one date conversion per complaint
            // each time (1.2 s for three months of a division of 250,000).
            let (counted, received) = (scope.customerConditions, scope.complaintConditions)
            let sql = """
                WITH counted AS MATERIALIZED (
                    SELECT substr(key, 1, length(key) - 8) AS division,
                           strftime('%s', substr(key, -7) || '-01') * 1000 AS start,
                           strftime('%s', substr(key, -7) || '-01', '+1 month') * 1000 AS end
                    FROM customerCount WHERE \(counted.sql)
                ),
                received AS (
                    SELECT \(groupExpression) AS grp, division, receivedAt
                    FROM complaint INDEXED BY complaint_division_receivedAt WHERE \(received.sql)
                )
                SELECT grp, COUNT(*) FROM counted CROSS JOIN received
                    ON received.division = counted.division
                   AND received.receivedAt >= counted.start AND received.receivedAt < counted.end
                GROUP BY grp
                """
            return (sql, counted.arguments + received.arguments)
        case .category, .channel:
            let cohort = self.cohort()
            let sql = """
                WITH \(cohort.sql)
                SELECT grp, COUNT(*) FROM cohort JOIN customerCount ON customerCount.key = \(ReportGrouping.customerMonthKeySQL("cohort"))
                WHERE customerCount.customers IS NOT NULL GROUP BY grp
                """
            return (sql, cohort.arguments)
        }
    }
}
