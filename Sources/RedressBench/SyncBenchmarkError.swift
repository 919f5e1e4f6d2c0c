/// Why the sync benchmark could not produce figures. Never carries complaint data.
public enum SyncBenchmarkError: Error, CustomStringConvertible, Sendable {
    case invalidParameter(name: String, reason: String)
    /// A sync ended before both sides had everything.
    case syncIncomplete(phase: String, detail: String)
    /// After the syncs, the two nodes' digests differ: the figures would be meaningless.
    case digestMismatch(phase: String)
    /// A sync between equal nodes moved changes, so it did not measure what it should.
    case nodesNotEqual(moved: Int)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let reason):
            "sync benchmark: \(name) \(reason)"
        case .syncIncomplete(let phase, let detail):
            "sync benchmark: the \(phase) did not complete (\(detail))"
        case .digestMismatch(let phase):
            "sync benchmark: after the \(phase) the nodes' digests differ; the figures are not valid (a replication bug)"
        case .nodesNotEqual(let moved):
            "sync benchmark: the sync between equal nodes moved \(moved) changes; they were not equal"
        }
    }
}
