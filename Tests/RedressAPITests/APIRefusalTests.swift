import Foundation
import HTTPTypes
import RedressAPI
import RedressModel
import RedressNode
import RedressStore
import RedressTestSupport
import Testing

/// Every refusal of the API: its status, its JSON, and nothing written.
@Suite struct APIRefusalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var body: String?
        var contentType: String? = "application/json"
        var status: Int
        var error: String
        var mentions: String
        var testDescription: String { "\(method) \(path) → \(status)" }
    }

    static let cases: [Case] = [
        Case(method: .post, path: "/api/v1/complaints", body: #"{"channel":"pigeon","complainant":{"name":"A"},"category":"fees","description":"x"}"#,
             status: 400, error: "invalid_input", mentions: "channel"),
        Case(method: .post, path: "/api/v1/complaints", body: #"{"chanel":"email"}"#, status: 400, error: "invalid_input", mentions: "chanel"),
        Case(method: .post, path: "/api/v1/complaints", body: "not json", status: 400, error: "invalid_input", mentions: "JSON"),
        Case(method: .post, path: "/api/v1/complaints", body: APIFixture.ada, contentType: "text/plain", status: 415, error: "unsupported_media_type", mentions: "application/json"),
        Case(method: .post, path: "/api/v1/complaints", body: #"{"description":""# + String(repeating: "x", count: 300_000) + #""}"#,
             status: 413, error: "payload_too_large", mentions: "KiB"),
        Case(method: .post, path: "/api/v1/complaints/ID/respond", body: #"{"decision":"x"}"#, status: 400, error: "invalid_input", mentions: "remedy"),
        Case(method: .post, path: "/api/v1/complaints/ID/respond", body: #"{"decision":"x","remedy":"teleport","outcome":"upheld"}"#, status: 400, error: "invalid_input", mentions: "remedy"),
        Case(method: .post, path: "/api/v1/complaints/ID/respond", body: #"{"decision":"x","remedy":"refund"}"#, status: 400, error: "invalid_input", mentions: "outcome"),
        Case(method: .post, path: "/api/v1/complaints/ID/respond", body: #"{"decision":"x","remedy":"refund","outcome":"maybe"}"#, status: 400, error: "invalid_input", mentions: "not-upheld"),
        Case(method: .post, path: "/api/v1/complaints/ID/respond", body: #"{"decision":"x","remedy":"refund","outcome":"upheld","redress_amount":"-5.00","redress_currency":"GBP"}"#,
             status: 400, error: "invalid_input", mentions: "negative"),
        Case(method: .post, path: "/api/v1/complaints/ID/respond", body: #"{"decision":"x","remedy":"refund","outcome":"upheld","redress_amount":"5.00","redress_currency":"XYZ"}"#,
             status: 400, error: "invalid_input", mentions: "ISO 4217"),
        Case(method: .post, path: "/api/v1/complaints/ID/resume", body: "{}", status: 409, error: "conflict", mentions: "not on hold"),
        Case(method: .post, path: "/api/v1/complaints/ID/hold", body: "{}", status: 400, error: "invalid_input", mentions: "reason"),
        Case(method: .post, path: "/api/v1/complaints/ID/close", body: #"{"csat":7}"#, status: 400, error: "invalid_input", mentions: "csat"),
        Case(method: .post, path: "/api/v1/complaints/ID/close", body: #"{"csat":"5"}"#, status: 400, error: "invalid_input", mentions: "integer"),
        Case(method: .post, path: "/api/v1/complaints/ID/acknowledge", body: #"{"why":"x"}"#, status: 400, error: "invalid_input", mentions: "why"),
        Case(method: .post, path: "/api/v1/complaints/ID/assess", body: nil, status: 409, error: "conflict", mentions: "assess is allowed only when it is acknowledged"),
        Case(method: .post, path: "/api/v1/complaints/ID/teleport", body: "{}", status: 404, error: "not_found", mentions: "teleport"),
        Case(method: .post, path: "/api/v1/complaints/0190aaaa-0000-7000-8000-000000000000/acknowledge", body: nil, status: 404, error: "not_found", mentions: "no complaint"),
        Case(method: .get, path: "/api/v1/complaints/0190aaaa-0000-7000-8000-000000000000", body: nil, status: 404, error: "not_found", mentions: "no complaint"),
        Case(method: .get, path: "/api/v1/complaints?stage=limbo", body: nil, status: 400, error: "invalid_input", mentions: "stage"),
        Case(method: .get, path: "/api/v1/complaints?limit=0", body: nil, status: 400, error: "invalid_input", mentions: "limit"),
        Case(method: .get, path: "/api/v1/complaints?colour=red", body: nil, status: 400, error: "invalid_input", mentions: "colour"),
        Case(method: .get, path: "/api/v1/complaints?cursor=bogus", body: nil, status: 400, error: "invalid_input", mentions: "cursor"),
        Case(method: .get, path: "/api/v1/complaints?division=north", body: nil, status: 403, error: "forbidden", mentions: "own division"),
        Case(method: .get, path: "/api/v1/complaints?q=" + String(repeating: "x", count: 201), body: nil, status: 400, error: "invalid_input", mentions: "200 characters"),
        Case(method: .post, path: "/api/v1/complaints", body: APIFixture.ada.replacingOccurrences(of: "Charged twice", with: #"Charged\u0000twice"#),
             status: 400, error: "invalid_input", mentions: "control character"),
        Case(method: .post, path: "/api/v1/complaints", body: APIFixture.ada.replacingOccurrences(of: #""channel""#, with: #""received_at":"2026-11-24garbage","channel""#),
             status: 400, error: "invalid_input", mentions: "ISO 8601"),
        Case(method: .post, path: "/api/v1/complaints", body: APIFixture.ada.replacingOccurrences(of: #""channel""#, with: #""received_at":"9999-12-31T00:00:00Z","channel""#),
             status: 400, error: "invalid_input", mentions: "tomorrow"),
        Case(method: .post, path: "/api/v1/complaints/ID/deescalate", body: nil, status: 409, error: "conflict", mentions: "first-level agent"),
    ]

    @Test(arguments: cases)
    func aRefusalHasItsStatusNamesTheProblemAndWritesNothing(_ refusal: Case) async throws {
        let api = try APIFixture()
        let agent = try api.fixture.account(.agent)
        let id = try api.node.record(NodeFixture.complaint(), by: agent).id
        let token = try api.token("agent-retail")
        let before = try api.node.store.digest()
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if let type = refusal.contentType, refusal.body != nil { headers[.contentType] = type }
        let reply = try await api.send([.init(method: refusal.method, uri: refusal.path.replacingOccurrences(of: "ID", with: id.description),
                                              headers: headers, body: refusal.body)])[0]
        #expect(Int(reply.status.code) == refusal.status, "\(reply.body)")
        #expect(reply.error == refusal.error, "\(reply.body)")
        #expect((reply.json["message"] as? String)?.contains(refusal.mentions) == true, "\(reply.body)")
        #expect(reply.headers[.contentType] == "application/json")
        #expect(try api.node.store.digest() == before)
    }

    @Test func aStepsRefusalNamesTheBodyField() async throws {
        let api = try APIFixture()
        let agent = try api.fixture.account(.agent)
        let id = try api.node.record(NodeFixture.complaint(), by: agent).id
        try api.node.perform(.lifecycle(.acknowledge, .init()), on: id.description, by: agent)
        let token = try api.token("agent-retail")
        for (step, body, field) in [("respond", #"{"decision":"x","remedy":"refund","root_cause":"gremlins","outcome":"upheld"}"#, "root_cause"),
                                    ("assign", #"{"to":"  "}"#, "to"), ("note", #"{"text":" "}"#, "text"), ("tag", #"{"add":["no spaces"]}"#, "add")] {
            let reply = try await api.send(.post, "/api/v1/complaints/\(id)/\(step)", json: body, token: token)
            #expect(reply.status == .badRequest && reply.json["field"] as? String == field, "\(step): \(reply.body)")
        }
    }

    @Test func aStepTheStageDoesNotAllowIs409() async throws {
        let api = try APIFixture()
        let agent = try api.fixture.account(.agent)
        let id = try api.node.record(NodeFixture.complaint(), by: agent).id
        try api.node.perform(.lifecycle(.close, .init()), on: id.description, by: agent)
        let token = try api.token("agent-retail")
        for (step, body) in [("escalate", "{}"), ("assign", #"{"to":"agent-retail"}"#)] {
            let reply = try await api.send(.post, "/api/v1/complaints/\(id)/\(step)", json: body, token: token)
            #expect(reply.status == .conflict && reply.error == "conflict", "\(step): \(reply.body)")
        }
    }

    @Test func aPrefixSharedWithComplaintsOneMayNotSeeNeitherFailsNorRevealsThem() throws {
        let api = try APIFixture()
        let northID = try api.node.record(NodeFixture.complaint(division: "north"), by: api.fixture.admin).id
        let agent = try api.fixture.account(.agent)
        // Only a north complaint starts with this prefix: to a retail agent it does not exist.
        let error = try #require(throws: NodeError.self) { try api.node.complaint(String(northID.description.prefix(30)), by: agent) }
        #expect(error.kind == .notFound && error.message.contains("no complaint"))
        // And a retail agent's own complaint resolves by prefix.
        let ownID = try api.node.record(NodeFixture.complaint(), by: agent).id
        #expect(try api.node.complaint(String(ownID.description.prefix(30)), by: agent).id == ownID)
    }

    @Test func a401SaysHowToAuthenticateAndTheSchemeIsCaseInsensitive() async throws {
        let api = try APIFixture()
        let refused = try await api.send(.get, "/api/v1/me")
        #expect(refused.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        let token = try api.token("agent-retail")
        #expect(try await api.send(.get, "/api/v1/me", headers: [.authorization: "bearer \(token)"]).status == .ok)
    }

    @Test func withoutCredentialsEveryRouteButSignInIs401() async throws {
        let api = try APIFixture()
        for (method, path) in [(HTTPRequest.Method.get, "/api/v1/me"), (.get, "/api/v1/complaints"), (.post, "/api/v1/complaints"),
                               (.get, "/api/v1/complaints/abcdef"), (.post, "/api/v1/complaints/abcdef/acknowledge")] {
            let reply = try await api.send(method, path, json: method == .post ? "{}" : nil)
            #expect(reply.status == .unauthorized && reply.error == "unauthenticated", "\(method) \(path): \(reply.status)")
        }
    }
}

@Suite struct APIComplaintTests {
    @Test func listPagesFiltersAndSearchesAndAnErasedComplainantIsNotFound() async throws {
        let api = try APIFixture()
        let agent = try api.fixture.account(.agent)
        var ids: [String] = []
        for index in 0..<5 {
            api.fixture.clock.advance(by: 1000)
            ids.append(try api.node.record(NodeFixture.complaint(name: "Person \(index)", description: index == 3 ? "Charged twice for a transfer" : "Card blocked"), by: agent).id.description)
        }
        try api.node.perform(.note(text: "Spoke to Quentin Blake", communication: true), on: ids[1], by: agent)
        let token = try api.token("agent-retail")
        var seen: [String] = []
        var uri = "/api/v1/complaints?limit=2"
        for _ in 0..<5 {
            let page = try await api.send(.get, uri, token: token)
            #expect(page.status == .ok)
            seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            guard let next = page.json["next_cursor"] as? String else { break }
            uri = "/api/v1/complaints?limit=2&cursor=\(next)"
        }
        #expect(seen == ids)
        func search(_ words: String) async throws -> [String] {
            let reply = try await api.send(.get, "/api/v1/complaints?q=\(words.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: token)
            return (reply.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(try await search("twice TRANSFER") == [ids[3]])
        #expect(try await search("quentin") == [ids[1]])
        #expect(try await search("Person 4") == [ids[4]])
        #expect(try await search("100%_") == [])
        let supervisor = try api.token("supervisor-retail")
        let erased = try await api.send(.post, "/api/v1/complaints/\(ids[1])/erase-personal-data", token: supervisor)
        #expect(erased.status == .ok && erased.json["personal_data_erased"] as? Bool == true)
        #expect(try await search("quentin") == [])
        #expect(try await search("Person 1") == [])
        try api.node.store.checkpoint()
        #expect(try NodeFixture.filesContain("Quentin", in: api.node.store.directory).isEmpty)
    }

    @Test func aStepAnswersTheMergedComplaintWithItsHistoryAndWhoDidIt() async throws {
        let api = try APIFixture()
        let token = try api.token("agent-retail")
        let created = try await api.send(.post, "/api/v1/complaints", json: APIFixture.ada, token: token)
        let id = try #require(created.json["id"] as? String)
        let acknowledged = try await api.send(.post, "/api/v1/complaints/\(id.prefix(8))/acknowledge", token: token)
        #expect(acknowledged.status == .ok && acknowledged.json["stage"] as? String == "acknowledged")
        let history = try #require(acknowledged.json["history"] as? [[String: Any]])
        #expect(history.last?["user"] as? String == "agent-retail" && history.last?["user_name"] as? String == "agent of retail")
        let shown = try await api.send(.get, "/api/v1/complaints/\(id)", token: token)
        #expect((shown.json["complainant"] as? [String: Any])?["name"] as? String == "Ada Moss")
    }

    @Test func theServedOpenAPIDocumentIsTheOneInDocs() async throws {
        let api = try APIFixture(accounts: false)
        let served = try await api.send(.get, "/api/v1/openapi.json")
        #expect(served.status == .ok)
        let docs = try String(contentsOf: AccessMatrixDocument.repositoryRoot.appendingPathComponent("docs/openapi.json"), encoding: .utf8)
        #expect(served.body + "\n" == docs, "docs/openapi.json and OpenAPIDocument.swift differ: run python3 .ci/openapi.py")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(served.body.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        for step in ComplaintStep.names { #expect(paths["/complaints/{id}/\(step)"] != nil, "the document lacks \(step)") }
    }
}

@Suite struct HTTPSPolicyTests {
    @Test func plainHTTPIsRefusedOffLoopbackWithTheFix() throws {
        let api = try APIFixture(accounts: false)
        for host in ["0.0.0.0", "192.168.1.20", "::", "branch.example.org"] {
            let error = try #require(throws: HTTPServerError.self) { try NodeHTTPServer(node: api.node, host: host, port: 7480, tls: nil) }
            #expect(error.description.contains("--http-cert") && error.description.contains("not a loopback address"))
        }
        for host in ["127.0.0.1", "127.3.2.1", "localhost", "::1"] {
            #expect(throws: Never.self) { try NodeHTTPServer(node: api.node, host: host, port: 7480, tls: nil) }
        }
        #expect(throws: Never.self) {
            try NodeHTTPServer(node: api.node, host: "0.0.0.0", port: 7480, tls: .init(certificatePath: "c.pem", keyPath: "k.pem"))
        }
    }
}
