/// One bar of a Pareto chart: a category (or root cause, or channel), how many
/// complaints have it, its share and the running share down to it.
public struct ParetoEntry: Sendable, Hashable, Codable {
    public let code: String
    public let complaints: Int
    public let share: Double
    public let cumulativeShare: Double

    public init(code: String, complaints: Int, share: Double, cumulativeShare: Double) {
        self.code = code
        self.complaints = complaints
        self.share = share
        self.cumulativeShare = cumulativeShare
    }

    enum CodingKeys: String, CodingKey {
        case code, complaints, share
        case cumulativeShare = "cumulative_share"
    }
}
