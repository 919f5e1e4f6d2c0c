/// For each origin node, the highest counter whose changes this replica has
/// incorporated, with no gaps below it.
public struct VersionVector: Sendable, Hashable, CustomStringConvertible {
    public var counters: [NodeID: UInt64]

    public init(_ counters: [NodeID: UInt64] = [:]) { self.counters = counters }

    public subscript(node: NodeID) -> UInt64 {
        get { counters[node] ?? 0 }
        set { counters[node] = newValue }
    }

    /// Total number of changes this replica has seen (sum over origins).
    public var total: UInt64 { counters.values.reduce(0, +) }

    /// How many changes `self` holds that `other` lacks.
    public func changesMissing(from other: VersionVector) -> UInt64 {
        counters.reduce(0) { sum, entry in sum + (entry.value > other[entry.key] ? entry.value - other[entry.key] : 0) }
    }

    public func merged(with other: VersionVector) -> VersionVector {
        VersionVector(counters.merging(other.counters, uniquingKeysWith: max))
    }

    public var description: String {
        counters.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
    }
}
