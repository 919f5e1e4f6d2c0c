import Foundation
import RedressModel
import RedressStore

/// A mapping of another CSV layout, read from a small JSON file (docs/IMPORT.md):
/// which column feeds which complaint field, how dates are written, how the
/// source's values translate into taxonomy codes, and defaults.
struct CustomMapping: RowMapper {
    /// The JSON file's shape.
    struct File: Decodable {
        var columns: [String: Columns]
        var dateFormat: String?
        var values: [String: [String: String]]?
        var defaults: [String: String]?

        enum CodingKeys: String, CodingKey {
            case columns, values, defaults
            case dateFormat = "date_format"
        }
    }

    /// One column name, or several whose non-empty values are joined.
    enum Columns: Decodable {
        case one(String)
        case many([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let name = try? container.decode(String.self) { self = .one(name) } else { self = .many(try container.decode([String].self)) }
        }

        var names: [String] {
            switch self {
            case .one(let name): [name]
            case .many(let names): names
            }
        }
    }

    /// The complaint fields a mapping may fill.
    static let fields: Set<String> = [
        "received_at", "division", "division_name", "external_ref", "channel", "category", "product", "description",
        "complainant_name", "complainant_contact", "severity", "requested_remedy",
        "acknowledged_at", "responded_at", "closed_at", "decision", "remedy", "root_cause", "csat", "nps",
        "outcome", "redress_amount", "redress_currency",
    ]

    let file: File
    let dateFormat: ImportDate.Format

    init(contentsOf url: URL) throws(ImportError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            let missing = !FileManager.default.fileExists(atPath: url.path)
            throw .unreadableFile(path: url.path, reason: missing ? "no such file" : "cannot read it (\(error.localizedDescription))")
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw .invalidMapping(path: url.path, reason: "not the documented JSON shape (\(Self.describe(error)))")
        }
        let unknown = Set(file.columns.keys).union(file.defaults?.keys ?? [:].keys).subtracting(Self.fields)
        guard unknown.isEmpty else {
            throw .invalidMapping(path: url.path, reason: "unknown field\(unknown.count == 1 ? "" : "s") \(unknown.sorted().joined(separator: ", ")); known: \(Self.fields.sorted().joined(separator: ", "))")
        }
        guard file.columns["received_at"] != nil else { throw .invalidMapping(path: url.path, reason: "\"columns\" must name the \"received_at\" column") }
        guard file.columns["division"] != nil || file.defaults?["division"] != nil else {
            throw .invalidMapping(path: url.path, reason: "give a \"division\" column or a default division")
        }
        guard let format = ImportDate.Format(rawValue: file.dateFormat ?? "iso") else {
            throw .invalidMapping(path: url.path, reason: "\"date_format\" must be one of \(ImportDate.Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.file = file
        self.dateFormat = format
    }

    var requiredColumns: [String] { file.columns.values.flatMap(\.names) }

    /// The field's value: its columns' non-empty values joined, translated by
    /// `values`, else the default.
    private func value(_ field: String, _ row: CSVRow, separator: String = " / ") -> String? {
        let joined = (file.columns[field]?.names ?? []).compactMap { row[$0] }.joined(separator: separator)
        if !joined.isEmpty { return file.values?[field]?[joined] ?? joined }
        return file.defaults?[field]
    }

    private func date(_ field: String, _ row: CSVRow) throws(RowRejection) -> Int64? {
        guard let text = value(field, row) else { return nil }
        guard let millis = ImportDate.parse(text, format: dateFormat) else {
            throw RowRejection("unparseable date in \"\(file.columns[field]?.names.first ?? field)\" (expected the \(dateFormat.rawValue) format)")
        }
        return millis
    }

    private func integer(_ field: String, _ row: CSVRow) throws(RowRejection) -> Int? {
        guard let text = value(field, row) else { return nil }
        guard let number = Int(text) else { throw RowRejection("\"\(file.columns[field]?.names.first ?? field)\" is not a whole number") }
        return number
    }

    func map(_ row: CSVRow) throws(RowRejection) -> MappedRow {
        guard let receivedAt = try date("received_at", row) else {
            throw RowRejection("missing required field \"\(file.columns["received_at"]?.names.first ?? "received_at")\"")
        }
        guard let division = value("division", row) else {
            throw RowRejection("missing required field \"\(file.columns["division"]?.names.first ?? "division")\"")
        }
        let code = DivisionCode.make(from: division)
        var mapped = MappedRow(
            divisionCode: code, divisionName: value("division_name", row) ?? division,
            complaint: NewComplaint(
                channel: value("channel", row) ?? "other",
                complainant: .init(name: value("complainant_name", row) ?? "(not given)", contact: value("complainant_contact", row)),
                product: value("product", row),
                category: value("category", row) ?? "other",
                description: value("description", row, separator: "\n\n") ?? "(no description)",
                requestedRemedy: value("requested_remedy", row),
                severity: value("severity", row),
                receivedAt: receivedAt,
                externalRef: value("external_ref", row)))
        if let acknowledged = try date("acknowledged_at", row) {
            mapped.stage = .acknowledged
            mapped.outcome[.acknowledgedAt] = .integer(acknowledged)
        }
        if let responded = try date("responded_at", row) {
            mapped.stage = .responded
            mapped.outcome[.respondedAt] = .integer(responded)
        }
        if let closed = try date("closed_at", row) {
            mapped.stage = .closed
            mapped.outcome[.closedAt] = .integer(closed)
            if let csat = try integer("csat", row) {
                guard SatisfactionScale.csat.contains(csat) else { throw RowRejection("CSAT must be between \(SatisfactionScale.csat.lowerBound) and \(SatisfactionScale.csat.upperBound)") }
                mapped.outcome[.csat] = .integer(Int64(csat))
            }
            if let nps = try integer("nps", row) {
                guard SatisfactionScale.nps.contains(nps) else { throw RowRejection("NPS must be between \(SatisfactionScale.nps.lowerBound) and \(SatisfactionScale.nps.upperBound)") }
                mapped.outcome[.nps] = .integer(Int64(nps))
            }
        }
        for (field, column) in [("decision", ComplaintField.decision), ("remedy", .remedy), ("root_cause", .rootCause)] {
            if let text = value(field, row) { mapped.outcome[column] = .text(text) }
        }
        if let text = value("outcome", row) {
            guard let outcome = Outcome(rawValue: text) else { throw RowRejection("outcome \"\(text)\" is not one of \(Outcome.names)") }
            mapped.outcome[.outcome] = .text(outcome.rawValue)
        }
        if let amount = value("redress_amount", row) {
            // Decimal text to minor units, never through a floating-point number.
            do throws(CalendarError) {
                let paid = try MoneyAmount(amountText: amount, currency: value("redress_currency", row) ?? "")
                mapped.outcome[.redressMinor] = .integer(paid.minorUnits)
                mapped.outcome[.redressCurrency] = .text(paid.currency)
            } catch {
                throw RowRejection("redress paid: \(error.description)")
            }
        }
        return mapped
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.keyNotFound(_, let context), DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "at \(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
