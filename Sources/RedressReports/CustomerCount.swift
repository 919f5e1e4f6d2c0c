/// A division's recorded customers (or transactions) in one calendar month.
public struct CustomerCount: Sendable, Hashable, Codable {
    public let division: String
    /// `YYYY-MM`.
    public let period: String
    public let customers: Int

    public init(division: String, period: String, customers: Int) {
        self.division = division
        self.period = period
        self.customers = customers
    }
}
