/// A bounded set of changes plus the counter ranges it covers.
///
/// Coverage is explicit because superseded changes are not sent: a batch may
/// cover counters 1...100 of a node while carrying fewer than 100 changes. The
/// receiver applies a node's part only if it starts at or below what it
/// already has, so a version vector never claims a gap.
public struct ChangeBatch: Sendable, Hashable {
    public var changes: [Change]
    public var coverage: [NodeID: CounterRange]

    public init(changes: [Change] = [], coverage: [NodeID: CounterRange] = [:]) {
        self.changes = changes
        self.coverage = coverage
    }

    public var isEmpty: Bool { coverage.isEmpty }
    public var fieldCount: Int { changes.reduce(0) { $0 + $1.fieldCount } }
}

/// Counters `after + 1 ... upTo` of one origin.
public struct CounterRange: Sendable, Hashable, CustomStringConvertible {
    public var after: UInt64
    public var upTo: UInt64

    public init(after: UInt64, upTo: UInt64) {
        self.after = after
        self.upTo = upTo
    }

    public var description: String { "(\(after), \(upTo)]" }
}
