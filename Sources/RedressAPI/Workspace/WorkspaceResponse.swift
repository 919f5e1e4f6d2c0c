import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RedressModel
import RedressNode
import RedressStore

/// Who is using the workspace, and the CSRF token its forms must carry.
struct WorkspaceVisitor {
    let account: Account
    /// The session's CSRF token; empty for a bearer-token client, which needs none.
    let csrf: String
    let isBrowser: Bool

    /// The visitor of `context`, or `nil` when nobody is signed in.
    init?(_ context: NodeRequestContext) {
        switch context.identity {
        case .session(let account, let session)?: self.account = account; csrf = session.csrfToken; isBrowser = true
        case .token(let account)?: self.account = account; csrf = ""; isBrowser = false
        case nil: return nil
        }
    }

    /// Refuses a browser form that lacks this session's CSRF token.
    func checkCSRF(_ form: FormFields) throws {
        guard isBrowser else { return }
        guard let presented = form["csrf_token"], RandomText.constantTimeEquals(csrf, presented) else {
            throw APIError(.csrf, "this form had expired or did not come from this workspace; go back, reload the page and try again")
        }
    }
}

/// The workspace's answers: HTML pages under a strict policy (scripts and
/// styles only from the node's own `/static/`), redirects, and refusals as pages.
enum WorkspaceResponse {
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func page(_ view: Any, _ template: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: WorkspaceTemplates.render(view, template))))
    }

    /// 303 See Other: after a form, the browser fetches the result with GET (a reload repeats nothing).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// To the sign-in page, and back to `request`'s page afterwards (a GET; after a POST, to where the form was).
    static func signIn(returningTo request: Request) -> Response {
        let back = request.method == .get ? request.uri.string : (request.headers[.referer].flatMap { URL(string: $0)?.path } ?? "/")
        return redirect("/signin?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2F"))
    }

    struct ErrorView {
        let title: String
        let page = "error"
        let frame: PageFrame?
        let heading: String
        let message: String
        let notice: String? = nil
        let warning: String? = nil
    }

    /// A refusal as a page, in plain words, with the status the API would give.
    static func refusal(_ error: APIError, visitor: WorkspaceVisitor?, node: NodeService) -> Response {
        let heading = switch error.code {
        case .notFound: "Not found"
        case .forbidden: "Not allowed"
        case .csrf: "The form had expired"
        case .conflict: "Not possible now"
        case .invalidInput, .tooLarge, .unsupportedMediaType: "Something in the request was wrong"
        case .unauthenticated: "Please sign in again"
        case .rateLimited: "Too many attempts"
        case .unavailable: "The node is busy"
        case .internalError: "Something went wrong"
        }
        let message = error.message.prefix(1).uppercased() + error.message.dropFirst() + (error.message.hasSuffix(".") ? "" : ".")
        let frame = visitor.map { PageFrame($0.account, csrf: $0.csrf, node: node) }
        return page(ErrorView(title: heading, frame: frame, heading: heading, message: message), "error", status: error.status)
    }
}
