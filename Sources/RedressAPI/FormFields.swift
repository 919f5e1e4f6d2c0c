import Foundation
import Hummingbird
import NIOCore

/// An HTML form's fields (`application/x-www-form-urlencoded`), read with a
/// bounded size. Empty fields count as absent: a browser sends every field
/// of a form, filled in or not.
struct FormFields: StepFieldSource {
    /// Every value of each field, in the order sent (check boxes repeat a name).
    let values: [String: [String]]

    /// Fields every workspace form carries besides the step's own.
    static let controlFields: Set<String> = ["csrf_token", "revision", "confirm", "template"]

    init(values: [String: [String]]) {
        self.values = values
    }

    static func read(_ request: Request, context: NodeRequestContext) async throws -> FormFields {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: 64 * 1024)
        } catch {
            throw APIError(.tooLarge, "the form is larger than 64 KiB")
        }
        return FormFields(encoded: String(buffer: buffer))
    }

    /// Parses `a=1&b=2` (a query string or a form body).
    init(encoded: String) {
        var components = URLComponents()
        components.percentEncodedQuery = encoded.replacingOccurrences(of: "+", with: "%20")
        var values: [String: [String]] = [:]
        for item in components.queryItems ?? [] { values[item.name, default: []].append(item.value ?? "") }
        self.init(values: values)
    }

    /// The field's first value, as sent (empty included).
    subscript(_ key: String) -> String? { values[key]?.first }

    /// The field's values without empty ones.
    func all(_ key: String) -> [String] { (values[key] ?? []).filter { !$0.isEmpty } }

    /// The field's value with surrounding whitespace left as typed; `nil` when empty.
    func filled(_ key: String) -> String? {
        guard let value = self[key], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return value
    }

    // MARK: StepFieldSource

    func refuseUnknown(_ known: Set<String>, in context: String) throws {
        if let unknown = values.keys.filter({ !known.contains($0) && !Self.controlFields.contains($0) }).sorted().first {
            throw APIError(.invalidInput, "unknown field \"\(unknown)\" for \(context)", field: unknown)
        }
    }

    func string(_ key: String, required: Bool) throws -> String? {
        guard let value = filled(key) else {
            if required { throw APIError(.invalidInput, "this must be filled in", field: key) }
            return nil
        }
        return value
    }

    func integer(_ key: String) throws -> Int? {
        guard let text = filled(key) else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw APIError(.invalidInput, "this must be a whole number, not \(text.debugDescription)", field: key)
        }
        return value
    }

    /// A check box: present (any value but "false") means yes.
    func bool(_ key: String) throws -> Bool? {
        guard let value = self[key] else { return nil }
        return value != "false"
    }

    /// Tags and the like, typed as one text: separated by commas or spaces.
    func strings(_ key: String) throws -> [String] {
        all(key).flatMap { $0.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init) }
    }
}
