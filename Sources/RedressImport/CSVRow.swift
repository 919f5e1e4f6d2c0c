import Foundation

/// One record of a CSV file, with the line it starts on.
struct CSVRow {
    /// 1-based physical line of the file where the record starts (the header is line 1).
    let line: Int
    let fields: [String]
    let columns: [String: Int]

    /// The trimmed value of `column`, or `nil` when the column is missing or the value empty.
    subscript(column: String) -> String? {
        guard let index = columns[column], index < fields.count else { return nil }
        let value = fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// The value of `column`, or a rejection naming the missing field.
    func required(_ column: String) throws(RowRejection) -> String {
        guard let value = self[column] else { throw RowRejection("missing required field \"\(column)\"") }
        return value
    }
}
