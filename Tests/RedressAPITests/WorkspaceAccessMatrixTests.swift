import Foundation
import HTTPTypes
import RedressAPI
import RedressModel
import RedressNode
import RedressStore
import RedressTestSupport
import Testing

/// docs/ACCESS.md through the staff workspace's forms: every action the web
/// app offers, by a signed-in browser (session cookie and CSRF token) of
/// every role, in its own division and another, at the levels that matter;
/// a refusal is 403 (or 404 where the complaint may not be seen) and changes
/// nothing. The same cells as `APIAccessMatrixTests`, through the other door.
@Suite struct WorkspaceAccessMatrixTests {
    /// What the workspace offers: every complaint action, accounts (`/admin/accounts`) and
    /// reply templates (`/admin/templates`, under manage-taxonomy). Reports are the
    /// dashboard's routes, checked by `APIAccessMatrixTests`.
    static let webActions: Set<AccessAction> = Set(AccessAction.allCases).subtracting([
        .importComplaints, .manageCustomerCounts, .manageNodes, .viewReports,
    ])

    @Test func everyCellOfTheMatrixHoldsThroughTheWorkspace() async throws {
        let api = try APIFixture()
        let document = try AccessMatrixDocument.load()
        var browsers: [Role: (cookie: String, csrf: String)] = [:]
        for role in Role.allCases {
            let signedIn = try api.node.signIn(login: NodeFixture.login(role, "retail"), password: NodeFixture.password, source: "127.0.0.1")
            browsers[role] = ("redress_session=\(signedIn.sessionSecret)", signedIn.csrfToken)
        }
        let keys = document.cells.keys.filter { Self.webActions.contains($0.action) }
            .sorted { ($0.action.rawValue, $0.role.rawValue, $0.scope.rawValue) < ($1.action.rawValue, $1.role.rawValue, $1.scope.rawValue) }
        var checked = 0
        for key in keys {
            let levels = key.action.isLevelGated ? (key.action == .deescalate ? [2, 3] : [1, 2, 3]) : [1]
            for level in levels {
                let division = key.scope == .ownDivision ? "retail" : "north"
                let browser = try #require(browsers[key.role])
                let expected = try #require(document.allows(key, level: level))
                let id = try APIAccessMatrixTests.prepare(key.action, division: division, level: level, api)
                let before = try api.node.store.digest()
                let status = try await attempt(key.action, division: division, id: id, browser: browser, checked, api)
                let cell = "\(key.action.rawValue) by \(key.role) in \(key.scope) division at level \(level)"
                if expected {
                    #expect(status == .seeOther || status == .created || status == .ok, "\(cell): \(status)")
                } else {
                    #expect(status == .forbidden || status == .notFound, "\(cell): \(status)")
                    #expect(try api.node.store.digest() == before, "\(cell) was refused but changed the store")
                }
                checked += 1
            }
        }
        #expect(checked >= Self.webActions.count * Role.allCases.count * 2)
    }

    private func attempt(_ action: AccessAction, division: String, id: String?, browser: (cookie: String, csrf: String), _ n: Int,
                         _ api: APIFixture) async throws -> HTTPResponse.Status {
        func send(_ method: HTTPRequest.Method, _ uri: String, _ fields: [(String, String)] = []) async throws -> APIFixture.Reply {
            var headers: HTTPFields = [.cookie: browser.cookie]
            var body: String?
            if method == .post {
                headers[.contentType] = "application/x-www-form-urlencoded"
                let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
                body = (fields + [("csrf_token", browser.csrf)])
                    .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
            }
            return try await api.send([.init(method: method, uri: uri, headers: headers, body: body)])[0]
        }
        switch action {
        case .record:
            return try await send(.post, "/complaints", [
                ("division", division), ("channel", "email"), ("complainant_name", "Ada Moss"), ("category", "fees"),
                ("description", "Charged twice"),
            ]).status
        case .read:
            let id = try #require(id)
            let shown = try await send(.get, "/complaints/\(id)")
            let listed = try await send(.get, "/?queue=all&division=\(division)")
            if shown.status == .ok, listed.status == .ok, listed.body.contains(id) { return .ok }
            #expect(shown.status == .notFound || shown.status == .seeOther || shown.status == .forbidden, "read \(division): page answered \(shown.status)")
            #expect(!listed.body.contains(id), "read \(division): the inbox lists a complaint it may not show")
            return shown.status == .ok ? .ok : .notFound
        case .manageAccounts:
            return try await send(.post, "/admin/accounts", [
                ("login", "new-\(n)"), ("name", "New"), ("division", division), ("role", "agent"), ("password", "long enough pass"),
            ]).status
        case .manageTaxonomy:
            return try await send(.post, "/admin/templates", [("division", division), ("name", "T\(n)"), ("text", "Wording")]).status
        case .erasePersonalData:
            return try await send(.post, "/complaints/\(try #require(id))/erase-personal-data", [("confirm", "yes")]).status
        default:
            let (name, fields) = Self.form(for: action)
            return try await send(.post, "/complaints/\(try #require(id))/\(name)", fields).status
        }
    }

    static func form(for action: AccessAction) -> (String, [(String, String)]) {
        switch action {
        case .respond: ("respond", [("decision", "Refunded"), ("remedy", "refund"), ("outcome", "upheld")])
        case .close: ("close", [("csat", "4")])
        case .refer: ("refer", [("scheme", "Financial Ombudsman")])
        case .assign: ("assign", [("to", "agent-retail")])
        case .note: ("note", [("text", "Called back")])
        case .tag: ("tag", [("add", "vip")])
        case .hold: ("hold", [("reason", "awaiting a receipt")])
        default: (action.rawValue, [])
        }
    }
}
