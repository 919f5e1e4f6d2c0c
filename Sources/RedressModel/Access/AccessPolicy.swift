/// The access matrix: which role may take which action, in its own division
/// or in another, and at which escalation level.
///
/// This is the one place a permission is decided. The node's operations
/// (`RedressNode`) ask it before every read and write, whatever the front
/// end (command line, HTTP API, web app), and docs/ACCESS.md is its table,
/// checked cell by cell against it by `AccessPolicyTests`.
public enum AccessPolicy {
    /// Whether the action is about the actor's own division or another one.
    public enum Scope: String, CaseIterable, Sendable {
        case ownDivision = "own"
        case otherDivision = "other"
    }

    /// Decides whether `role`, acting in `scope`, may take `action` on a
    /// complaint at escalation `level` (ignored by actions that are not level-gated).
    public static func decide(_ role: Role, _ action: AccessAction, scope: Scope, level: Int = EscalationLevel.agent.rawValue) -> AccessDecision {
        guard grants(role, action, scope: scope) else {
            if scope == .otherDivision, grants(role, action, scope: .ownDivision) {
                return .denied("\(role.withArticle) acts only on its own division's complaints")
            }
            return .denied("\(role.withArticle) may not \(action.phrase)")
        }
        if action.isLevelGated, let authority = role.escalationAuthority, level > authority {
            let needed = Role.handling(level: level)
            return .denied("the complaint is escalated to \(EscalationLevel(rawValue: level)?.description ?? "level \(level)") level: only \(needed.withArticle) or above may \(action.phrase) it")
        }
        return .allowed
    }

    /// The matrix without levels: a pure table of role × action × scope.
    static func grants(_ role: Role, _ action: AccessAction, scope: Scope) -> Bool {
        switch role {
        case .admin:
            return true
        case .intake:
            // Integrations route complaints to any division but read nothing back.
            return action == .record
        case .analyst:
            return action == .viewReports
        case .agent, .supervisor, .manager:
            switch action {
            case .record, .read, .acknowledge, .assess, .investigate, .assign, .note, .escalate, .deescalate,
                 .respond, .close, .reopen, .withdraw, .refer, .tag, .hold, .resume:
                return scope == .ownDivision
            case .erasePersonalData:
                return role != .agent && scope == .ownDivision
            case .viewReports:
                switch role {
                case .manager: return true
                case .supervisor: return scope == .ownDivision
                default: return false
                }
            case .importComplaints, .manageAccounts, .manageTaxonomy, .manageCustomerCounts, .manageNodes:
                return false
            }
        }
    }
}

/// The policy's answer: allowed, or denied with a reason a person can act on.
public enum AccessDecision: Sendable, Hashable {
    case allowed
    case denied(String)

    public var isAllowed: Bool { self == .allowed }
}

extension AccessAction {
    /// The action as a verb phrase, for messages ("may not erase personal data").
    public var phrase: String {
        switch self {
        case .record: "record complaints"
        case .read: "read complaints"
        case .deescalate: "de-escalate"
        case .erasePersonalData: "erase personal data"
        case .viewReports: "view reports"
        case .importComplaints: "import complaints"
        case .manageAccounts: "manage accounts"
        case .manageTaxonomy: "manage the taxonomy and promises"
        case .manageCustomerCounts: "manage customer counts"
        case .manageNodes: "manage nodes"
        default: rawValue
        }
    }
}
