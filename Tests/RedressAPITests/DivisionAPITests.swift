import Foundation
import HTTPTypes
import RedressModel
import RedressNode
import RedressStore
import RedressTestSupport
import Testing

/// `GET /api/v1/divisions` and `POST /api/v1/divisions/{code}`: the promises,
/// calendar and holidays of `redress division set` over HTTP, for admins only.
@Suite struct DivisionAPITests {
    @Test func anAdminSetsPromisesCalendarAndHolidaysAndOthersMayOnlyRead() async throws {
        let api = try APIFixture()
        _ = try api.fixture.account(.agent)
        let admin = try api.token("root"), agent = try api.token("agent-retail")
        let body = #"{"acknowledge":"2 working days","respond":"8 weeks","supervisor_respond":"5 working days","time_zone":"Europe/London","working_days":"mon-fri","working_hours":"08:30-16:30","holidays_add":["2026-12-25","2026-12-28"]}"#
        let before = try api.node.store.digest()
        let refused = try await api.send(.post, "/api/v1/divisions/retail", json: body, token: agent)
        #expect(refused.status == .forbidden, "\(refused.body)")
        #expect(try api.node.store.digest() == before)

        let saved = try await api.send(.post, "/api/v1/divisions/retail", json: body, token: admin)
        #expect(saved.status == .ok, "\(saved.body)")
        #expect(saved.json["acknowledge"] as? String == "2 working days" && saved.json["working_hours"] as? String == "08:30-16:30")
        #expect(saved.json["holidays"] as? [String] == ["2026-12-25", "2026-12-28"])
        let retail = try #require(try api.node.divisions().first { $0.code == "retail" })
        #expect(retail.conduct.respond.description == "8 weeks" && retail.conduct.calendar.timeZone.identifier == "Europe/London")

        let listed = try await api.send(.get, "/api/v1/divisions", token: agent)
        let divisions = try #require(try JSONSerialization.jsonObject(with: Data(listed.body.utf8)) as? [[String: Any]])
        #expect(divisions.first { $0["code"] as? String == "retail" }?["supervisor_respond"] as? String == "5 working days")

        // Nonsense is refused by field, whole: nothing of the request is written.
        let settled = try api.node.store.digest()
        for (json, field) in [(#"{"acknowledge":"2 fortnights"}"#, "acknowledge"), (#"{"working_hours":"17:00-09:00"}"#, "working-hours"),
                              (#"{"respond":"1 day","holidays_add":["2026-02-30"]}"#, "holidays"), (#"{"colour":"red"}"#, "colour")] {
            let reply = try await api.send(.post, "/api/v1/divisions/retail", json: json, token: admin)
            #expect(reply.status == .badRequest && reply.json["field"] as? String == field, "\(json): \(reply.body)")
        }
        #expect(try api.node.store.digest() == settled)
    }

    @Test func everySignedInRoleReadsTheDivisionsAndNobodyElse() async throws {
        let api = try APIFixture()
        #expect(try await api.send(.get, "/api/v1/divisions").status == .unauthorized)
        for role in Role.allCases {
            let token = try api.token(NodeFixture.login(role, "retail"))
            let listed = try await api.send(.get, "/api/v1/divisions", token: token)
            #expect(listed.status == .ok && listed.body.contains(#""code":"north""#), "\(role): \(listed.status)")
        }
    }

    @Test func aBrowserSessionMustSendItsCSRFTokenAndHostileTextComesBackAsData() async throws {
        let api = try APIFixture()
        let signIn = try await api.send(.post, "/api/v1/session", json: #"{"login":"admin-retail","password":"\#(NodeFixture.password)"}"#)
        let secret = try #require(signIn.cookie("redress_session")), csrf = try #require(signIn.json["csrf_token"] as? String)
        var headers: HTTPFields = [.cookie: "redress_session=\(secret)"]
        let before = try api.node.store.digest()
        let forged = try await api.send(.post, "/api/v1/divisions/retail", json: #"{"respond":"1 day"}"#, headers: headers)
        #expect(forged.status == .forbidden && forged.error == "csrf_token_missing")
        #expect(try api.node.store.digest() == before)
        headers[HTTPField.Name("X-CSRF-Token")!] = csrf
        let hostile = #"<script>alert(1)</script> & \"Co\""#
        let saved = try await api.send(.post, "/api/v1/divisions/retail", json: #"{"name":"\#(hostile)"}"#, headers: headers)
        #expect(saved.status == .ok && saved.headers[.contentType] == "application/json")
        #expect(saved.json["name"] as? String == #"<script>alert(1)</script> & "Co""#, "the JSON carries the text itself, escaped as JSON")
    }
}
