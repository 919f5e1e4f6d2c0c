import Foundation
import HTTPTypes
@testable import RedressAPI
import RedressModel
import RedressNode
import RedressStore
import RedressTestSupport
import Testing

@Suite struct APISessionTests {
    static let csrf = HTTPField.Name("X-CSRF-Token")!

    @Test func aBrowserSignsInActsWithItsCSRFTokenAndSignsOut() async throws {
        let api = try APIFixture()
        let signIn = try await api.send(.post, "/api/v1/session", json: #"{"login":"agent-retail","password":"\#(NodeFixture.password)"}"#)
        #expect(signIn.status == .created)
        let setCookie = try #require(signIn.headers[values: .setCookie].first { $0.hasPrefix("redress_session=") })
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && !setCookie.contains("Secure"))
        let secret = try #require(signIn.cookie("redress_session"))
        let csrf = try #require(signIn.json["csrf_token"] as? String)
        var headers: HTTPFields = [.cookie: "redress_session=\(secret)"]

        let me = try await api.send(.get, "/api/v1/me", headers: headers)
        #expect(me.status == .ok && me.json["login"] as? String == "agent-retail" && me.json["csrf_token"] as? String == csrf)

        // A state-changing request without the CSRF token is refused and changes nothing.
        let before = try api.node.store.digest()
        let forged = try await api.send(.post, "/api/v1/complaints", json: APIFixture.ada, headers: headers)
        #expect(forged.status == .forbidden && forged.error == "csrf_token_missing")
        headers[Self.csrf] = "not-the-token"
        #expect(try await api.send(.post, "/api/v1/complaints", json: APIFixture.ada, headers: headers).status == .forbidden)
        #expect(try api.node.store.digest() == before)

        headers[Self.csrf] = csrf
        let recorded = try await api.send(.post, "/api/v1/complaints", json: APIFixture.ada, headers: headers)
        #expect(recorded.status == .created, "\(recorded.body)")
        #expect(recorded.headers[.location]?.hasPrefix("/api/v1/complaints/") == true)
        #expect(recorded.json["created_by"] as? String == "agent-retail")

        let out = try await api.send(.delete, "/api/v1/session", headers: headers)
        #expect(out.status == .noContent)
        #expect(try await api.send(.get, "/api/v1/me", headers: headers).status == .unauthorized)
    }

