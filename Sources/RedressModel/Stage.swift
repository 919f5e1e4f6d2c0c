/// Where a complaint is in its ISO 10002 lifecycle.
///
/// The raw value is the stage's rank in the merge lattice: within one reopen
/// generation a higher rank wins, so a concurrent "acknowledge" on one node and
/// "close" on another end as closed everywhere. The terminal stages are ordered
/// too (closed < withdrawn < referred) so that any two concurrent endings
/// resolve the same way on every replica.
public enum Stage: Int, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    case received = 0
    case acknowledged = 1
    case assessed = 2
    case investigating = 3
    case responded = 4
    case closed = 5
    case withdrawn = 6
    case referred = 7

    /// Stages in which the organisation still owes the complainant something.
    public var isOpen: Bool { self < .closed }

    public var description: String {
        switch self {
        case .received: "received"
        case .acknowledged: "acknowledged"
        case .assessed: "assessed"
        case .investigating: "investigating"
        case .responded: "responded"
        case .closed: "closed"
        case .withdrawn: "withdrawn"
        case .referred: "referred"
        }
    }

    /// Parses a stage name as printed by `description` ("reopened" is `received` of a later generation).
    public init?(name: String) {
        guard let stage = Stage.allCases.first(where: { $0.description == name }) else { return nil }
        self = stage
    }

    public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A lifecycle stage together with its reopen generation: the lattice element
/// that replicas merge by taking the maximum.
///
/// A reopen starts generation `g + 1` at `received`, which is greater than any
/// stage of generation `g`, so a reopen beats the closure it reopens; a closure
/// made after seeing the reopen is in generation `g + 1` and beats it in turn.
public struct StageState: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var generation: Int
    public var stage: Stage

    public init(generation: Int = 0, stage: Stage = .received) {
        self.generation = generation
        self.stage = stage
    }

    /// How far apart two generations' encodings are: more than every rank.
    public static let generationStride: Int64 = 16

    /// The rank (`Stage.rawValue`) of the encoded stage in `column`, as SQL:
    /// `stage % 16`, the very text the store's partial indexes are defined
    /// with (a query must say it so for SQLite to use them).
    public static func rankSQL(_ column: String = "stage") -> String { "\(column) % \(generationStride)" }

    /// The single integer stored in SQLite; its order is the lattice order.
    public var encoded: Int64 { Int64(generation) * Self.generationStride + Int64(stage.rawValue) }

    public init?(encoded: Int64) {
        guard encoded >= 0, let stage = Stage(rawValue: Int(encoded % Self.generationStride)) else { return nil }
        self.init(generation: Int(encoded / Self.generationStride), stage: stage)
    }

    /// The name users see: a reopened complaint that nobody has acknowledged yet is "reopened".
    public var name: String {
        generation > 0 && stage == .received ? "reopened" : stage.description
    }

    public var description: String { generation > 0 ? "\(name) (reopened \(generation)×)" : name }

    public static func < (lhs: StageState, rhs: StageState) -> Bool { lhs.encoded < rhs.encoded }
}
