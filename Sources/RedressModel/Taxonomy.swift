/// The shared classification every division records against, so that the head
/// office compares like with like.
///
/// These are only the defaults a new store starts with; the taxonomy itself
/// is replicated data (`taxon` records) that admins can extend.
public enum Taxonomy {
    public enum Kind: String, CaseIterable, Sendable {
        case channel, category, remedy, rootCause = "root-cause", severity
        /// The group's products and services. Unlike the other kinds it has
        /// no defaults and the complaint's product stays open text (a CFPB
        /// file names thousands): the entries are the list forms offer, and
        /// a retired entry's code is refused on new complaints.
        case product
    }

    public static let defaults: [Kind: [(code: String, label: String)]] = [
        .channel: [
            ("phone", "Phone"), ("email", "Email"), ("web-form", "Web form"), ("letter", "Letter"),
            ("in-person", "In person"), ("social-media", "Social media"), ("other", "Other"),
        ],
        .category: [
            ("fees", "Fees and charges"), ("service", "Service quality"), ("product", "Product fault"),
            ("billing", "Billing error"), ("delay", "Delay"), ("staff", "Staff conduct"),
            ("communication", "Communication"), ("privacy", "Privacy and data"), ("fraud", "Fraud or scam"),
            ("access", "Accessibility"), ("other", "Other"),
        ],
        .remedy: [
            ("apology", "Apology"), ("explanation", "Explanation"), ("refund", "Refund"),
            ("replacement", "Replacement"), ("repair", "Repair"), ("compensation", "Compensation"), ("none", "None"),
        ],
        .rootCause: [
            ("process", "Process failure"), ("system", "System error"), ("people", "Human error"),
            ("policy", "Policy"), ("third-party", "Third party"), ("expectation", "Customer expectation"),
            ("unfounded", "Unfounded"), ("other", "Other"),
        ],
        .severity: [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")],
    ]

    /// The key of a taxon record.
    public static func key(_ kind: Kind, _ code: String) -> String { "\(kind.rawValue)/\(code)" }
}

/// Escalation levels (ISO 10002 §7): who is handling the complaint.
public enum EscalationLevel: Int, CaseIterable, Sendable {
    case agent = 1, supervisor = 2, management = 3, externalDisputeResolution = 4

    public var description: String {
        switch self {
        case .agent: "first-level agent"
        case .supervisor: "supervisor"
        case .management: "management"
        case .externalDisputeResolution: "external dispute resolution"
        }
    }
}
