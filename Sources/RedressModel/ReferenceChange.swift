/// One change an admin made to the reference data every division works by:
/// a division's name, promises, calendar or holidays, or an entry of the
/// shared taxonomy. The history of these is how an auditor learns who made
/// "2 working days" into "3 working days", and when (ISO 10001 §7 asks that
/// changes to a code of conduct be controlled and recorded).
public struct ReferenceChange: Sendable, Hashable {
    public var subject: ReferenceSubject
    /// The account that made it.
    public var user: String
    /// The node it was made on.
    public var node: NodeID
    /// When (Unix ms, the writing node's clock).
    public var at: Int64
    /// What changed, as a person reads it: "acknowledge: 48 hours → 2 working days".
    public var summary: String

    public init(subject: ReferenceSubject, user: String, node: NodeID, at: Int64, summary: String) {
        self.subject = subject
        self.user = user
        self.node = node
        self.at = at
        self.summary = summary
    }
}

/// What a reference change was made to.
public enum ReferenceSubject: Sendable, Hashable, CustomStringConvertible {
    /// A division: its name, promises, calendar or holidays.
    case division(String)
    /// One entry of the taxonomy.
    case taxon(Taxonomy.Kind, String)

    /// As stored, and as `redress … history` and the API name it:
    /// `division/CODE` or `taxonomy/KIND/CODE`. Division and taxonomy codes
    /// hold no '/', so the text parses back.
    public var key: String {
        switch self {
        case .division(let code): "division/\(code)"
        case .taxon(let kind, let code): "taxonomy/\(kind.rawValue)/\(code)"
        }
    }

    public var description: String { key }

    public init?(key: String) {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch (parts.first, parts.count) {
        case ("division", 2) where !parts[1].isEmpty: self = .division(parts[1])
        case ("taxonomy", 3) where !parts[2].isEmpty:
            guard let kind = Taxonomy.Kind(rawValue: parts[1]) else { return nil }
            self = .taxon(kind, parts[2])
        default: return nil
        }
    }
}
