/// Why a benchmark run could not produce figures.
///
/// A benchmark whose replicas disagree measured something broken, so it fails
/// loudly rather than print a throughput.
public enum StoreBenchmarkError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidParameter(name: String, reason: String)
    case digestMismatch(source: String, replica: String)
    case incompleteApply(reason: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let reason):
            "invalid benchmark parameter \(name): \(reason)"
        case .digestMismatch(let source, let replica):
            "the replica's digest \(replica) differs from the source's \(source) after applying every change: the store is broken, the figures are meaningless"
        case .incompleteApply(let reason):
            "the replica did not take every change: \(reason)"
        }
    }
}
