import Foundation
import RedressModel
public import RedressReports
public import RedressStore
import Synchronization

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
        // The three parts at once, each on its own reader (WAL readers do not
        // wait for each other): the page costs about its longest part, not their sum.
        let divisionPart = Mutex<Result<[GroupKPIs], StoreError>?>(nil)
        let monthPart = Mutex<Result<[GroupKPIs], StoreError>?>(nil)
        let volumePart = Mutex<Result<[MonthlyVolume], StoreError>?>(nil)
        DispatchQueue.concurrentPerform(iterations: 3) { part in
            switch part {
            case 0:
                let result = Result { () throws(StoreError) in try store.report(by: .division, scope: scope, now: now, parallelism: parallelism) }
                divisionPart.withLock { $0 = result }
            case 1:
                let result = Result { () throws(StoreError) in try store.report(by: .month, scope: scope, now: now, parallelism: parallelism) }
                monthPart.withLock { $0 = result }
            default:
                let result = Result { () throws(StoreError) in try store.monthlyVolumes(scope: scope) }
                volumePart.withLock { $0 = result }
            }
        }
        guard let divisionResult = divisionPart.withLock({ $0 }), let monthResult = monthPart.withLock({ $0 }),
              let volumeResult = volumePart.withLock({ $0 }) else { preconditionFailure("concurrentPerform ran every part") }
        let (divisions, months, volumes) = (try divisionResult.get(), try monthResult.get(), try volumeResult.get())
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
