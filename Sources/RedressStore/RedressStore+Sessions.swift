import GRDB
import RedressModel

/// A signed-in browser, as this node keeps it (local, never replicated).
public struct WebSession: Sendable, Hashable {
    /// SHA-256 (hex) of the cookie's secret.
    public var idHash: String
    public var login: String
    public var csrfToken: String
    public var createdAt: Int64
    public var expiresAt: Int64

    public init(idHash: String, login: String, csrfToken: String, createdAt: Int64, expiresAt: Int64) {
        self.idHash = idHash
        self.login = login
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// Failed sign-ins counted for one login or one source address.
public struct SignInFailures: Sendable, Hashable {
    public var failures: Int
    /// When the current counting window began (Unix ms).
    public var windowStart: Int64
    /// Until when sign-ins are refused (Unix ms), if locked.
    public var lockedUntil: Int64?

    public init(failures: Int, windowStart: Int64, lockedUntil: Int64?) {
        self.failures = failures
        self.windowStart = windowStart
        self.lockedUntil = lockedUntil
    }
}

/// Web sessions and sign-in throttling: this node's own bookkeeping. No
/// change is logged, the clock does not move, the digest does not change.
extension RedressStore {
    public func insertSession(_ session: WebSession) throws(StoreError) {
        try localWrite { db in
            try db.execute(sql: "INSERT INTO webSession (idHash, login, csrfToken, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [session.idHash, session.login, session.csrfToken, session.createdAt, session.expiresAt])
        }
    }

    /// The session whose secret hashes to `idHash`, or `nil`.
    public func session(idHash: String) throws(StoreError) -> WebSession? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT idHash, login, csrfToken, createdAt, expiresAt FROM webSession WHERE idHash = ?",
                             arguments: [idHash]).map { row in
                WebSession(idHash: row[0], login: row[1], csrfToken: row[2], createdAt: row[3], expiresAt: row[4])
            }
        }
    }

    public func deleteSession(idHash: String) throws(StoreError) {
        try localWrite { db in try db.execute(sql: "DELETE FROM webSession WHERE idHash = ?", arguments: [idHash]) }
    }

    /// Ends every session of `login` (deactivation, a new password) and every expired one.
    public func deleteSessions(login: String?, expiredBefore now: Int64) throws(StoreError) {
        try localWrite { db in
            try db.execute(sql: "DELETE FROM webSession WHERE login = ? OR expiresAt <= ?", arguments: [login, now])
        }
    }

    public func signInFailures(key: String) throws(StoreError) -> SignInFailures? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT failures, windowStart, lockedUntil FROM signInThrottle WHERE key = ?", arguments: [key]).map { row in
                SignInFailures(failures: row[0], windowStart: row[1], lockedUntil: row[2])
            }
        }
    }

    /// Saves the failures of `key`; `nil` forgets them (a successful sign-in).
    public func setSignInFailures(_ failures: SignInFailures?, key: String) throws(StoreError) {
        try localWrite { db in
            if let failures {
                try db.execute(sql: """
                    INSERT INTO signInThrottle (key, failures, windowStart, lockedUntil) VALUES (?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, windowStart = excluded.windowStart, lockedUntil = excluded.lockedUntil
                    """, arguments: [key, failures.failures, failures.windowStart, failures.lockedUntil])
            } else {
                try db.execute(sql: "DELETE FROM signInThrottle WHERE key = ?", arguments: [key])
            }
        }
    }
}
