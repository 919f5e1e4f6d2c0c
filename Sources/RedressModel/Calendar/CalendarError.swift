/// A promise, calendar or amount that does not parse: names what was typed
/// and what would have been accepted.
public struct CalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being read ("promise", "working days", "amount", …).
    public let field: String
    public let value: String
    public let reason: String

    public init(field: String, value: String, reason: String) {
        self.field = field
        self.value = value
        self.reason = reason
    }

    public var description: String { "invalid \(field) \"\(value)\": \(reason)" }
}
