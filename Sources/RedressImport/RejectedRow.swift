/// A CSV row that was not imported, and why.
public struct RejectedRow: Sendable, Hashable, Codable {
    /// The 1-based line of the file where the row starts.
    public let line: Int
    public let reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}
