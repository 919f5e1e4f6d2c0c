import RedressReports

extension KPI {
    /// A heading for people; the raw value stays the key in JSON and CSV.
    var title: String {
        switch self {
        case .complaintsPer1000Customers: "Complaints per 1,000 customers"
        case .ackHoursMedian: "Time to acknowledge, median (hours)"
        case .ackHoursP90: "Time to acknowledge, 90th percentile (hours)"
        case .ackWithinPromise: "Acknowledged within promise"
        case .resolveDaysMedian: "Time to resolve, median (days)"
        case .resolveDaysP90: "Time to resolve, 90th percentile (days)"
        case .resolvedWithinPromise: "Resolved within promise"
        case .firstContactResolution: "Resolved at first contact"
        case .escalationRate: "Escalation rate"
        case .reachedLevel2: "Reached level 2 (supervisor)"
        case .reachedLevel3: "Reached level 3 (management)"
        case .reachedLevel4: "Reached level 4 (external scheme)"
        case .reopenRate: "Reopen rate"
        case .referralRate: "Referred to an external scheme"
        case .csatMean: "Satisfaction (CSAT, mean of 1–5)"
        case .nps: "Net Promoter Score"
        case .upheldRate: "Upheld (fully or in part)"
        case .escalationWithinPromise: "Resolved within the escalation promise"
        }
    }

    /// A value as the page prints it: shares as percentages, others with their decimals.
    func text(_ value: Double) -> String {
        isShare ? ReportHTML.percent(value) : ReportFormat.number(value)
    }
}
