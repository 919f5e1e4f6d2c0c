import RedressModel
/// The JSON of one group: `group`, one key per KPI as named in docs/KPIS.md
/// (`null` when too few), `too_few` and `samples`.
extension GroupKPIs: Encodable {
    private struct Key: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(group, forKey: Key("group"))
        try container.encode(complaints, forKey: Key("complaints"))
        try container.encode(backlog, forKey: Key("backlog"))
        try container.encode(overdue, forKey: Key("overdue"))
        try container.encode(customers, forKey: Key("customers"))
        for kpi in KPI.allCases { try container.encode(self[kpi].value, forKey: Key(kpi.rawValue)) }
        try container.encode(csatDistribution.map { Dictionary(uniqueKeysWithValues: $0.map { (String($0.key), $0.value) }) },
                             forKey: Key("csat_distribution"))
        try container.encode(topCategories.entries, forKey: Key("top_categories"))
        try container.encode(topRootCauses.entries, forKey: Key("top_root_causes"))
        try container.encode(channelMix.entries, forKey: Key("channel_mix"))
        try container.encode(remedyMix.entries, forKey: Key("remedy_mix"))
        // Amounts as decimal strings in the currency's minor units ("1234.50"): never a float.
        try container.encode(Dictionary(uniqueKeysWithValues: redressPaid.map { ($0.currency, $0.total.amountText) }),
                             forKey: Key("redress_paid_total"))
        try container.encode(Dictionary(uniqueKeysWithValues: redressPaid.map { ($0.currency, $0.median?.amountText) }),
                             forKey: Key("redress_paid_median"))
        try container.encode(tooFew, forKey: Key("too_few"))
        try container.encode(samples, forKey: Key("samples"))
    }
}
