import RedressModel
public import RedressReports
public import RedressStore

/// Everything one dashboard page shows, computed on the store in one go.
///
/// Pages are built from a snapshot rather than straight from the store so that
/// the HTML and the JSON endpoints show the very same figures, and so that a
/// snapshot can be cached while the data does not change.
public struct DashboardSnapshot: Sendable, Encodable {
    public let node: NodeSummary
    public let query: Query
    /// Unix ms the figures were computed at (backlog and overdue are "now").
    public let computedAt: Int64
    /// One entry per division, side by side.
    public let divisions: [GroupKPIs]
    /// One entry per month of receipt, all divisions in scope together.
    public let months: [GroupKPIs]
    /// Complaints per division and month.
    public let volumes: [MonthlyVolume]
    /// Division codes and names known to the store (replicated data).
    public let divisionNames: [String: String]
    /// Peers whose clocks differed from this node's by more than the warning
    /// threshold at their last contact: their changes may soon be refused.
    public let clockWarnings: [ClockWarning]

    public struct ClockWarning: Sendable, Encodable, Hashable {
        /// The peer's name in the membership list, else its node id.
        public let peer: String
        /// How far its clock was ahead of this node's (negative: behind).
        public let offsetSeconds: Double

        private enum CodingKeys: String, CodingKey {
            case peer
            case offsetSeconds = "offset_seconds"
        }
    }

    public struct NodeSummary: Sendable, Encodable {
        public let name: String
        public let id: String
        public let division: String
    }

    public struct Query: Sendable, Encodable {
        public let from: String?
        public let to: String?
        public let division: String?
        public let description: String
    }

    /// Computes a snapshot; blocking (SQL aggregation), so callers run it off the event loops.
    ///
    /// - Parameters:
    ///   - clockWarningMillis: a peer's clock further off than this is reported (`serve --clock-warning`).
    ///   - parallelism: how many threads the reports may use.
    public static func compute(store: RedressStore, query: DashboardQuery, now: Int64, clockWarningMillis: UInt64 = 10_000,
                               parallelism: Int = RedressStore.defaultReportParallelism) throws(StoreError) -> DashboardSnapshot {
        let scope = query.scope
        let divisions = try store.report(by: .division, scope: scope, now: now, parallelism: parallelism)
        let months = try store.report(by: .month, scope: scope, now: now, parallelism: parallelism)
        let volumes = try store.monthlyVolumes(scope: scope)
        let names = try store.divisions()
        let members = Dictionary(try store.members().map { ($0.node, $0.name ?? $0.node.description) }, uniquingKeysWith: { first, _ in first })
        let clockWarnings = try store.peerStatuses().compactMap { peer -> ClockWarning? in
            guard let node = peer.node, let offset = peer.clockOffsetMillis, offset.magnitude > clockWarningMillis else { return nil }
            return ClockWarning(peer: members[node] ?? node.description, offsetSeconds: Double(offset) / 1000)
        }
        return DashboardSnapshot(
            node: NodeSummary(name: store.nodeName, id: store.node.description, division: store.division),
            query: Query(from: query.from, to: query.to, division: query.division, description: query.scopeDescription),
            computedAt: now, divisions: divisions, months: months, volumes: volumes,
            divisionNames: Dictionary(names.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }),
            clockWarnings: clockWarnings)
    }

    /// A division as people read it: "Retail banking (retail)", or the code alone when it has no other name.
    static func label(_ code: String, names: [String: String]) -> String {
        guard let name = names[code], name != code else { return code }
        return "\(name) (\(code))"
    }

    private enum CodingKeys: String, CodingKey {
        case node, query, divisions, months, volumes
        case computedAt = "computed_at"
        case divisionNames = "division_names"
        case clockWarnings = "clock_warnings"
    }
}
