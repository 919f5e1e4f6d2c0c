import Foundation
import HTTPTypes
import Hummingbird
import RedressModel
import RedressDashboard
import RedressNode

/// Finds out who is asking: an `Authorization: Bearer` token, else the
/// session cookie. A cookie-authenticated request to the API that changes
/// something must also carry the session's CSRF token in `X-CSRF-Token`
/// (HTML forms carry it as a field, checked by their route with
/// `SessionCookie.csrfMatches`); bearer requests need none, since no browser
/// sends a bearer token by itself.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = NodeRequestContext
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    let node: NodeService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            // The scheme's name is case-insensitive (RFC 9110).
            guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
                throw APIError(.unauthenticated, "the Authorization header must be `Bearer TOKEN`")
            }
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            let account = try await Blocking.run { [node] in try APIError.mapping { try node.account(forToken: token) } }
            context.identity = .token(account)
        } else if let secret = request.cookies[SessionCookie.name]?.value {
            // An unknown or expired cookie is no identity; the route decides whether one is needed.
            if let (account, session) = try? await Blocking.run({ [node] in try node.session(secret: secret) }) {
                context.identity = .session(account, session)
            }
        }
        if case .session(_, let session) = context.identity, !request.method.isSafe, request.uri.path.hasPrefix("/api/") {
            guard SessionCookie.csrfMatches(session, request.headers[Self.csrfHeader]) else {
                throw APIError(.csrf, "a signed-in browser must send the session's CSRF token in the X-CSRF-Token header (from POST /api/v1/session or GET /api/v1/me)")
            }
        }
        return try await next(request, context)
    }
}

extension HTTPRequest.Method {
    /// GET, HEAD and OPTIONS change nothing.
    var isSafe: Bool { self == .get || self == .head || self == .options }
}

extension APIError {
    /// Runs a node operation, turning its refusal into the API's.
    static func mapping<T>(_ body: () throws -> T) throws(APIError) -> T {
        do {
            return try body()
        } catch let error as APIError {
            throw error
        } catch let error as NodeError {
            throw APIError(error)
        } catch {
            throw APIError(NodeError(.failed, "\(error)"))
        }
    }
}
