/// A division's wording for a communication with complainants, such as its
/// acknowledgement letter: replicated, so every node of the division offers
/// the same templates, and edited by admins.
public struct ReplyTemplate: Sendable, Hashable {
    /// `division/name` with the name in lower case.
    public var key: String
    public var division: String
    public var name: String
    public var text: String
    public var isRetired: Bool

    public init(key: String, division: String, name: String, text: String, isRetired: Bool = false) {
        self.key = key
        self.division = division
        self.name = name
        self.text = text
        self.isRetired = isRetired
    }

    /// The key of the template `name` of `division`.
    public static func key(division: String, name: String) -> String { "\(division)/\(name.lowercased())" }
}
