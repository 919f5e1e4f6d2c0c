public import RedressStore

/// The rule that slows password guessing: after `limit` failures within
/// `window`, a login (or a source address) is locked for `lockout`.
///
/// A pure value: `NodeService` keeps the counts in the store (they survive a
/// restart of `serve`) and asks this what they mean.
public struct SignInThrottle: Sendable {
    public var limit: Int
    public var windowMillis: Int64
    public var lockoutMillis: Int64

    public init(limit: Int = 5, windowMillis: Int64 = 15 * 60_000, lockoutMillis: Int64 = 15 * 60_000) {
        self.limit = limit
        self.windowMillis = windowMillis
        self.lockoutMillis = lockoutMillis
    }

    /// Until when `state` refuses sign-ins at `now`, if it does.
    public func lockedUntil(_ state: SignInFailures?, now: Int64) -> Int64? {
        guard let until = state?.lockedUntil, until > now else { return nil }
        return until
    }

    /// The state after one more failure at `now`.
    public func failed(_ state: SignInFailures?, now: Int64) -> SignInFailures {
        var state = state ?? SignInFailures(failures: 0, windowStart: now, lockedUntil: nil)
        if now - state.windowStart > windowMillis || (state.lockedUntil.map { $0 <= now } ?? false) {
            state = SignInFailures(failures: 0, windowStart: now, lockedUntil: nil)
        }
        state.failures += 1
        if state.failures >= limit { state.lockedUntil = now + lockoutMillis }
        return state
    }
}
