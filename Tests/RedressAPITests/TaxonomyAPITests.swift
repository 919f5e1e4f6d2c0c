import Foundation
import HTTPTypes
import RedressModel
import RedressNode
import RedressStore
import RedressTestSupport
import Testing

/// `/api/v1/taxonomy` and `/api/v1/reference-history`: the shared taxonomy
/// of `redress taxonomy` over HTTP (edited by admins, read by anyone signed
/// in) and who changed the reference data (admins).
@Suite struct TaxonomyAPITests {
    @Test func anAdminAddsRelabelsAndRetiresEntriesAndTheHistorySaysWho() async throws {
        let api = try APIFixture()
        let admin = try api.token("root"), agent = try api.token(NodeFixture.login(.agent, "retail"))
        let before = try api.node.store.digest()
        let refused = try await api.send(.post, "/api/v1/taxonomy/product/savings", json: #"{"label":"Savings"}"#, token: agent)
        #expect(refused.status == .forbidden, "\(refused.body)")
        #expect(try await api.send(.get, "/api/v1/reference-history", token: agent).status == .forbidden)
        #expect(try api.node.store.digest() == before)

        let added = try await api.send(.post, "/api/v1/taxonomy/product/savings", json: #"{"label":" Savings "}"#, token: admin)
        #expect(added.status == .ok && added.json["label"] as? String == "Savings" && added.json["kind"] as? String == "product", "\(added.body)")
        #expect(try await api.send(.post, "/api/v1/taxonomy/product/savings", json: #"{"label":"Savings account"}"#, token: admin).status == .ok)
        #expect(try await api.send(.post, "/api/v1/taxonomy/category/staff/retire", token: admin).status == .noContent)

        let listed = try await api.send(.get, "/api/v1/taxonomy", token: agent)
        let taxonomy = try #require(try JSONSerialization.jsonObject(with: Data(listed.body.utf8)) as? [String: [[String: String]]])
        #expect(taxonomy["product"] == [["kind": "product", "code": "savings", "label": "Savings account"]])
        #expect(taxonomy["category"]?.contains { $0["code"] == "staff" } == false)
        #expect(taxonomy["category"]?.contains { $0["code"] == "fees" } == true)

        let history = try await api.send(.get, "/api/v1/reference-history?subject=taxonomy", token: admin)
        let changes = try #require(try JSONSerialization.jsonObject(with: Data(history.body.utf8)) as? [[String: Any]])
        #expect(changes.map { "\($0["subject"] ?? "") \($0["summary"] ?? "")" } == [
            "taxonomy/category/staff retired",
            "taxonomy/product/savings label: Savings → Savings account",
            "taxonomy/product/savings added as \"Savings\"",
        ])
        #expect(changes.allSatisfy { $0["user"] as? String == "root" && $0["node"] as? String == api.node.store.node.description })
        let limited = try await api.send(.get, "/api/v1/reference-history?limit=1", token: admin)
        #expect(limited.status == .ok && limited.body.contains("staff") && !limited.body.contains("savings"))
    }

    @Test func aBrowserSessionMustSendItsCSRFTokenAndHostileTextComesBackAsData() async throws {
        let api = try APIFixture()
        let signIn = try await api.send(.post, "/api/v1/session", json: #"{"login":"admin-retail","password":"\#(NodeFixture.password)"}"#)
        let secret = try #require(signIn.cookie("redress_session")), csrf = try #require(signIn.json["csrf_token"] as? String)
        var headers: HTTPFields = [.cookie: "redress_session=\(secret)"]
        let before = try api.node.store.digest()
        for uri in ["/api/v1/taxonomy/product/isa", "/api/v1/taxonomy/category/staff/retire"] {
            let forged = try await api.send(.post, uri, json: #"{"label":"ISA"}"#, headers: headers)
            #expect(forged.status == .forbidden && forged.error == "csrf_token_missing", "\(uri): \(forged.status)")
        }
        #expect(try api.node.store.digest() == before)
        headers[HTTPField.Name("X-CSRF-Token")!] = csrf
        let hostile = #"<script>alert(1)</script> & \"Co\""#
        let saved = try await api.send(.post, "/api/v1/taxonomy/product/isa", json: #"{"label":"\#(hostile)"}"#, headers: headers)
        #expect(saved.status == .ok && saved.headers[.contentType] == "application/json")
        #expect(saved.json["label"] as? String == #"<script>alert(1)</script> & "Co""#, "the JSON carries the text itself, escaped as JSON")
        let history = try await api.send(.get, "/api/v1/reference-history?subject=taxonomy/product/isa", headers: headers)
        #expect(history.status == .ok && history.headers[.contentType] == "application/json")
        let changes = try #require(try JSONSerialization.jsonObject(with: Data(history.body.utf8)) as? [[String: Any]])
        #expect(changes.first?["summary"] as? String == #"added as "<script>alert(1)</script> & "Co"""#)
        #expect(!history.body.contains(#"added as "<"#), "quotes inside the JSON string are escaped")
    }

    @Test func nonsenseIsRefusedByNameAndChangesNothing() async throws {
        let api = try APIFixture()
        let admin = try api.token("root")
        try api.node.saveTaxon(.product, code: "gone", label: "Gone", by: api.fixture.admin)
        try api.node.retireTaxon(.product, code: "gone", by: api.fixture.admin)
        let before = try api.node.store.digest()
        for (method, uri, json, status) in [
            (HTTPRequest.Method.post, "/api/v1/taxonomy/flavour/x", #"{"label":"X"}"#, HTTPResponse.Status.notFound),
            (.post, "/api/v1/taxonomy/product/Not%20A%20Code", #"{"label":"X"}"#, .badRequest),
            (.post, "/api/v1/taxonomy/product/ok", #"{}"#, .badRequest),
            (.post, "/api/v1/taxonomy/product/ok", #"{"label":"X","colour":"red"}"#, .badRequest),
            (.post, "/api/v1/taxonomy/product/gone", #"{"label":"Back again"}"#, .badRequest),
            (.post, "/api/v1/taxonomy/product/never-there/retire", nil, .badRequest),
            (.get, "/api/v1/reference-history?subject=accounts", nil, .badRequest),
            (.get, "/api/v1/reference-history?limit=0", nil, .badRequest),
            (.get, "/api/v1/reference-history?colour=red", nil, .badRequest),
        ] as [(HTTPRequest.Method, String, String?, HTTPResponse.Status)] {
            let reply = try await api.send(method, uri, json: json, token: admin)
            #expect(reply.status == status && reply.error != nil, "\(method) \(uri): \(reply.status) \(reply.body)")
        }
        #expect(try api.node.store.digest() == before)
    }
}
