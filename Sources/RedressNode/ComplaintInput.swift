public import Foundation
import RedressModel
public import RedressStore

/// Reads the JSON object `complaint add` accepts on standard input, refusing
/// unknown keys (a typo must not silently drop data) and wrong types.
public enum ComplaintInput {
    public static let knownKeys: Set<String> = [
        "channel", "complainant", "product", "category", "description", "requested_remedy",
        "severity", "division", "received_at", "external_ref", "assignee",
    ]

    public static func parse(_ data: Data) throws -> NewComplaint {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw NodeError(.invalid, "the input is not valid JSON (expected one complaint object)")
        }
        guard let fields = object as? [String: Any] else {
            throw NodeError(.invalid, "expected one JSON object with the complaint's fields, got \(type(of: object) == NSArray.self ? "an array" : "something else")")
        }
        if let unknown = fields.keys.filter({ !knownKeys.contains($0) }).sorted().first {
            throw NodeError(.invalid, "unknown field \"\(unknown)\"; known fields: \(knownKeys.sorted().joined(separator: ", "))")
        }
        func string(_ key: String, in object: [String: Any] = fields, path: String? = nil) throws -> String? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            guard let text = value as? String else { throw NodeError(.invalid, "field \"\(path ?? key)\" must be a string") }
            return text
        }
        func required(_ key: String) throws -> String {
            guard let value = try string(key) else { throw NodeError(.invalid, "missing required field \"\(key)\"") }
            return value
        }
        guard let complainant = fields["complainant"] as? [String: Any] else {
            throw NodeError(.invalid, "missing required field \"complainant\" (an object with \"name\" and optionally \"contact\")")
        }
        if let unknown = complainant.keys.filter({ !["name", "contact"].contains($0) }).sorted().first {
            throw NodeError(.invalid, "unknown field \"complainant.\(unknown)\"; known: name, contact")
        }
        guard let name = try string("name", in: complainant, path: "complainant.name") else {
            throw NodeError(.invalid, "missing required field \"complainant.name\"")
        }
        var receivedAt: Int64?
        if let text = try string("received_at") {
            guard let parsed = TimeFormat.parse(text) else {
                throw NodeError(.invalid, "field \"received_at\" must be an ISO 8601 time such as 2026-11-24T09:30:00Z, got \(text.debugDescription)")
            }
            receivedAt = parsed
        }
        return NewComplaint(
            channel: try required("channel"),
            complainant: .init(name: name, contact: try string("contact", in: complainant, path: "complainant.contact")),
            product: try string("product"),
            category: try required("category"),
            description: try required("description"),
            requestedRemedy: try string("requested_remedy"),
            severity: try string("severity"),
            division: try string("division"),
            receivedAt: receivedAt,
            externalRef: try string("external_ref"),
            assignee: try string("assignee"))
    }
}
