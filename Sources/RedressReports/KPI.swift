/// The scalar head-office KPIs, named as in docs/KPIS.md.
///
/// The raw value is the key in `redress report --format json` and the column
/// in `--format csv`: renaming one breaks every tool that reads reports.
public enum KPI: String, CaseIterable, Sendable, Hashable {
    case complaintsPer1000Customers = "complaints_per_1000_customers"
    case ackHoursMedian = "ack_hours_median"
    case ackHoursP90 = "ack_hours_p90"
    case ackWithinPromise = "ack_within_promise"
    case resolveDaysMedian = "resolve_days_median"
    case resolveDaysP90 = "resolve_days_p90"
    case resolvedWithinPromise = "resolved_within_promise"
    case firstContactResolution = "first_contact_resolution"
    case escalationRate = "escalation_rate"
    case reachedLevel2 = "reached_level_2"
    case reachedLevel3 = "reached_level_3"
    case reachedLevel4 = "reached_level_4"
    case reopenRate = "reopen_rate"
    case referralRate = "referral_rate"
    case csatMean = "csat_mean"
    case nps
    /// Share of complaints with a recorded outcome that were upheld, fully or in part.
    case upheldRate = "upheld_rate"
    /// Share of complaints escalated to a level with its own response promise
    /// that were resolved within it (docs/KPIS.md). Last, so that CSV
    /// columns of earlier versions keep their places.
    case escalationWithinPromise = "escalation_within_promise"

    /// Below this sample size the KPI is reported as "too few", not as a number.
    public static let minimumSample = 10
    /// The rate per 1,000 customers needs at least a thousand customers behind it.
    public static let minimumCustomers = 1_000

    public var minimumSample: Int {
        self == .complaintsPer1000Customers ? Self.minimumCustomers : Self.minimumSample
    }

    /// A fraction from 0 to 1 (printed as a percentage in tables).
    public var isShare: Bool {
        switch self {
        case .ackWithinPromise, .resolvedWithinPromise, .firstContactResolution, .escalationRate,
             .reachedLevel2, .reachedLevel3, .reachedLevel4, .reopenRate, .referralRate, .upheldRate, .escalationWithinPromise:
            true
        case .complaintsPer1000Customers, .ackHoursMedian, .ackHoursP90, .resolveDaysMedian, .resolveDaysP90,
             .csatMean, .nps:
            false
        }
    }

    /// Decimals kept in JSON and CSV (docs/KPIS.md, "Rounding").
    public var decimals: Int {
        if isShare { return 4 }
        return self == .nps ? 1 : 2
    }
}
