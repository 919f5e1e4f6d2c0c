public import RedressModel
import RedressStore

/// Accounts and API tokens, administered by admins (`manage-accounts`).
extension NodeService {
    /// Creates an account. `password` may be `nil` for an account that signs
    /// in only through API tokens or the command line.
    @discardableResult
    public func addAccount(login: String, name: String?, division: String, role: Role, password: String?,
                           by actor: Account) throws(NodeError) -> Account {
        // The hash is slow on purpose: never spend it on a request that will be
        // refused (checked again in the transaction, where it is binding).
        try authorize(actor, .manageAccounts, in: division)
        let hash = try password.map { password throws(NodeError) in try passwords.hash(password) }
        try write(as: actor) { tx in
            try authorize(try current(actor, in: tx), .manageAccounts, in: division)
            if let existing = try tx.account(login) {
                throw NodeError(.invalid, "an account with login \(login) exists already\(existing.isActive ? "" : " (deactivated; logins are never reused)")",
                                field: "login")
            }
            try tx.upsertAccount(login: login, name: name, division: division, role: role, passwordHash: hash)
        }
        return try account(login)
    }

    /// Every account, for admins.
    public func accounts(by actor: Account) throws(NodeError) -> [Account] {
        guard mayActEverywhere(actor, .manageAccounts) else {
            try authorize(actor, .manageAccounts, in: actor.division)
            return try run { try store.accounts().filter { $0.division == actor.division } }
        }
        return try run { try store.accounts() }
    }

    /// Deactivates `login` for ever and ends its sessions; its history stays.
    public func deactivate(_ login: String, by actor: Account) throws(NodeError) {
        let target = try account(login)
        guard target.login != actor.login else {
            throw NodeError(.invalid, "you cannot deactivate your own account; ask another admin", field: "login")
        }
        try write(as: actor) { tx in
            try authorize(try current(actor, in: tx), .manageAccounts, in: target.division)
            try tx.deactivateAccount(login)
        }
        try run { try store.deleteSessions(login: login, expiredBefore: now) }
    }

    /// Sets the password of `login` (an admin for anyone, anyone for itself)
    /// and ends its sessions.
    public func setPassword(_ login: String, to password: String, by actor: Account) throws(NodeError) {
        let target = try account(login)
        // As in addAccount: refuse before the slow hash, and again where it binds.
        if actor.login != login { try authorize(actor, .manageAccounts, in: target.division) }
        let hash = try passwords.hash(password)
        try write(as: actor) { tx in
            let actor = try current(actor, in: tx)
            if actor.login != login { try authorize(actor, .manageAccounts, in: target.division) }
            try tx.setPasswordHash(login, hash)
        }
        try run { try store.deleteSessions(login: login, expiredBefore: now) }
    }

    /// The account `login`, active or not.
    public func account(_ login: String) throws(NodeError) -> Account {
        guard let account = try run({ try store.account(login) }) else { throw NodeError(StoreError.unknownAccount(login)) }
        return account
    }

    /// Creates an API token for `login` and returns it with its text, which
    /// is shown this once and never stored.
    public func createToken(for login: String, name: String, by actor: Account) throws(NodeError) -> (token: APIToken, text: String) {
        let target = try account(login)
        guard target.isActive else { throw NodeError(.invalid, "the account \(login) is deactivated", field: "user") }
        let text = APITokenText.generate()
        if try run({ try store.apiTokens() }).contains(where: { $0.name == name && !$0.isRevoked }) {
            throw NodeError(.invalid, "a token named \(name) exists already; revoke it or choose another name", field: "name")
        }
        try write(as: actor) { tx in
            try authorize(try current(actor, in: tx), .manageAccounts, in: target.division)
            try tx.createAPIToken(id: text.id, login: login, name: name, secretHash: text.secretHash)
        }
        guard let token = try run({ try store.apiToken(id: text.id) }) else { throw NodeError(.failed, "the new token was not stored") }
        return (token, text.text)
    }

    /// Every token (never their secrets), for admins.
    public func tokens(by actor: Account) throws(NodeError) -> [APIToken] {
        try authorizeEverywhere(actor, .manageAccounts)
        return try run { try store.apiTokens() }
    }

    /// Revokes the live token called `name`.
    public func revokeToken(named name: String, by actor: Account) throws(NodeError) {
        guard let token = try run({ try store.apiTokens() }).first(where: { $0.name == name && !$0.isRevoked }) else {
            throw NodeError(.notFound, "no live token named \(name) (see `redress token list`)")
        }
        let owner = try account(token.login)
        try write(as: actor) { tx in
            try authorize(try current(actor, in: tx), .manageAccounts, in: owner.division)
            try tx.revokeAPIToken(id: token.id)
        }
    }
}
