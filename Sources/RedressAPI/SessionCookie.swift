import Foundation
import Hummingbird
import RedressNode
import RedressStore

/// The browser session's cookie: HttpOnly (no script reads it), SameSite=Strict
/// (no other site's page sends it), Secure when the node serves HTTPS.
enum SessionCookie {
    static let name = "redress_session"

    static func make(_ signedIn: NodeService.SignedIn, secure: Bool, now: Int64) -> Cookie {
        Cookie(name: name, value: signedIn.sessionSecret, maxAge: Int(max(0, signedIn.expiresAt - now) / 1000), path: "/",
               secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func clear(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Whether `presented` is the session's CSRF token (compared in constant time).
    static func csrfMatches(_ session: WebSession, _ presented: String?) -> Bool {
        presented.map { RandomText.constantTimeEquals(session.csrfToken, $0) } ?? false
    }
}
