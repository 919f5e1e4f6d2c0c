import RedressModel

/// What branch staff record when a complaint arrives.
public struct NewComplaint: Sendable, Hashable, Codable {
    public var channel: String
    public var complainant: Complainant
    public var product: String?
    public var category: String
    public var description: String
    public var requestedRemedy: String?
    public var severity: String?
    /// Defaults to the node's division.
    public var division: String?
    /// Unix ms; defaults to now. Imports set it from the source.
    public var receivedAt: Int64?
    /// An id in another system (e.g. the CFPB's), kept so re-imports add nothing.
    public var externalRef: String?
    public var assignee: String?

    public struct Complainant: Sendable, Hashable, Codable {
        public var name: String
        public var contact: String?

        public init(name: String, contact: String? = nil) {
            self.name = name
            self.contact = contact
        }
    }

    enum CodingKeys: String, CodingKey {
        case channel, complainant, product, category, description, severity, division, assignee
        case requestedRemedy = "requested_remedy"
        case receivedAt = "received_at"
        case externalRef = "external_ref"
    }

    public init(channel: String, complainant: Complainant, product: String? = nil, category: String, description: String,
                requestedRemedy: String? = nil, severity: String? = nil, division: String? = nil,
                receivedAt: Int64? = nil, externalRef: String? = nil, assignee: String? = nil) {
        self.channel = channel
        self.complainant = complainant
        self.product = product
        self.category = category
        self.description = description
        self.requestedRemedy = requestedRemedy
        self.severity = severity
        self.division = division
        self.receivedAt = receivedAt
        self.externalRef = externalRef
        self.assignee = assignee
    }
}