    @Test func overHTTPSTheSessionCookieIsSecure() async throws {
        let api = try APIFixture()
        let signIn = try await api.send([.init(method: .post, uri: "/api/v1/session", headers: [.contentType: "application/json"],
                                               body: #"{"login":"agent-retail","password":"\#(NodeFixture.password)"}"#)], secure: true)[0]
        let setCookie = try #require(signIn.headers[values: .setCookie].first { $0.hasPrefix("redress_session=") })
        #expect(setCookie.contains("Secure") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
    }

    @Test func repeatedWrongPasswordsAreAnsweredWith429AndSaySo() async throws {
        let api = try APIFixture()
        for _ in 0..<api.node.throttle.limit {
            let wrong = try await api.send(.post, "/api/v1/session", json: #"{"login":"agent-retail","password":"guess"}"#)
            #expect(wrong.status == .unauthorized && wrong.error == "unauthenticated")
        }
        let locked = try await api.send(.post, "/api/v1/session", json: #"{"login":"agent-retail","password":"\#(NodeFixture.password)"}"#)
        #expect(locked.status == .tooManyRequests && locked.error == "rate_limited")
        #expect((locked.json["message"] as? String)?.contains("try again after") == true)
    }

    @Test func aTokenActsUntilRevokedAndADeactivatedAccountIsRefusedAtOnce() async throws {
        let api = try APIFixture()
        let token = try api.token("agent-retail")
        #expect(try await api.send(.get, "/api/v1/me", token: token).json["role"] as? String == "agent")
        // Bearer requests need no CSRF token.
        #expect(try await api.send(.post, "/api/v1/complaints", json: APIFixture.ada, token: token).status == .created)
        let session = try await api.send(.post, "/api/v1/session", json: #"{"login":"agent-retail","password":"\#(NodeFixture.password)"}"#)
        let cookie: HTTPFields = [.cookie: "redress_session=\(try #require(session.cookie("redress_session")))"]
        try api.node.deactivate("agent-retail", by: api.fixture.admin)
        #expect(try await api.send(.get, "/api/v1/me", token: token).status == .unauthorized)
        #expect(try await api.send(.get, "/api/v1/me", headers: cookie).status == .unauthorized)
        let other = try api.token("supervisor-retail")
        #expect(try await api.send(.get, "/api/v1/me", token: other).status == .ok)
        let name = try #require(try api.node.tokens(by: api.fixture.admin).first { $0.login == "supervisor-retail" }?.name)
        try api.node.revokeToken(named: name, by: api.fixture.admin)
        let revoked = try await api.send(.get, "/api/v1/me", token: other)
        #expect(revoked.status == .unauthorized && revoked.error == "unauthenticated")
        #expect(try await api.send(.get, "/api/v1/me", headers: [.authorization: "Basic abc"]).status == .unauthorized)
    }

    @Test func theSignInFormNeedsItsOwnCookieAndSendsTheBrowserBack() async throws {
        let api = try APIFixture()
        let form = try await api.send(.get, "/signin?next=/dashboard/%3Fdivision%3Dretail")
        #expect(form.status == .ok && form.body.contains("<form method=\"post\" action=\"/signin\">"))
        let token = try #require(form.cookie("redress_signin"))
        #expect(form.body.contains("value=\"\(token)\""))
        let fields = "form_token=\(token)&next=%2Fdashboard%2F&login=analyst-retail&password=\(NodeFixture.password.replacingOccurrences(of: " ", with: "+"))"
        let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        // Without the form's cookie (a post from another site): refused.
        let foreign = try await api.send([.init(method: .post, uri: "/signin", headers: formType, body: fields)])[0]
        #expect(foreign.status == .forbidden)
        var headers = formType
        headers[.cookie] = "redress_signin=\(token)"
        let posted = try await api.send([.init(method: .post, uri: "/signin", headers: headers, body: fields)])[0]
        #expect(posted.status == .seeOther && posted.headers[.location] == "/dashboard/")
        let secret = try #require(posted.cookie("redress_session"))
        let page = try await api.send(.get, "/dashboard/", headers: [.cookie: "redress_session=\(secret)"])
        #expect(page.status == .ok && page.body.contains("<svg"))
        // A next page on another site is never followed.
        #expect(SignInPageTestHook.safeNext("//evil.example/") == "/")
        #expect(SignInPageTestHook.safeNext("https://evil.example/") == "/")
    }

    @Test func theDashboardNeedsAnAccountAllowedToSeeEveryDivisionsFigures() async throws {
        let api = try APIFixture()
        let anonymous = try await api.send(.get, "/dashboard/")
        #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/signin?next=") == true)
        #expect(try await api.send(.get, "/dashboard/api/snapshot").status == .unauthorized)
        #expect(try await api.send(.get, "/dashboard/api/kpis", token: try api.token("agent-retail")).status == .forbidden)
        #expect(try await api.send(.get, "/dashboard/api/kpis", token: try api.token("supervisor-retail")).status == .forbidden)
        for login in ["analyst-retail", "manager-north", "root"] {
            let reply = try await api.send(.get, "/dashboard/api/kpis", token: try api.token(login))
            #expect(reply.status == .ok, "\(login): \(reply.status)")
        }
        #expect(try await api.send(.get, "/healthz").status == .ok)
    }
}

/// `SignInPage.safeNext` is internal; tests reach it through the module's `@testable` import.
enum SignInPageTestHook {
    static func safeNext(_ next: String) -> String { SignInPage.safeNext(next) }
}
