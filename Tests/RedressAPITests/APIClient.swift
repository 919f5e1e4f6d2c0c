import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RedressAPI
import RedressDashboard
import RedressModel
import RedressNode
import RedressStore
import RedressTestSupport
import Testing

/// A node's HTTP server in-process (Hummingbird's router test framework), with helpers to call it.
struct APIFixture {
    let fixture: NodeFixture
    var node: NodeService { fixture.node }

    init(accounts: Bool = true) throws {
        fixture = try NodeFixture(accounts: accounts)
    }

    struct Reply {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:] }
        var error: String? { json["error"] as? String }
        /// `name=value` of each Set-Cookie header.
        func cookie(_ name: String) -> String? {
            headers[values: .setCookie].compactMap { header -> String? in
                let pair = header.split(separator: ";").first.map(String.init) ?? ""
                return pair.hasPrefix(name + "=") ? String(pair.dropFirst(name.count + 1)) : nil
            }.first
        }
    }

    struct Request {
        var method: HTTPRequest.Method
        var uri: String
        var headers: HTTPFields = [:]
        var body: String? = nil
    }

    /// Requests to the server's routes; `secure` says the server speaks HTTPS (cookies are then Secure).
    func send(_ requests: [Request], secure: Bool = false) async throws -> [Reply] {
        let router = NodeHTTPServer.router(node: node, dashboard: DashboardRouter(store: node.store, clock: { [clock = fixture.clock] in clock.now }),
                                           secure: secure)
        return try await Application(router: router).test(.router) { client in
            var replies: [Reply] = []
            for request in requests {
                let reply = try await client.execute(uri: request.uri, method: request.method, headers: request.headers,
                                                     body: request.body.map { ByteBuffer(string: $0) }) { response in
                    Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
                }
                replies.append(reply)
            }
            return replies
        }
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, token: String? = nil,
              headers: HTTPFields = [:]) async throws -> Reply {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await send([Request(method: method, uri: uri, headers: headers, body: json)])[0]
    }

    /// A token acting as `login`.
    func token(_ login: String) throws -> String {
        try node.createToken(for: login, name: "t-\(login)-\(UUID().uuidString.prefix(8))", by: fixture.admin).text
    }

    static let ada = #"{"channel":"email","complainant":{"name":"Ada Moss","contact":"ada@example.org"},"product":"Current account","category":"fees","description":"Charged twice","requested_remedy":"refund"}"#
}
