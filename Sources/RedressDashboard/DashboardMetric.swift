import RedressReports

/// One figure the dashboard charts for every division side by side.
///
/// Counts (complaints, backlog, overdue) sit beside the KPIs of docs/KPIS.md,
/// with each KPI's own "too few" rule: a bar is only drawn for a figure that
/// means something.
struct DashboardMetric: Sendable {
    let key: String
    let title: String
    let value: @Sendable (GroupKPIs) -> Double?
    let sample: @Sendable (GroupKPIs) -> Int
    let text: @Sendable (Double) -> String
    var maximum: Double?
    var minimum: Double = 0

    static func count(_ key: String, _ title: String, _ value: @escaping @Sendable (GroupKPIs) -> Int) -> DashboardMetric {
        DashboardMetric(key: key, title: title, value: { Double(value($0)) }, sample: { $0.complaints },
                        text: { ReportFormat.number($0) })
    }

    static func kpi(_ kpi: KPI) -> DashboardMetric {
        var metric = DashboardMetric(key: kpi.rawValue, title: kpi.title, value: { $0[kpi].value }, sample: { $0[kpi].sample },
                                     text: { kpi.text($0) })
        if kpi.isShare { metric.maximum = 1 }
        if kpi == .csatMean { metric.maximum = 5 }
        if kpi == .nps { metric.maximum = 100; metric.minimum = -100 }
        return metric
    }

    /// What the "divisions side by side" section shows, in reading order:
    /// volume, promises kept, speed, outcomes, satisfaction, what is open now.
    static let sideBySide: [DashboardMetric] = [
        .count("complaints", "Complaints received") { $0.complaints },
        .kpi(.complaintsPer1000Customers),
        .kpi(.ackWithinPromise),
        .kpi(.resolvedWithinPromise),
        .kpi(.escalationWithinPromise),
        .kpi(.ackHoursMedian),
        .kpi(.resolveDaysMedian),
        .kpi(.firstContactResolution),
        .kpi(.escalationRate),
        .kpi(.reopenRate),
        .kpi(.referralRate),
        .kpi(.csatMean),
        .kpi(.nps),
        .count("backlog", "Open now (backlog)") { $0.backlog },
        .count("overdue", "Breaking a promise now (overdue)") { $0.overdue },
    ]

    /// At most this many bars per chart; the comparison table has every division.
    static let maximumBars = 25

    /// The chart of this figure: divisions with a meaningful figure as bars,
    /// largest first; the ones with too few complaints named in one note
    /// rather than drawn, so fifty small divisions do not bury the picture.
    func chart(_ groups: [GroupKPIs], names: [String: String]) -> BarChart {
        let ranked = groups.compactMap { group in value(group).map { (group, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.group < $1.0.group }
        let bars = ranked.prefix(Self.maximumBars).map { group, value in
            let fullLabel = DashboardSnapshot.label(group.group, names: names)
            return BarChart.Bar(label: group.group, fullLabel: fullLabel, value: value, text: text(value), sample: sample(group))
        }
        var notes: [String] = []
        if ranked.count > bars.count {
            notes.append("… and \(ranked.count - bars.count) more divisions (all in the table below)")
        }
        let tooFew = groups.count - ranked.count
        if tooFew > 0 {
            notes.append(tooFew == groups.count
                         ? "too few complaints in every division for this figure"
                         : "\(tooFew) division\(tooFew == 1 ? "" : "s") with too few complaints for this figure")
        }
        return BarChart(title: title, bars: Array(bars), maximum: maximum, minimum: minimum, notes: notes)
    }
}
