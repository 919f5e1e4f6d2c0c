/// A hybrid logical clock (HLC) reading: 48 bits of Unix milliseconds and a
/// 16-bit logical counter packed into one integer.
///
/// Packing keeps the comparison a single integer compare and lets SQLite store
/// a reading in one `INTEGER` column. Readings from one node are strictly
/// increasing, so `(timestamp, node)` names one write uniquely.
public struct HybridTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public init(millis: UInt64, logical: UInt16) {
        self.rawValue = (millis << 16) | UInt64(logical)
    }

    public static let zero = HybridTimestamp(rawValue: 0)

    /// Unix milliseconds of the physical part.
    public var millis: UInt64 { rawValue >> 16 }
    public var logical: UInt16 { UInt16(truncatingIfNeeded: rawValue) }

    public var description: String { "\(millis).\(logical)" }

    public static func < (lhs: HybridTimestamp, rhs: HybridTimestamp) -> Bool { lhs.rawValue < rhs.rawValue }
}
