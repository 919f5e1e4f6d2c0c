import Foundation
import Hummingbird
import NIOCore

/// A request body read as one JSON object: the media type checked, the size
/// bounded, unknown keys refused by name (a typo must not silently drop data).
struct JSONBody {
    let fields: [String: JSONValue]

    /// Reads the body of `request` as one JSON object; an empty body is `{}` when `emptyIsObject`.
    static func read(_ request: Request, context: NodeRequestContext, emptyIsObject: Bool = false) async throws -> JSONBody {
        let data = try await bytes(request, context: context, emptyAllowed: emptyIsObject)
        if data.isEmpty { return JSONBody(fields: [:]) }
        guard case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw APIError(.invalidInput, "the body is not one JSON object")
        }
        return JSONBody(fields: fields)
    }

    /// The bytes of a JSON body, its size bounded and its media type checked,
    /// for a route whose parser reads them itself (`ComplaintInput`).
    static func bytes(_ request: Request, context: NodeRequestContext, emptyAllowed: Bool = false) async throws -> Data {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw APIError(.tooLarge, "the request body is larger than \(context.maxUploadSize / 1024) KiB")
        }
        let data = Data(buffer.readableBytesView)
        if data.isEmpty, emptyAllowed { return data }
        let type = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard type == "application/json" else {
            throw APIError(.unsupportedMediaType, "send the body as JSON with Content-Type: application/json")
        }
        return data
    }

    func refuseUnknown(_ known: Set<String>, in context: String) throws {
        if let unknown = fields.keys.filter({ !known.contains($0) }).sorted().first {
            let allowed = known.isEmpty ? "it takes no fields" : "known: \(known.sorted().joined(separator: ", "))"
            throw APIError(.invalidInput, "unknown field \"\(unknown)\" for \(context); \(allowed)", field: unknown)
        }
    }

    func string(_ key: String, required: Bool = false) throws -> String? {
        switch fields[key] {
        case nil, .null?:
            if required { throw APIError(.invalidInput, "missing required field \"\(key)\"", field: key) }
            return nil
        case .string(let text)?: return text
        default: throw APIError(.invalidInput, "field \"\(key)\" must be a string", field: key)
        }
    }

    func integer(_ key: String) throws -> Int? {
        switch fields[key] {
        case nil, .null?: return nil
        case .integer(let value)?: return Int(exactly: value) ?? Int.max
        default: throw APIError(.invalidInput, "field \"\(key)\" must be an integer", field: key)
        }
    }

    func bool(_ key: String) throws -> Bool? {
        switch fields[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw APIError(.invalidInput, "field \"\(key)\" must be true or false", field: key)
        }
    }

    func strings(_ key: String) throws -> [String] {
        switch fields[key] {
        case nil, .null?: return []
        case .array(let values)?:
            return try values.map { value in
                guard case .string(let text) = value else { throw APIError(.invalidInput, "field \"\(key)\" must be an array of strings", field: key) }
                return text
            }
        default: throw APIError(.invalidInput, "field \"\(key)\" must be an array of strings", field: key)
        }
    }
}

/// Any JSON value, decoded strictly: `true` is never a number and `1` never a boolean.
enum JSONValue: Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }
}
