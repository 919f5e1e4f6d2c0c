/// When to try a peer next: the sync interval while it answers, and an
/// exponentially growing wait, capped, while it does not.
///
/// A pure value so the policy is testable without clocks: the caller sleeps.
public struct PeerBackoff: Sendable, Hashable {
    public var interval: Duration
    public var maximum: Duration
    public private(set) var consecutiveFailures = 0

    public init(interval: Duration, maximum: Duration = .seconds(600)) {
        self.interval = interval
        self.maximum = max(maximum, interval)
    }

    /// Records a successful sync: back to the regular interval.
    public mutating func succeeded() { consecutiveFailures = 0 }

    /// The peer was heard from (it connected to this node, or a probe
    /// answered): whatever failed before, try again now, at the regular interval.
    public mutating func heardFrom() { consecutiveFailures = 0 }

    /// Whether the next wait is longer than the interval, so that the caller
    /// should watch for the peer meanwhile (`heardFrom()`).
    public var isBackingOff: Bool { consecutiveFailures > 0 }

    /// Records a failed attempt: the next wait doubles, up to `maximum`.
    public mutating func failed() { consecutiveFailures += 1 }

    /// How long to wait before the next attempt.
    public var nextDelay: Duration {
        guard consecutiveFailures > 0 else { return interval }
        var delay = interval
        for _ in 0..<min(consecutiveFailures, 32) {
            delay = delay * 2
            if delay >= maximum { return maximum }
        }
        return delay
    }
}
