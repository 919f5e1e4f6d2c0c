import HTTPTypes
import Foundation
import Hummingbird
import RedressModel
import RedressNode

/// In front of the dashboard: `view-reports` for the division the request
/// asks for (`?division=CODE`), or, without one, for every division (the
/// group-wide page: analysts, managers, admins); a supervisor sees its own
/// division's figures with `?division=` its code. A browser that is not signed in is sent to the sign-in page
/// and back; a program gets a 401.
struct ReportsGate: RouterMiddleware {
    typealias Context = NodeRequestContext
    let node: NodeService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let account = context.identity?.account else {
            if request.uri.path == NodeHTTPServer.dashboardPath || request.uri.path == NodeHTTPServer.dashboardPath + "/" {
                let back = request.uri.string.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2F"
                return Response(status: .seeOther, headers: [.location: "/signin?next=\(back)"])
            }
            throw APIError(.unauthenticated, "the dashboard needs an account allowed to see reports: sign in with POST /api/v1/session or send Authorization: Bearer TOKEN")
        }
        let division = request.uri.queryParameters["division"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        try APIError.mapping { try node.authorizeReports(division: division, by: account) }
        return try await next(request, context)
    }
}
