import Foundation
public import HTTPTypes
public import Hummingbird
import NIOCore
import RedressDashboard
public import RedressNode

/// Every refusal of the API, as JSON `{"error": CODE, "message": TEXT}`
/// with the status that says what kind of problem it is (and `field` when
/// one input field is at fault).
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case invalidInput = "invalid_input"
        case unauthenticated
        case forbidden
        case csrf = "csrf_token_missing"
        case notFound = "not_found"
        case conflict
        case tooLarge = "payload_too_large"
        case unsupportedMediaType = "unsupported_media_type"
        case rateLimited = "rate_limited"
        case unavailable
        case internalError = "internal_error"

        var status: HTTPResponse.Status {
            switch self {
            case .invalidInput: .badRequest
            case .unauthenticated: .unauthorized
            case .forbidden, .csrf: .forbidden
            case .notFound: .notFound
            case .conflict: .conflict
            case .tooLarge: .contentTooLarge
            case .unsupportedMediaType: .unsupportedMediaType
            case .rateLimited: .tooManyRequests
            case .unavailable: .serviceUnavailable
            case .internalError: .internalServerError
            }
        }
    }

    public let code: Code
    public let message: String
    public let field: String?
    /// What went wrong inside, for the node's log only (an internal error's
    /// message to the client says nothing).
    let detail: String?

    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.init(code, message, field: field, detail: nil)
    }

    init(_ code: Code, _ message: String, field: String?, detail: String?) {
        self.code = code
        self.message = message
        self.field = field
        self.detail = detail
    }

    /// A node refusal in HTTP terms.
    public init(_ error: NodeError) {
        let code: Code = switch error.kind {
        case .invalid: .invalidInput
        case .unauthenticated: .unauthenticated
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .rateLimited: .rateLimited
        case .unavailable: .unavailable
        case .failed: .internalError
        }
        // An internal failure's detail goes to the log, not to the client.
        self.init(code, code == .internalError ? "the node could not do this; its log has the reason" : error.message,
                  field: error.field, detail: code == .internalError ? error.message : nil)
    }

    public var description: String { "\(code.rawValue): \(message)" }

    public var status: HTTPResponse.Status { code.status }

    struct Body: Encodable {
        var error: String
        var message: String
        var field: String?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try Response.json(Body(error: code.rawValue, message: message, field: field), status: status)
        if code == .unauthenticated { response.headers[.wwwAuthenticate] = #"Bearer realm="redress""# }
        return response
    }
}
