/// What an account is for: the role decides which actions it may take, on
/// which divisions' complaints, and up to which escalation level.
///
/// The raw values are stored in `account` records and typed on the command
/// line (`redress user add … --role agent`): never rename them.
public enum Role: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// An integration (web form, email gateway, social-media inbox): records complaints, nothing else.
    case intake
    /// Branch staff handling complaints at the first level.
    case agent
    /// Handles complaints escalated to supervisor level; may erase personal data.
    case supervisor
    /// Handles complaints escalated to management level; sees every division's figures.
    case manager
    /// Head office: aggregates of every division, never a complainant's personal data.
    case analyst
    /// The node's operator: accounts, taxonomy, promises, nodes, and every complaint action in every division.
    case admin

    public var description: String { rawValue }

    /// The highest escalation level whose complaints this role may respond
    /// to, close or de-escalate; `nil` for roles that handle no complaints.
    ///
    /// A complaint referred to an external scheme (level 4) is management's.
    public var escalationAuthority: Int? {
        switch self {
        case .intake, .analyst: nil
        case .agent: EscalationLevel.agent.rawValue
        case .supervisor: EscalationLevel.supervisor.rawValue
        case .manager: EscalationLevel.externalDisputeResolution.rawValue
        case .admin: EscalationLevel.externalDisputeResolution.rawValue
        }
    }

    /// The least role that may respond to, close or de-escalate a complaint at `level`.
    public static func handling(level: Int) -> Role {
        switch level {
        case ...EscalationLevel.agent.rawValue: .agent
        case EscalationLevel.supervisor.rawValue: .supervisor
        default: .manager
        }
    }

    /// "an agent", "a supervisor", …: for messages.
    public var withArticle: String {
        switch self {
        case .intake, .agent, .analyst, .admin: "an \(rawValue)"
        case .supervisor, .manager: "a \(rawValue)"
        }
    }
}
