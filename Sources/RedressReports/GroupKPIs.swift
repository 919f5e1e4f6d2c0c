/// Every KPI of one group of a report (one division, category, channel,
/// month or quarter), as defined in docs/KPIS.md.
public struct GroupKPIs: Sendable, Hashable {
    public let group: String
    public let complaints: Int
    /// Open now.
    public let backlog: Int
    /// Open and breaking a promise now.
    public let overdue: Int
    /// Recorded customers in scope; `nil` when none were recorded.
    public let customers: Int?
    public let figures: [KPI: Figure]
    /// Share of each CSAT score 1…5 among scored complaints; `nil` when too few.
    public let csatDistribution: [Int: Double]?
    public let topCategories: ParetoList
    public let topRootCauses: ParetoList
    public let channelMix: ParetoList
    /// Share of each remedy among resolved complaints.
    public let remedyMix: ParetoList
    /// The redress paid, per currency (by code).
    public let redressPaid: [RedressPaid]

    public init(group: String, complaints: Int, backlog: Int, overdue: Int, customers: Int?, figures: [KPI: Figure],
                csatDistribution: [Int: Double]?, topCategories: ParetoList, topRootCauses: ParetoList, channelMix: ParetoList,
                remedyMix: ParetoList, redressPaid: [RedressPaid]) {
        self.group = group
        self.complaints = complaints
        self.backlog = backlog
        self.overdue = overdue
        self.customers = customers
        self.figures = figures
        self.csatDistribution = csatDistribution
        self.topCategories = topCategories
        self.topRootCauses = topRootCauses
        self.channelMix = channelMix
        self.remedyMix = remedyMix
        self.redressPaid = redressPaid
    }

    public subscript(kpi: KPI) -> Figure { figures[kpi] ?? Figure(value: nil, sample: 0) }

    /// The keys of every KPI reported as too few, in a stable order.
    public var tooFew: [String] {
        var keys = KPI.allCases.filter { self[$0].isTooFew }.map(\.rawValue)
        if csatDistribution == nil { keys.append("csat_distribution") }
        if topCategories.isTooFew { keys.append("top_categories") }
        if topRootCauses.isTooFew { keys.append("top_root_causes") }
        if channelMix.isTooFew { keys.append("channel_mix") }
        if remedyMix.isTooFew { keys.append("remedy_mix") }
        return keys
    }

    /// Each KPI's sample size, keyed as in JSON.
    public var samples: [String: Int] {
        var samples = Dictionary(uniqueKeysWithValues: KPI.allCases.map { ($0.rawValue, self[$0].sample) })
        samples["csat_distribution"] = self[.csatMean].sample
        samples["top_categories"] = topCategories.sample
        samples["top_root_causes"] = topRootCauses.sample
        samples["channel_mix"] = channelMix.sample
        samples["remedy_mix"] = remedyMix.sample
        samples["redress_paid"] = redressPaid.reduce(0) { $0 + $1.complaints }
        return samples
    }
}
