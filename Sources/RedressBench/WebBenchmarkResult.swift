import Foundation

/// The figures of one run of `redress bench web`.
public struct WebBenchmarkResult: Codable, Sendable, Hashable, BenchmarkReport {
    public typealias Latency = APIBenchmarkResult.Latency

    public var complaints: Int
    public var divisions: Int
    /// Complaints of the division the agent works in (the largest).
    public var agentDivisionComplaints: Int
    public var clients: Int
    public var generateSeconds: Double
    public var inbox: Latency
    public var search: Latency
    public var complaint: Latency

    /// The target of issue 10 ("Speed"): each page under 100 ms at p95.
    public enum Target {
        public static let p95Ms = 100.0
    }

    public var meetsTargets: Bool { [inbox, search, complaint].allSatisfy { $0.p95Ms < Target.p95Ms } }

    enum CodingKeys: String, CodingKey {
        case complaints, divisions, clients, inbox, search, complaint
        case agentDivisionComplaints = "agent_division_complaints"
        case generateSeconds = "generate_seconds"
        case inboxP95Ms = "inbox_p95_ms"
        case searchP95Ms = "search_p95_ms"
        case complaintP95Ms = "complaint_page_p95_ms"
        case meetsTargets = "meets_targets"
    }

    public init(complaints: Int, divisions: Int, agentDivisionComplaints: Int, clients: Int, generateSeconds: Double,
                inbox: Latency, search: Latency, complaint: Latency) {
        self.complaints = complaints
        self.divisions = divisions
        self.agentDivisionComplaints = agentDivisionComplaints
        self.clients = clients
        self.generateSeconds = generateSeconds
        self.inbox = inbox
        self.search = search
        self.complaint = complaint
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        complaints = try container.decode(Int.self, forKey: .complaints)
        divisions = try container.decode(Int.self, forKey: .divisions)
        agentDivisionComplaints = try container.decode(Int.self, forKey: .agentDivisionComplaints)
        clients = try container.decode(Int.self, forKey: .clients)
        generateSeconds = try container.decode(Double.self, forKey: .generateSeconds)
        inbox = try container.decode(Latency.self, forKey: .inbox)
        search = try container.decode(Latency.self, forKey: .search)
        complaint = try container.decode(Latency.self, forKey: .complaint)
    }

    /// Every phase in full, and the three target figures at the top level, named.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(complaints, forKey: .complaints)
        try container.encode(divisions, forKey: .divisions)
        try container.encode(agentDivisionComplaints, forKey: .agentDivisionComplaints)
        try container.encode(clients, forKey: .clients)
        try container.encode(generateSeconds, forKey: .generateSeconds)
        try container.encode(inbox, forKey: .inbox)
        try container.encode(search, forKey: .search)
        try container.encode(complaint, forKey: .complaint)
        try container.encode(inbox.p95Ms, forKey: .inboxP95Ms)
        try container.encode(search.p95Ms, forKey: .searchP95Ms)
        try container.encode(complaint.p95Ms, forKey: .complaintP95Ms)
        try container.encode(meetsTargets, forKey: .meetsTargets)
    }

    public var table: String {
        func row(_ name: String, _ latency: Latency) -> (String, String, String) {
            (name + "_p95_ms", String(format: "%.1f", latency.p95Ms),
             String(format: "p50 %.1f, p99 %.1f, max %.1f ms; %d pages, %.0f/s; target < %.0f ms: %@", latency.p50Ms, latency.p99Ms,
                    latency.maxMs, latency.requests, latency.perSecond, Target.p95Ms, latency.p95Ms < Target.p95Ms ? "ok" : "MISSED"))
        }
        let rows: [(String, String, String)] = [
            ("complaints", "\(complaints) in \(divisions) divisions",
             "the agent's division holds \(agentDivisionComplaints); generated in \(String(format: "%.0f s", generateSeconds))"),
            ("clients", "\(clients)", "concurrent keep-alive browser sessions on loopback"),
            row("inbox", inbox), row("search", search), row("complaint_page", complaint),
        ]
        return Self.tableLines(rows).joined(separator: "\n")
    }
}
