/// A staff or integration account as the node reads it: the merged fields of
/// its replicated `account` record.
public struct Account: Sendable, Hashable {
    public var login: String
    public var name: String
    public var division: String
    public var role: Role
    public var isActive: Bool
    /// A bcrypt hash; `nil` for an account that cannot sign in with a password
    /// (the first admin made by `init`, until `redress user password` sets one).
    public var passwordHash: String?
    /// When the password was last set (Unix ms): sessions begun before it are void.
    public var passwordChangedAt: Int64?

    public init(login: String, name: String, division: String, role: Role, isActive: Bool = true,
                passwordHash: String? = nil, passwordChangedAt: Int64? = nil) {
        self.login = login
        self.name = name
        self.division = division
        self.role = role
        self.isActive = isActive
        self.passwordHash = passwordHash
        self.passwordChangedAt = passwordChangedAt
    }

    /// Whether this account's action in `division` is about its own division.
    public func scope(of division: String) -> AccessPolicy.Scope {
        division == self.division ? .ownDivision : .otherDivision
    }

    /// Asks the access policy whether this account may take `action` in `division` at `level`.
    public func decide(_ action: AccessAction, in division: String, level: Int = EscalationLevel.agent.rawValue) -> AccessDecision {
        guard isActive else { return .denied("the account \(login) is deactivated") }
        return AccessPolicy.decide(role, action, scope: scope(of: division), level: level)
    }
}

/// An API token as the node reads it; its secret is never stored, only a hash.
public struct APIToken: Sendable, Hashable {
    public var id: String
    public var login: String
    public var name: String
    public var secretHash: String
    public var isRevoked: Bool
    public var createdAt: Int64?

    public init(id: String, login: String, name: String, secretHash: String, isRevoked: Bool, createdAt: Int64?) {
        self.id = id
        self.login = login
        self.name = name
        self.secretHash = secretHash
        self.isRevoked = isRevoked
        self.createdAt = createdAt
    }
}
