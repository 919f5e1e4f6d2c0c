/// Turns the rows of one CSV layout into complaints.
protocol RowMapper: Sendable {
    /// Columns the file must have for this mapping to make sense at all.
    var requiredColumns: [String] { get }
    func map(_ row: CSVRow) throws(RowRejection) -> MappedRow
}
