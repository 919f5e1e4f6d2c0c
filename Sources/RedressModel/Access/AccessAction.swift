/// Everything an account can ask a node to do, as the access policy sees it.
///
/// Each action is checked against the division it concerns: the complaint's
/// division, the division a complaint is recorded for, the division whose
/// figures are read, or the account's division for account administration.
/// The raw values are the row names of docs/ACCESS.md.
public enum AccessAction: String, CaseIterable, Sendable, Hashable {
    /// Record a new complaint (`complaint add`, `POST /api/v1/complaints`).
    case record
    /// List, show and search complaints, personal data included.
    case read
    case acknowledge, assess, investigate, assign, note, escalate
    /// Lower the escalation level by one.
    case deescalate
    case respond, close, reopen, withdraw, refer, tag
    /// Put a complaint on hold while waiting for the complainant, and resume it.
    case hold, resume
    case erasePersonalData = "erase-personal-data"
    /// Aggregated figures (reports, the dashboard): never personal data.
    case viewReports = "view-reports"
    /// Bulk import of complaints from a CSV file.
    case importComplaints = "import"
    /// Add and deactivate accounts, set passwords, create and revoke API tokens.
    case manageAccounts = "manage-accounts"
    /// The shared taxonomy, each division's promises and its reply templates.
    case manageTaxonomy = "manage-taxonomy"
    /// Customer counts behind the per-customer KPIs.
    case manageCustomerCounts = "manage-customer-counts"
    /// Add and retire nodes of the cluster.
    case manageNodes = "manage-nodes"

    /// Steps whose permission also depends on the complaint's escalation
    /// level: only the level's role or above may take them.
    public var isLevelGated: Bool {
        switch self {
        case .respond, .close, .deescalate: true
        default: false
        }
    }

    /// The action that takes a lifecycle step.
    public init(_ step: LifecycleStep) {
        switch step {
        case .acknowledge: self = .acknowledge
        case .assess: self = .assess
        case .investigate: self = .investigate
        case .respond: self = .respond
        case .close: self = .close
        case .reopen: self = .reopen
        case .withdraw: self = .withdraw
        case .refer: self = .refer
        }
    }
}
