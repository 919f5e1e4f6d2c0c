/// Why a promise, a working calendar setting or an amount of money was
/// refused: names the field, repeats exactly what was typed, and says what
/// would have been accepted, so that an admin or a CLI user can fix the input
/// without reading the code.
public struct CalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being read: "promise", "working days", "working hours",
    /// "time zone", "date", "amount", "currency".
    public let field: String
    /// The text as it was given (untrimmed), so the message quotes the input.
    public let value: String
    /// What was wrong and what is accepted instead.
    public let reason: String

    public init(field: String, value: String, reason: String) {
        self.field = field
        self.value = value
        self.reason = reason
    }

    /// For example `invalid working days "mon-xyz": unknown day "xyz"; …`.
    public var description: String { "invalid \(field) \"\(value)\": \(reason)" }
}
