public import RedressModel
public import RedressStore

/// The queues of the staff inbox: the standing questions of someone who
/// handles complaints all day ("what is mine?", "what is late?"), each a
/// filter of the open complaints of one division. (Closed ones are a stage
/// filter or a search away; counting them on every page would read every
/// complaint the division ever had.)
public enum InboxQueue: String, CaseIterable, Sendable {
    case mine, unassigned
    case dueToday = "due-today"
    case overdue, escalated, all

    public var title: String {
        switch self {
        case .mine: "Mine"
        case .unassigned: "Unassigned"
        case .dueToday: "Due today"
        case .overdue: "Overdue"
        case .escalated: "Escalated to my level"
        case .all: "Open in the division"
        }
    }

    /// Whether the queue means anything for `actor`: "escalated to my
    /// level" exists only for roles that handle escalations.
    public func applies(to actor: Account) -> Bool {
        self != .escalated || escalatedLevels(for: actor) != nil
    }

    /// The levels a role handles above the one below it: a supervisor's
    /// queue holds supervisor-level complaints, a manager's management and
    /// external referrals.
    func escalatedLevels(for actor: Account) -> ClosedRange<Int>? {
        guard let authority = actor.role.escalationAuthority, authority > EscalationLevel.agent.rawValue else { return nil }
        let lowest = Role.handling(level: authority) == .supervisor ? EscalationLevel.supervisor.rawValue : EscalationLevel.management.rawValue
        return lowest...authority
    }

    /// What every queue lies within: the open complaints of `division`.
    public static func scope(division: String) -> ComplaintQuery {
        ComplaintQuery(stage: "open", division: division)
    }

    /// The queue as a query of `division`'s complaints. "Due today" ends at
    /// `endOfDay` (the viewer's midnight, Unix ms).
    public func query(for actor: Account, division: String, now: Int64, endOfDay: Int64) -> ComplaintQuery {
        var query = ComplaintQuery(division: division)
        switch self {
        case .mine: query.assignee = actor.login; query.stage = "open"
        case .unassigned: query.unassigned = true; query.stage = "open"
        case .dueToday: query.dueIn = now..<max(now + 1, endOfDay)
        case .overdue: query.overdueAt = now
        case .escalated: query.levels = escalatedLevels(for: actor) ?? (Int.max...Int.max)
        case .all: query.stage = "open"
        }
        return query
    }
}
