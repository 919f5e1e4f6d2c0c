import GRDB
public import RedressModel

/// Accounts and API tokens as local writes: replicated records, so every
/// node learns of them (and of deactivations and revocations) by syncing.
extension LocalTransaction {
    /// Creates the account `login`, or updates its name, division and role.
    /// Never reactivates: `deactivated` merges by maximum.
    ///
    /// - Parameter passwordHash: a hash made by the caller (the store never sees a password).
    public func upsertAccount(login: String, name: String?, division: String, role: Role, passwordHash: String? = nil) throws {
        try Validation.login(login)
        try Validation.code(division, field: "division")
        guard try record(.division, key: division) != nil else { throw StoreError.unknownDivision(division) }
        let name = try Validation.text(name, field: "name", required: false, maxLength: 200) ?? login
        var values: [AccountField: FieldValue] = [.name: .text(name), .division: .text(division), .role: .text(role.rawValue)]
        if let passwordHash {
            values[.passwordHash] = .text(passwordHash)
            values[.passwordChangedAt] = .integer(now)
        }
        try write(key: login, values)
    }

    /// The merged account `login`, or `nil`.
    public func account(_ login: String) throws -> Account? {
        try record(.account, key: login).flatMap { Account(login: login, values: $0) }
    }

    /// Deactivates `login` everywhere, for ever; its history stays.
    public func deactivateAccount(_ login: String) throws {
        guard try account(login) != nil else { throw StoreError.unknownAccount(login) }
        try write(key: login, [AccountField.deactivated: 1])
    }

    /// Replaces the password hash of `login`; sessions begun before now are void.
    public func setPasswordHash(_ login: String, _ hash: String) throws {
        guard let account = try account(login) else { throw StoreError.unknownAccount(login) }
        guard account.isActive else {
            throw StoreError.invalidValue(field: "login", value: login, reason: "the account is deactivated; create a new one")
        }
        try write(key: login, [AccountField.passwordHash: .text(hash), .passwordChangedAt: .integer(now)])
    }

    /// Records a new API token of `login`; `secretHash` is the SHA-256 of its secret.
    public func createAPIToken(id: String, login: String, name: String, secretHash: String) throws {
        try Validation.code(name, field: "token name")
        try write(key: id, [APITokenField.login: .text(login), .name: .text(name), .secretHash: .text(secretHash),
                            .revoked: 0, .createdAt: .integer(now)])
    }

    /// Revokes a token everywhere, for ever.
    public func revokeAPIToken(id: String) throws {
        guard try record(.apiToken, key: id) != nil else {
            throw StoreError.invalidValue(field: "token", value: id, reason: "no such token")
        }
        try write(key: id, [APITokenField.revoked: 1])
    }
}

extension Account {
    /// An account from its record's values (indexed like `RecordSchema.account`); `nil` if damaged.
    init?(login: String, values: [FieldValue]) {
        guard let role = values[AccountField.role].text.flatMap(Role.init(rawValue:)),
              let division = values[AccountField.division].text else { return nil }
        self.init(login: login, name: values[AccountField.name].text ?? login, division: division, role: role,
                  isActive: (values[AccountField.deactivated].integer ?? 0) == 0,
                  passwordHash: values[AccountField.passwordHash].text,
                  passwordChangedAt: values[AccountField.passwordChangedAt].integer)
    }
}

extension APIToken {
    init?(id: String, values: [FieldValue]) {
        guard let login = values[APITokenField.login].text, let hash = values[APITokenField.secretHash].text else { return nil }
        self.init(id: id, login: login, name: values[APITokenField.name].text ?? "", secretHash: hash,
                  isRevoked: (values[APITokenField.revoked].integer ?? 0) != 0,
                  createdAt: values[APITokenField.createdAt].integer)
    }
}

extension RedressStore {
    /// Every account this node knows of, deactivated ones included, by login.
    public func accounts() throws(StoreError) -> [Account] {
        try read { db in try RecordQueries.all(.account, db: db).compactMap { Account(login: $0.key, values: $0.values) } }
    }

    /// The account `login`, or `nil`.
    public func account(_ login: String) throws(StoreError) -> Account? {
        try read { db in try RecordQueries.values(.account, key: login, db: db).flatMap { Account(login: login, values: $0) } }
    }

    /// How many accounts this node knows of.
    public func accountCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") ?? 0 }
    }

    /// Every API token (revoked ones included), by account then name.
    public func apiTokens() throws(StoreError) -> [APIToken] {
        try read { db in try RecordQueries.all(.apiToken, db: db).compactMap { APIToken(id: $0.key, values: $0.values) } }.sorted { ($0.login, $0.name, $0.id) < ($1.login, $1.name, $1.id) }
    }

    /// The API token with this public id, or `nil`.
    public func apiToken(id: String) throws(StoreError) -> APIToken? {
        try read { db in try RecordQueries.values(.apiToken, key: id, db: db).flatMap { APIToken(id: id, values: $0) } }
    }
}
