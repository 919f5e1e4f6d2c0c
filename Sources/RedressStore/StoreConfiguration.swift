import Foundation
import RedressModel

/// Knobs of a store; the defaults are the safe ones.
public struct StoreConfiguration: Sendable {
    /// A remote change stamped further than this ahead of our clock is refused.
    public var maxClockDriftMillis: UInt64 = HybridClock.defaultMaxDriftMillis
    /// How long a write waits for another process's lock before giving up.
    public var busyTimeoutSeconds: Double = 5
    /// Wall clock in Unix milliseconds; tests replace it.
    public var wallClock: @Sendable () -> UInt64 = { UInt64(Date().timeIntervalSince1970 * 1000) }

    /// Open a store that SQLite reported damaged (`DamageMarker`): only
    /// `redress check` does, to look at it and clear the mark once it is sound.
    public var opensDamagedStore = false

    public init() {}
}
