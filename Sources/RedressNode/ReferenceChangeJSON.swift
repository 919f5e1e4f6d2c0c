public import RedressModel

/// A reference change as `redress division history --json`, `redress
/// taxonomy history --json` and `GET /api/v1/reference-history` give it.
public struct ReferenceChangeJSON: Encodable, Sendable {
    public var subject: String
    public var at: String?
    public var user: String
    public var node: String
    public var summary: String

    public init(_ change: ReferenceChange) {
        subject = change.subject.key
        at = TimeFormat.string(change.at)
        user = change.user
        node = change.node.description
        summary = change.summary
    }
}
