import Foundation

/// The figures of one run of `redress bench api`.
public struct APIBenchmarkResult: Codable, Sendable, Hashable, BenchmarkReport {
    /// Latencies of one kind of request, in milliseconds.
    public struct Latency: Codable, Sendable, Hashable {
        public var requests: Int
        public var p50Ms: Double
        public var p95Ms: Double
        public var p99Ms: Double
        public var maxMs: Double
        /// Requests per second over the phase.
        public var perSecond: Double

        /// Nearest-rank percentiles of `samples` (seconds), taken over `seconds` of wall time.
        init(samples: [Double], seconds: Double) {
            let sorted = samples.sorted()
            func rank(_ p: Double) -> Double {
                guard !sorted.isEmpty else { return 0 }
                return sorted[max(0, min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1))] * 1000
            }
            requests = sorted.count
            p50Ms = rank(0.50)
            p95Ms = rank(0.95)
            p99Ms = rank(0.99)
            maxMs = (sorted.last ?? 0) * 1000
            perSecond = Double(sorted.count) / max(seconds, 1e-9)
        }

        enum CodingKeys: String, CodingKey {
            case requests
            case p50Ms = "p50_ms"
            case p95Ms = "p95_ms"
            case p99Ms = "p99_ms"
            case maxMs = "max_ms"
            case perSecond = "per_second"
        }
    }

    public var complaints: Int
    public var divisions: Int
    /// Complaints of the division the agent works in (the largest).
    public var agentDivisionComplaints: Int
    public var clients: Int
    public var generateSeconds: Double
    public var list: Latency
    public var search: Latency
    public var show: Latency
    public var record: Latency

    /// The targets of issue 9 ("Speed").
    public enum Target {
        public static let p95Ms = 50.0
        public static let recordsPerSecond = 1_000.0
    }

    public var meetsTargets: Bool {
        [list, search, show].allSatisfy { $0.p95Ms < Target.p95Ms } && record.perSecond >= Target.recordsPerSecond
    }

    enum CodingKeys: String, CodingKey {
        case complaints, divisions, clients, list, search, show, record
        case agentDivisionComplaints = "agent_division_complaints"
        case generateSeconds = "generate_seconds"
        case listP95Ms = "list_p95_ms"
        case searchP95Ms = "search_p95_ms"
        case showP95Ms = "show_p95_ms"
        case recordPerSecond = "record_per_second"
        case meetsTargets = "meets_targets"
    }

    public init(complaints: Int, divisions: Int, agentDivisionComplaints: Int, clients: Int, generateSeconds: Double,
                list: Latency, search: Latency, show: Latency, record: Latency) {
        self.complaints = complaints
        self.divisions = divisions
        self.agentDivisionComplaints = agentDivisionComplaints
        self.clients = clients
        self.generateSeconds = generateSeconds
        self.list = list
        self.search = search
        self.show = show
        self.record = record
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        complaints = try container.decode(Int.self, forKey: .complaints)
        divisions = try container.decode(Int.self, forKey: .divisions)
        agentDivisionComplaints = try container.decode(Int.self, forKey: .agentDivisionComplaints)
        clients = try container.decode(Int.self, forKey: .clients)
        generateSeconds = try container.decode(Double.self, forKey: .generateSeconds)
        list = try container.decode(Latency.self, forKey: .list)
        search = try container.decode(Latency.self, forKey: .search)
        show = try container.decode(Latency.self, forKey: .show)
        record = try container.decode(Latency.self, forKey: .record)
    }

    /// Every phase in full, and the four target figures at the top level, named.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(complaints, forKey: .complaints)
        try container.encode(divisions, forKey: .divisions)
        try container.encode(agentDivisionComplaints, forKey: .agentDivisionComplaints)
        try container.encode(clients, forKey: .clients)
        try container.encode(generateSeconds, forKey: .generateSeconds)
        try container.encode(list, forKey: .list)
        try container.encode(search, forKey: .search)
        try container.encode(show, forKey: .show)
        try container.encode(record, forKey: .record)
        try container.encode(list.p95Ms, forKey: .listP95Ms)
        try container.encode(search.p95Ms, forKey: .searchP95Ms)
        try container.encode(show.p95Ms, forKey: .showP95Ms)
        try container.encode(record.perSecond, forKey: .recordPerSecond)
        try container.encode(meetsTargets, forKey: .meetsTargets)
    }

    public var table: String {
        func row(_ name: String, _ latency: Latency) -> (String, String, String) {
            (name + "_p95_ms", String(format: "%.1f", latency.p95Ms),
             String(format: "p50 %.1f, p99 %.1f, max %.1f ms; %d requests, %.0f/s; target < %.0f ms: %@", latency.p50Ms, latency.p99Ms,
                    latency.maxMs, latency.requests, latency.perSecond, Target.p95Ms, latency.p95Ms < Target.p95Ms ? "ok" : "MISSED"))
        }
        let rows: [(String, String, String)] = [
            ("complaints", "\(complaints) in \(divisions) divisions",
             "the agent's division holds \(agentDivisionComplaints); generated in \(String(format: "%.0f s", generateSeconds))"),
            ("clients", "\(clients)", "concurrent keep-alive connections on loopback"),
            row("list", list), row("search", search), row("show", show),
            ("record_per_second", String(format: "%.0f", record.perSecond),
             String(format: "p95 %.1f ms; %d recorded; target >= %.0f/s: %@", record.p95Ms, record.requests, Target.recordsPerSecond,
                    record.perSecond >= Target.recordsPerSecond ? "ok" : "MISSED")),
        ]
        return Self.tableLines(rows).joined(separator: "\n")
    }
}
