import GRDB
import RedressModel
import RedressStore

/// The single pass: every figure of every group from one read of the cohort.
///
/// The reference computation (`groupsByAggregation`) runs seven statements,
/// each a pass over the covering index, and the percentiles and the
/// groupings other than by division each sort the whole cohort in SQLite;
/// at a million complaints a report by month took 16 s. Here SQLite reads
/// each complaint once and evaluates the same rules (`totalsColumns`, the
/// cohort's expressions) into one row: the group, a bit per counted
/// condition, and the values behind the percentiles and breakdowns. Swift
/// only adds up: counts per bit, counts per category, and the duration
/// values kept per group (8 bytes each, about 16 MB at a million
/// complaints) and sorted at the end for the nearest-rank percentiles.
extension KPIReporter {
    /// The pass's counted conditions (as bits of one integer) and summed expressions, in `totalsColumns`' order.
    struct ScanColumns {
        var flags: [WritableKeyPath<Totals, Int>] = []
        var flagSQL: [String] = []
        var sums: [WritableKeyPath<Totals, Int>] = []
        var sumSQL: [String] = []

        init(_ columns: [TotalsColumn]) {
            for column in columns {
                switch column.kind {
                case .count(let condition):
                    flagSQL.append("CASE WHEN \(condition) THEN \(1 << flags.count) ELSE 0 END")
                    flags.append(column.count)
                case .sum(let expression):
                    sumSQL.append(expression)
                    sums.append(column.count)
                }
            }
            precondition(flags.count <= 62, "the counted conditions must fit in one integer's bits")
        }

        /// The counted conditions as one integer, a bit each.
        var flagsSQL: String { flagSQL.joined(separator: " + ") }
    }

    /// One group's sums while a pass runs (or a report cell's, `ReportCell`).
    struct Accumulator: Equatable {
        var counts: [Int]
        var sums: [Int]
        var ackTimes: [Int64] = []
        var resolveTimes: [Int64] = []
        var categories: [String: Int] = [:]
        var rootCauses: [String: Int] = [:]
        var channels: [String: Int] = [:]
        var remedies: [String: Int] = [:]
        /// Per currency: the amounts (zero included).
        var redress: [String: [Int64]] = [:]

        init(_ columns: ScanColumns) {
            counts = Array(repeating: 0, count: columns.flags.count)
            sums = Array(repeating: 0, count: columns.sums.count)
        }

        init(counts: [Int], sums: [Int]) {
            self.counts = counts
            self.sums = sums
        }
    }

    /// The groups of a pass while it runs: rows of the scan statement, and
    /// report cells, added up per group.
    struct Pass {
        let columns: ScanColumns
        /// The keys (`division/YYYY-MM`) of the (division, month)s with a
        /// customer count, when the pass counts the customer rates'
        /// numerators too (`numerators`); rows then carry their key
        /// (`extraSQL`) after the sums.
        let countedMonths: Set<String>?
        private var index: [String?: Int] = [:]
        private var groups: [(name: String?, sums: Accumulator, inCountedMonths: Int)] = []

        init(_ columns: ScanColumns, countedMonths: Set<String>? = nil) {
            self.columns = columns
            self.countedMonths = countedMonths
        }

        /// The extra column a row of this pass carries: its customer month key, if the pass counts numerators.
        var extraSQL: [String] { countedMonths == nil ? [] : [ReportGrouping.customerMonthKeySQL("judged")] }

        /// The sums of group `name`, made on first sight (groups by division arrive in order already).
        private mutating func slot(_ name: String?) -> Int {
            if let known = index[name] { return known }
            index[name] = groups.count
            groups.append((name, Accumulator(columns), 0))
            return groups.count - 1
        }

        /// One row of `scanSQL` with `extraSQL`.
        mutating func add(_ row: Row) throws {
            let slot = slot(row[0])
            try groups[slot].sums.add(row)
            if let countedMonths, let key = row[10 + columns.sums.count] as String?, countedMonths.contains(key) {
                groups[slot].inCountedMonths += 1
            }
        }

        /// A report cell's sums (its bytes, `ReportCell.encoded()`), in group
        /// `name`, if the cell holds at `now`: its unsettled complaints' row
        /// ids, or nil when it was summed after `now` (nothing is added).
        mutating func add(cell bytes: [UInt8], division: String, month: String, category: String?, channel: String?,
                          as name: String, holdingAt now: Int64) throws(ReportCellError) -> [Int64]? {
            let slot = slot(name)
            guard let cell = try ReportCell.add(decoding: bytes, to: &groups[slot].sums, holdingAt: now) else { return nil }
            // Every complaint of the cell has its category and channel.
            if let category { groups[slot].sums.categories[category, default: 0] += cell.complaints }
            if let channel { groups[slot].sums.channels[channel, default: 0] += cell.complaints }
            if let countedMonths, countedMonths.contains("\(division)/\(month)") {
                groups[slot].inCountedMonths += cell.complaints
            }
            return cell.unsettled
        }

        /// Per group, the complaints received in a (division, month) with a
        /// customer count: the numerators of complaints per 1,000 customers
        /// (`Customers.numerators`), or nil if the pass does not count them.
        var numerators: [String: Int]? {
            guard countedMonths != nil else { return nil }
            var numerators: [String: Int] = [:]
            for group in groups where group.inCountedMonths > 0 { numerators[group.name ?? "(none)"] = group.inCountedMonths }
            return numerators
        }

