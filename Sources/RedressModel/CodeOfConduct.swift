/// A division's published promises (ISO 10001), from which every complaint's
/// due times follow.
public struct CodeOfConduct: Sendable, Hashable {
    /// "We acknowledge every complaint within N hours."
    public var acknowledgeWithinHours: Int
    /// "We respond to every complaint within N days."
    public var respondWithinDays: Int

    public init(acknowledgeWithinHours: Int = 48, respondWithinDays: Int = 15) {
        self.acknowledgeWithinHours = acknowledgeWithinHours
        self.respondWithinDays = respondWithinDays
    }

    public static let `default` = CodeOfConduct()

    /// When the acknowledgement of a complaint received at `receivedAt` (Unix ms) is due.
    public func acknowledgementDue(receivedAt: Int64) -> Int64 {
        receivedAt + Int64(acknowledgeWithinHours) * 3_600_000
    }

    /// When the response to a complaint received (or reopened) at `from` (Unix ms) is due.
    public func responseDue(from: Int64) -> Int64 {
        from + Int64(respondWithinDays) * 86_400_000
    }
}
