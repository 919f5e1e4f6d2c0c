import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RedressDashboard
import RedressNode
import RedressReports

/// The browser's way in: `GET /signin` shows a form, `POST /signin` checks
/// it and sets the session cookie, `POST /signout` ends the session.
///
/// The sign-in form carries a token that must match a SameSite=Strict cookie
/// set with the form (a double-submit token), so no other site can sign a
/// browser in to an account of its choosing; the sign-out form carries the
/// session's CSRF token.
struct SignInPage {
    static let formCookie = "redress_signin"
    let node: NodeService
    let secure: Bool

    func routes() -> RouteCollection<NodeRequestContext> {
        let routes = RouteCollection(context: NodeRequestContext.self)
        routes.get("signin") { request, _ in
            form(next: Self.safeNext(request.uri.queryParameters["next"].map(String.init)), message: nil, status: .ok)
        }
        routes.post("signin") { request, context in try await signIn(request, context: context) }
        routes.post("signout") { request, context in try await signOut(request, context: context) }
        return routes
    }

    /// A page to return to after signing in: a path on this server only, never another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    private func form(next: String, message: String?, status: HTTPResponse.Status) -> Response {
        let token = RandomText.hex(bytes: 24)
        let notice = message.map { "<p class=\"error\" role=\"alert\">\(ReportHTML.escape($0))</p>" } ?? ""
        let page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · Redress</title>
            <style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1.2rem;font-size:1rem}.error{color:#a00}</style>
            </head><body>
            <h1>Redress</h1>
            \(notice)
            <form method="post" action="/signin">
            <input type="hidden" name="form_token" value="\(ReportHTML.escape(token))">
            <input type="hidden" name="next" value="\(ReportHTML.escape(next))">
            <label for="login">Login</label><input id="login" name="login" autocomplete="username" required autofocus>
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            </form>
            </body></html>
            """
        var response = Response.withHeaders(status, contentType: "text/html; charset=utf-8", body: page)
        response.setCookie(Cookie(name: Self.formCookie, value: token, maxAge: 3600, path: "/signin", secure: secure, httpOnly: true, sameSite: .strict))
        return response
    }

    private func signIn(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let fields = try await FormFields.read(request, context: context)
        let next = Self.safeNext(fields["next"])
        guard let token = fields["form_token"], let expected = request.cookies[Self.formCookie]?.value, token == expected else {
            return form(next: next, message: "The form had expired; please sign in again.", status: .forbidden)
        }
        let login = fields["login"] ?? "", password = fields["password"] ?? "", source = context.sourceAddress
        do {
            let signedIn = try await Blocking.run { [node] in try APIError.mapping { try node.signIn(login: login, password: password, source: source) } }
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(SessionCookie.make(signedIn, secure: secure, now: node.now))
            return response
        } catch let error as APIError {
            return form(next: next, message: error.message.prefix(1).uppercased() + error.message.dropFirst() + ".", status: error.status)
        }
    }

    private func signOut(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let fields = try await FormFields.read(request, context: context)
        if case .session(_, let session) = context.identity, let secret = request.cookies[SessionCookie.name]?.value {
            guard SessionCookie.csrfMatches(session, fields["csrf_token"]) else {
                throw APIError(.csrf, "the sign-out form lacks this session's CSRF token")
            }
            try await Blocking.run { [node] in try APIError.mapping { try node.signOut(secret: secret) } }
        }
        var response = Response(status: .seeOther, headers: [.location: "/signin"])
        response.setCookie(SessionCookie.clear(secure: secure))
        return response
    }
}
