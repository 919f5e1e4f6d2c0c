/// How many complaints one division received in one calendar month (UTC):
/// one point of the dashboard's volume trend.
public struct MonthlyVolume: Sendable, Hashable, Codable {
    public let division: String
    /// `YYYY-MM`.
    public let month: String
    public let complaints: Int

    public init(division: String, month: String, complaints: Int) {
        self.division = division
        self.month = month
        self.complaints = complaints
    }
}