        /// The figures' makings, per group in SQLite's `ORDER BY grp`.
        consuming func aggregates() throws -> Aggregates {
            // NULL (no group) first, then byte order.
            groups.sort { left, right in
                guard let l = left.name else { return right.name != nil }
                guard let r = right.name else { return false }
                return l.utf8.lexicographicallyPrecedes(r.utf8)
            }
            var aggregates = Aggregates(totals: [], ackTimes: [:], resolveTimes: [:], categories: [:], rootCauses: [:],
                                        channels: [:], remedies: [:], redress: [:])
            for (name, var sums, _) in groups {
                let group = name ?? "(none)"
                var totals = Totals(group: group)
                for (bit, count) in columns.flags.enumerated() { totals[keyPath: count] = sums.counts[bit] }
                for (offset, count) in columns.sums.enumerated() { totals[keyPath: count] = sums.sums[offset] }
                aggregates.totals.append(totals)
                if let quantiles = KPIReporter.quantiles(&sums.ackTimes) { aggregates.ackTimes[group] = quantiles }
                if let quantiles = KPIReporter.quantiles(&sums.resolveTimes) { aggregates.resolveTimes[group] = quantiles }
                if !sums.categories.isEmpty { aggregates.categories[group] = sums.categories }
                if !sums.rootCauses.isEmpty { aggregates.rootCauses[group] = sums.rootCauses }
                if !sums.channels.isEmpty { aggregates.channels[group] = sums.channels }
                if !sums.remedies.isEmpty { aggregates.remedies[group] = sums.remedies }
                if !sums.redress.isEmpty { aggregates.redress[group] = try KPIReporter.redressPaid(sums.redress) }
            }
            return aggregates
        }
    }

    /// The pass's statement over `source`: per complaint its group, the
    /// counted conditions as bits, the duration values, category, root
    /// cause, channel, remedy, redress currency and amount, the sums, and then
    /// `extra` columns. `verdicts`: whether the store has timeliness tags (`judged`).
    func scanSQL(_ source: Source = .report, columns: ScanColumns, extra: [String] = [],
                 overdueAlso: [OverdueColumn] = [], verdicts: Bool) -> (sql: String, arguments: StatementArguments) {
        let judged = self.judged(source, overdueAlso: overdueAlso, verdicts: verdicts)
        let sql = """
            WITH \(judged.sql)
            SELECT grp, \(columns.flagsSQL),
                   CASE WHEN ackAt IS NOT NULL THEN ackAt - receivedAt END,
                   CASE WHEN isResolved THEN resolvedAt - receivedAt END,
                   category, rootCause, channel,
                   CASE WHEN isResolved THEN remedy END,
                   CASE WHEN redressMinor IS NOT NULL THEN redressCurrency END, redressMinor
                   \((columns.sumSQL + extra).map { ", \($0)" }.joined())
            FROM judged
            """
        return (sql, judged.arguments)
    }

    /// Adds every row of `source` to `pass`.
    func read(_ source: Source, into pass: inout Pass, verdicts: Bool, _ db: Database) throws {
        let statement = scanSQL(source, columns: pass.columns, extra: pass.extraSQL, verdicts: verdicts)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: statement.sql), arguments: statement.arguments)
        while let row = try rows.next() { try pass.add(row) }
    }

    func scan(_ db: Database) throws -> Aggregates {
        var pass = Pass(ScanColumns(Self.totalsColumns(now: now)))
        try read(.report, into: &pass, verdicts: try Self.hasVerdicts(db), db)
        return try pass.aggregates()
    }

    /// The nearest-rank median and 90th percentile of `values` (reordered in place); nil for none.
    static func quantiles(_ values: inout [Int64]) -> Quantiles? {
        guard !values.isEmpty else { return nil }
        let median = nearestRank(50, of: values.count) - 1, p90 = nearestRank(90, of: values.count) - 1
        Selection.select(median, in: &values, within: values.indices)
        // Nothing after the median is smaller than it, so the 90th percentile is selected among those.
        Selection.select(p90, in: &values, within: median..<values.count)
        return Quantiles(count: values.count, median: values[median], p90: values[p90])
    }

    /// Per currency, in byte order of the code: count, exact total and median.
    fileprivate static func redressPaid(_ amounts: [String: [Int64]]) throws -> [RedressPaid] {
        try amounts.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { currency, amounts in
            var values = amounts
            var total: Int64 = 0
            for value in values {
                let (sum, overflow) = total.addingReportingOverflow(value)
                // SQLite's SUM refuses to overflow too.
                guard !overflow else { throw StoreError.corruptRecord(detail: "report: the redress paid in \(currency) overflows") }
                total = sum
            }
            let n = values.count, median = nearestRank(50, of: n) - 1
            Selection.select(median, in: &values, within: values.indices)
            return RedressPaid(currency: currency, complaints: n, totalMinor: total,
                               medianMinor: n >= KPI.minimumSample ? values[median] : nil)
        }
    }
}

extension KPIReporter.Accumulator {
    /// Adds one row of the scan: group, flags, ack time, resolve time,
    /// category, root cause, channel, remedy, redress currency and amount, sums.
    mutating func add(_ row: Row) throws {
        var flags: Int64 = row[1]
        while flags != 0 {
            counts[flags.trailingZeroBitCount] += 1
            flags &= flags - 1
        }
        if let ack = row[2] as Int64? { ackTimes.append(ack) }
        if let resolve = row[3] as Int64? { resolveTimes.append(resolve) }
        if let category = row[4] as String? { categories[category, default: 0] += 1 }
        if let rootCause = row[5] as String? { rootCauses[rootCause, default: 0] += 1 }
        if let channel = row[6] as String? { channels[channel, default: 0] += 1 }
        if let remedy = row[7] as String? { remedies[remedy, default: 0] += 1 }
        if let currency = row[8] as String?, let amount = row[9] as Int64? { redress[currency, default: []].append(amount) }
        for offset in sums.indices { sums[offset] += (row[10 + offset] as Int?) ?? 0 }
    }
}

