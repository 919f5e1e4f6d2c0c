/// What the response decided about a complaint, as regulators compare firms
/// on it (the UK FCA's published complaints data counts upheld complaints).
public enum Outcome: String, CaseIterable, Sendable, Hashable {
    case upheld
    case partlyUpheld = "partly-upheld"
    case notUpheld = "not-upheld"

    /// Whether the complaint counts as upheld in `upheld_rate`: fully or in
    /// part, as the FCA counts it.
    public var countsAsUpheld: Bool { self != .notUpheld }

    /// The names users type, for messages.
    public static let names = allCases.map(\.rawValue).joined(separator: ", ")
}
