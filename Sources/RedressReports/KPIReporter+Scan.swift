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
    fileprivate struct ScanColumns {
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
    }

    /// One group's sums while the pass runs.
    fileprivate struct Accumulator {
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
    }

    func scan(_ db: Database) throws -> Aggregates {
        let judged = try self.judged(db)
        let columns = ScanColumns(Self.totalsColumns(now: now))
        let sql = """
            WITH \(judged.sql)
            SELECT grp, \(columns.flagSQL.joined(separator: " + ")),
                   CASE WHEN ackAt IS NOT NULL THEN ackAt - receivedAt END,
                   CASE WHEN isResolved THEN resolvedAt - receivedAt END,
                   category, rootCause, channel,
                   CASE WHEN isResolved THEN remedy END,
                   CASE WHEN redressMinor IS NOT NULL THEN redressCurrency END, redressMinor
                   \(columns.sumSQL.map { ", \($0)" }.joined())
            FROM judged
            """
        // Groups in first-seen order; by division they arrive in order already.
        var index: [String?: Int] = [:]
        var groups: [(name: String?, sums: Accumulator)] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: judged.arguments)
        while let row = try rows.next() {
            let name: String? = row[0]
            let at: Int
            if let known = index[name] {
                at = known
            } else {
                at = groups.count
                index[name] = at
                groups.append((name, Accumulator(counts: Array(repeating: 0, count: columns.flags.count),
                                                 sums: Array(repeating: 0, count: columns.sums.count))))
            }
            try groups[at].sums.add(row)
        }
        // NULL (no group) first, then byte order: SQLite's `ORDER BY grp`.
        groups.sort { left, right in
            guard let l = left.name else { return right.name != nil }
            guard let r = right.name else { return false }
            return l.utf8.lexicographicallyPrecedes(r.utf8)
        }

        var aggregates = Aggregates(totals: [], ackTimes: [:], resolveTimes: [:], categories: [:], rootCauses: [:],
                                    channels: [:], remedies: [:], redress: [:])
        for (name, var sums) in groups {
            let group = name ?? "(none)"
            var totals = Totals(group: group)
            for (bit, count) in columns.flags.enumerated() { totals[keyPath: count] = sums.counts[bit] }
            for (offset, count) in columns.sums.enumerated() { totals[keyPath: count] = sums.sums[offset] }
            aggregates.totals.append(totals)
            if let quantiles = Self.quantiles(&sums.ackTimes) { aggregates.ackTimes[group] = quantiles }
            if let quantiles = Self.quantiles(&sums.resolveTimes) { aggregates.resolveTimes[group] = quantiles }
            if !sums.categories.isEmpty { aggregates.categories[group] = sums.categories }
            if !sums.rootCauses.isEmpty { aggregates.rootCauses[group] = sums.rootCauses }
            if !sums.channels.isEmpty { aggregates.channels[group] = sums.channels }
            if !sums.remedies.isEmpty { aggregates.remedies[group] = sums.remedies }
            if !sums.redress.isEmpty { aggregates.redress[group] = try Self.redressPaid(sums.redress) }
        }
        return aggregates
    }

    /// The nearest-rank median and 90th percentile of `values` (sorted in place); nil for none.
    private static func quantiles(_ values: inout [Int64]) -> Quantiles? {
        guard !values.isEmpty else { return nil }
        values.sort()
        return Quantiles(count: values.count, median: percentile(50, ofSorted: values), p90: percentile(90, ofSorted: values))
    }

    /// The nearest-rank p-th percentile of sorted, non-empty `values`.
    private static func percentile(_ p: Int, ofSorted values: [Int64]) -> Int64 {
        values[nearestRank(p, of: values.count) - 1]
    }

    /// Per currency, in byte order of the code: count, exact total and median.
    private static func redressPaid(_ amounts: [String: [Int64]]) throws -> [RedressPaid] {
        try amounts.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { currency, values in
            var total: Int64 = 0
            for value in values {
                let (sum, overflow) = total.addingReportingOverflow(value)
                // SQLite's SUM refuses to overflow too.
                guard !overflow else { throw StoreError.corruptRecord(detail: "report: the redress paid in \(currency) overflows") }
                total = sum
            }
            let n = values.count
            return RedressPaid(currency: currency, complaints: n, totalMinor: total,
                               medianMinor: n >= KPI.minimumSample ? percentile(50, ofSorted: values.sorted()) : nil)
        }
    }
}

extension KPIReporter.Accumulator {
    /// Adds one row of the scan: group, flags, ack time, resolve time,
    /// category, root cause, channel, remedy, redress currency and amount, sums.
    fileprivate mutating func add(_ row: Row) throws {
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
