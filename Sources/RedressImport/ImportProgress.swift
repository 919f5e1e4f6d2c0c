/// How far a long import has got, reported about once a second.
public struct ImportProgress: Sendable, Hashable {
    /// Rows read so far (imported, duplicate or rejected).
    public let rowsDone: Int
    public let seconds: Double

    public init(rowsDone: Int, seconds: Double) {
        self.rowsDone = rowsDone
        self.seconds = seconds
    }

    public var rowsPerSecond: Double { seconds > 0 ? Double(rowsDone) / seconds : 0 }
}
