public import Foundation
import Logging
public import RedressModel
public import RedressStore

/// The operations of a node, for every front end: the command line, the
/// HTTP API and the web app call these and nothing below them.
///
/// Each operation names the acting account and is authorised here, through
/// `AccessPolicy`, inside the same transaction that reads and writes, so no
/// permission check, validation or lifecycle rule exists twice.
public final class NodeService: Sendable {
    public let store: RedressStore
    public let passwords: PasswordHasher
    public let throttle: SignInThrottle
    /// How long a browser session lasts (ms).
    public let sessionLifetimeMillis: Int64
    /// Unix ms "now"; a parameter so tests can move time.
    let clock: @Sendable () -> Int64
    let logger = Logger(label: "redress.node")

    public init(store: RedressStore, passwords: PasswordHasher = PasswordHasher(), throttle: SignInThrottle = SignInThrottle(),
                sessionLifetimeMillis: Int64 = 12 * 3_600_000,
                clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        self.store = store
        self.passwords = passwords
        self.throttle = throttle
        self.sessionLifetimeMillis = sessionLifetimeMillis
        self.clock = clock
    }

    public var now: Int64 { clock() }

    /// Throws `.forbidden` unless `actor` may take `action` in `division` at `level`.
    public func authorize(_ actor: Account, _ action: AccessAction, in division: String, level: Int = EscalationLevel.agent.rawValue) throws(NodeError) {
        if let refusal = NodeError.forbidden(actor.decide(action, in: division, level: level)) { throw refusal }
    }

    /// Throws `.forbidden` unless `actor` may take `action` in every division.
    public func authorizeEverywhere(_ actor: Account, _ action: AccessAction) throws(NodeError) {
        guard actor.isActive else { throw NodeError(.unauthenticated, "the account \(actor.login) is deactivated") }
        if case .denied(let reason) = AccessPolicy.decide(actor.role, action, scope: .otherDivision) {
            throw NodeError(.forbidden, "not allowed: \(reason) in every division")
        }
    }

    /// Whether `actor` may take `action` in every division, not only its own.
    public func mayActEverywhere(_ actor: Account, _ action: AccessAction) -> Bool {
        actor.isActive && AccessPolicy.decide(actor.role, action, scope: .otherDivision).isAllowed
    }

    /// One write transaction of the store acting as `actor`: a `NodeError`
    /// thrown inside (a refusal) rolls it back and reaches the caller as it
    /// was, not as the store's generic failure.
    func write<T>(as actor: Account, _ body: (LocalTransaction) throws -> T) throws(NodeError) -> T {
        var refusal: NodeError?
        do {
            return try store.write(user: actor.login) { tx in
                do {
                    return try body(tx)
                } catch let error as NodeError {
                    refusal = error
                    throw error
                }
            }
        } catch {
            throw refusal ?? NodeError.wrapping(error)
        }
    }

    /// Runs `body`, turning every error into a `NodeError`.
    func run<T>(_ body: () throws -> T) throws(NodeError) -> T {
        do {
            return try body()
        } catch {
            throw NodeError.wrapping(error)
        }
    }
}
