/// A lifecycle step a user takes on a complaint, and the rule for which stages
/// it may be taken from.
///
/// These rules guard *local* commands only. Merging never consults them: the
/// stage lattice decides concurrent steps, so replicas converge even when two
/// people took steps that would not have been allowed one after the other.
public enum LifecycleStep: String, CaseIterable, Sendable {
    case acknowledge, assess, investigate, respond, close, reopen, withdraw, refer

    /// The stage this step leads to.
    public var target: Stage {
        switch self {
        case .acknowledge: .acknowledged
        case .assess: .assessed
        case .investigate: .investigating
        case .respond: .responded
        case .close: .closed
        case .reopen: .received
        case .withdraw: .withdrawn
        case .refer: .referred
        }
    }

    /// The stages this step may be taken from.
    public var allowedFrom: Set<Stage> {
        switch self {
        case .acknowledge: [.received]
        case .assess: [.acknowledged]
        case .investigate: [.acknowledged, .assessed]
        case .respond: [.acknowledged, .assessed, .investigating]
        case .close: [.received, .acknowledged, .assessed, .investigating, .responded]
        case .reopen: [.closed, .withdrawn, .referred]
        case .withdraw: [.received, .acknowledged, .assessed, .investigating, .responded]
        case .refer: [.responded, .closed]
        }
    }

    /// The stage after taking this step from `current`.
    ///
    /// - Throws: `LifecycleError` naming the complaint's stage and what is allowed.
    public func apply(to current: StageState, complaint: String) throws(LifecycleError) -> StageState {
        guard allowedFrom.contains(current.stage) else {
            throw LifecycleError(step: self, complaint: complaint, current: current)
        }
        if self == .reopen { return StageState(generation: current.generation + 1, stage: .received) }
        return StageState(generation: current.generation, stage: target)
    }
}

/// A step that makes no sense from the complaint's current stage.
public struct LifecycleError: Error, Sendable, Hashable, CustomStringConvertible {
    public let step: LifecycleStep
    public let complaint: String
    public let current: StageState

    public var description: String {
        let allowed = step.allowedFrom.sorted().map(\.description).joined(separator: ", ")
        return "cannot \(step.rawValue) complaint \(complaint): it is \(current.name); \(step.rawValue) is allowed only when it is \(allowed)"
    }
}
