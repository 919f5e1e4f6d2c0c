/// Why the report benchmark could not produce figures.
///
/// A report that does not add up to the complaints generated measured
/// something broken, so the benchmark fails rather than print a time.
public enum ReportBenchmarkError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidParameter(name: String, reason: String)
    /// No CFPB sample to import; `searched` lists the paths tried.
    case noSampleFile(searched: [String])
    case reportMismatch(reason: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let reason):
            "invalid benchmark parameter \(name): \(reason)"
        case .noSampleFile(let searched):
            "no CFPB sample to import (tried \(searched.joined(separator: ", "))); pass --csv FILE"
        case .reportMismatch(let reason):
            "the report does not match the generated complaints: \(reason); the figures would be meaningless"
        }
    }
}
