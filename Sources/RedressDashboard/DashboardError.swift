/// Why the dashboard could not start or answer.
///
/// Descriptions name the setting or parameter that was wrong; none carries
/// complaint text, since the dashboard only ever shows aggregates.
public enum DashboardError: Error, CustomStringConvertible, Equatable {
    /// The listening address could not be bound (in use, not local, no permission).
    case cannotListen(address: String, reason: String)
    /// A query parameter that is not understood, with what was expected.
    case badParameter(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .cannotListen(address, reason):
            "cannot serve the dashboard on \(address): \(reason) (choose another with --dashboard HOST:PORT, or turn it off with --no-dashboard)"
        case let .badParameter(name, value, expected):
            "the parameter \(name)=\(value.debugDescription) is not understood: expected \(expected)"
        }
    }
}
