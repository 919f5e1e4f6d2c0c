import Foundation
import Logging
public import RedressModel
public import RedressStore

/// Who is acting: an account named on the command line, a signed-in browser
/// session, or an API token. Every way in ends at an active account.
extension NodeService {
    /// A browser session just begun: the cookie's secret and the CSRF token
    /// are shown to this browser only; the node keeps their hash and the token.
    public struct SignedIn: Sendable {
        public let account: Account
        public let sessionSecret: String
        public let csrfToken: String
        public let expiresAt: Int64
    }

    /// The active account `login`, for the command line (whose user already
    /// holds the data folder, so no password is asked).
    public func actingAccount(_ login: String) throws(NodeError) -> Account {
        guard let account = try run({ try store.account(login) }) else {
            throw NodeError(.unauthenticated, "no account with login \(login): pass --user LOGIN with an account of this node (see `redress user list`)")
        }
        guard account.isActive else { throw NodeError(.unauthenticated, "the account \(login) is deactivated") }
        return account
    }

    /// Checks a password and begins a session. Repeated failures lock the
    /// login and the source address for a while (`throttle`), and say until when.
    public func signIn(login: String, password: String, source: String) throws(NodeError) -> SignedIn {
        let now = self.now
        // A text that cannot be a login is no account; it still counts against the address.
        let isLogin = RedressStore.isValidLogin(login)
        let keys = (isLogin ? ["login:\(login)"] : []) + ["address:\(source)"]
        let loggedLogin = isLogin ? login : "(not a login)"
        for key in keys {
            if let until = throttle.lockedUntil(try run({ try store.signInFailures(key: key) }), now: now) {
                let what = key.hasPrefix("login:") ? "this account" : "this address"
                logger.notice("sign-in refused: locked", metadata: ["redress.login": "\(loggedLogin)", "redress.source": "\(source)"])
                throw NodeError(.rateLimited, "too many failed sign-ins for \(what); try again after \(TimeFormat.string(until) ?? "a while")")
            }
        }
        let account = isLogin ? try run({ try store.account(login) }) : nil
        let verified = passwords.verify(password, hash: account?.passwordHash ?? PasswordHasher.decoy)
        guard let account, verified, account.passwordHash != nil else {
            for key in keys {
                let state = throttle.failed(try run({ try store.signInFailures(key: key) }), now: now)
                try run { try store.setSignInFailures(state, key: key) }
            }
            logger.notice("sign-in failed", metadata: ["redress.login": "\(loggedLogin)", "redress.source": "\(source)"])
            throw NodeError(.unauthenticated, "wrong login or password")
        }
        guard account.isActive else { throw NodeError(.unauthenticated, "the account \(login) is deactivated") }
        for key in keys { try run { try store.setSignInFailures(nil, key: key) } }
        let secret = RandomText.base64URL(bytes: 32)
        let csrf = RandomText.base64URL(bytes: 24)
        let expiresAt = now + sessionLifetimeMillis
        try run {
            try store.deleteSessions(login: nil, expiredBefore: now)
            try store.insertSession(WebSession(idHash: RandomText.sha256Hex(secret), login: login, csrfToken: csrf,
                                               createdAt: now, expiresAt: expiresAt))
        }
        logger.info("signed in", metadata: ["redress.login": "\(login)"])
        return SignedIn(account: account, sessionSecret: secret, csrfToken: csrf, expiresAt: expiresAt)
    }

    /// The account and session of a session cookie's secret: `.unauthenticated`
    /// if the session is unknown or expired, the account deactivated, or its
    /// password changed since the session began.
    public func session(secret: String) throws(NodeError) -> (account: Account, session: WebSession) {
        let refused = NodeError(.unauthenticated, "not signed in (or the session has expired): sign in again")
        guard let session = try run({ try store.session(idHash: RandomText.sha256Hex(secret)) }), session.expiresAt > now else { throw refused }
        guard let account = try run({ try store.account(session.login) }), account.isActive,
              session.createdAt >= (account.passwordChangedAt ?? 0) else { throw refused }
        return (account, session)
    }

    /// Ends the session of this cookie secret (nothing happens if there is none).
    public func signOut(secret: String) throws(NodeError) {
        try run { try store.deleteSession(idHash: RandomText.sha256Hex(secret)) }
    }

    /// The account an API token acts as.
    public func account(forToken text: String) throws(NodeError) -> Account {
        let refused = NodeError(.unauthenticated, "the API token is unknown, revoked or malformed")
        guard let presented = APITokenText(text),
              let token = try run({ try store.apiToken(id: presented.id) }), !token.isRevoked,
              RandomText.constantTimeEquals(token.secretHash, presented.secretHash) else { throw refused }
        guard let account = try run({ try store.account(token.login) }), account.isActive else { throw refused }
        return account
    }
}
