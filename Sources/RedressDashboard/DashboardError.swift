/// Why the dashboard could not answer.
///
/// Descriptions name the setting or parameter that was wrong; none carries
/// complaint text, since the dashboard only ever shows aggregates.
public enum DashboardError: Error, CustomStringConvertible, Equatable {
    /// A query parameter that is not understood, with what was expected.
    case badParameter(name: String, value: String, expected: String)
    /// A query parameter the dashboard does not take (a typo in a bookmark).
    case unknownParameter(name: String, known: [String])

    public var description: String {
        switch self {
        case let .badParameter(name, value, expected):
            "the parameter \(name)=\(value.debugDescription) is not understood: expected \(expected)"
        case let .unknownParameter(name, known):
            "the dashboard takes no parameter \(name.debugDescription); it takes \(known.joined(separator: ", "))"
        }
    }
}
