/// Why one CSV row was not imported. The reason names columns and formats,
/// never the row's content: rows carry complainants' personal data.
struct RowRejection: Error, Sendable, CustomStringConvertible {
    let reason: String

    init(_ reason: String) { self.reason = reason }

    var description: String { reason }
}
