/// The hybrid logical clock of one node, as a pure value.
///
/// The store keeps its last timestamp in the same transaction as every
/// write, local or applied from a peer (`StoredClock`), and every
/// transaction reads it back first, so a restart never reissues a stamp and
/// several processes on one data folder stay monotonic.
public struct HybridClock: Sendable {
    /// The last timestamp handed out or observed.
    public private(set) var last: HybridTimestamp
    /// How far ahead of our wall clock a remote timestamp may be before it is refused.
    public var maxDriftMillis: UInt64

    /// One minute: a peer more than this far ahead has a wrong clock. NTP
    /// keeps clocks within milliseconds; the limit bounds how far a node
    /// whose clock is wrong (but not wrong enough to be refused) can drag its
    /// peers' clocks forward and win concurrent writes it should lose
    /// (docs/ARCHITECTURE.md, "Clocks").
    public static let defaultMaxDriftMillis: UInt64 = 60 * 1000

    public init(last: HybridTimestamp = .zero, maxDriftMillis: UInt64 = HybridClock.defaultMaxDriftMillis) {
        self.last = last
        self.maxDriftMillis = maxDriftMillis
    }

    /// A timestamp for a local write, strictly after every earlier one.
    public mutating func tick(wallMillis: UInt64) -> HybridTimestamp {
        if wallMillis > last.millis {
            last = HybridTimestamp(millis: wallMillis, logical: 0)
        } else {
            last = HybridTimestamp(rawValue: last.rawValue + 1)
        }
        return last
    }

    /// Takes a remote timestamp into account so that later local writes order after it.
    ///
    /// - Throws: `ClockDriftError` if `remote` is further ahead of `wallMillis`
    ///   than `maxDriftMillis`: adopting it would let a node with a wrong clock
    ///   win every future write.
    public mutating func observe(_ remote: HybridTimestamp, from node: NodeID, wallMillis: UInt64) throws(ClockDriftError) {
        try check(remote, from: node, wallMillis: wallMillis)
        if remote > last { last = remote }
    }

    /// Checks a remote timestamp without adopting it.
    public func check(_ remote: HybridTimestamp, from node: NodeID, wallMillis: UInt64) throws(ClockDriftError) {
        if remote.millis > wallMillis &+ maxDriftMillis {
            throw ClockDriftError(node: node, remoteMillis: remote.millis, localMillis: wallMillis, maxDriftMillis: maxDriftMillis)
        }
    }
}

/// A remote change was stamped too far in our future.
public struct ClockDriftError: Error, Hashable, Sendable, CustomStringConvertible {
    public let node: NodeID
    public let remoteMillis: UInt64
    public let localMillis: UInt64
    public let maxDriftMillis: UInt64

    public var description: String {
        let ahead = Double(remoteMillis - localMillis) / 1000
        return "refused changes from node \(node): its clock is \(ahead) s ahead of ours (the limit is \(maxDriftMillis / 1000) s); fix that node's clock and sync again"
    }
}
