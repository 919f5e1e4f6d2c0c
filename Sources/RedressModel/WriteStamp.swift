/// Who wrote a field value and when: the clock that orders concurrent writes.
///
/// Ordered by timestamp, then by node id, so that two writes with the same
/// hybrid time (possible only on different nodes) still have one winner
/// everywhere.
public struct WriteStamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var time: HybridTimestamp
    public var node: NodeID

    public init(time: HybridTimestamp, node: NodeID) {
        self.time = time
        self.node = node
    }

    public static func < (lhs: WriteStamp, rhs: WriteStamp) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.node < rhs.node
    }

    public var description: String { "\(time)@\(node)" }
}
