import Foundation
import HTTPTypes
import RedressAPI
import RedressModel
import RedressNode
import RedressStore
import RedressTestSupport
import Testing

/// docs/ACCESS.md through HTTP: every action the API offers, by a bearer
/// token of every role, in its own division and another, at the levels that
/// matter; a refusal is 403 (or 404 where the complaint may not be seen) and
/// changes nothing.
@Suite struct APIAccessMatrixTests {
    static let apiActions: Set<AccessAction> = Set(AccessAction.allCases).subtracting([
        .importComplaints, .manageAccounts, .manageCustomerCounts, .manageNodes,
    ])

    @Test func everyCellOfTheMatrixHoldsThroughHTTP() async throws {
        let api = try APIFixture()
        let document = try AccessMatrixDocument.load()
        var tokens: [Role: String] = [:]
        for role in Role.allCases { tokens[role] = try api.token(NodeFixture.login(role, "retail")) }
        let keys = document.cells.keys.filter { Self.apiActions.contains($0.action) }
            .sorted { ($0.action.rawValue, $0.role.rawValue, $0.scope.rawValue) < ($1.action.rawValue, $1.role.rawValue, $1.scope.rawValue) }
        var checked = 0
        for key in keys {
            let levels = key.action.isLevelGated ? (key.action == .deescalate ? [2, 3] : [1, 2, 3]) : [1]
            for level in levels {
                let division = key.scope == .ownDivision ? "retail" : "north"
                let token = try #require(tokens[key.role])
                let expected = try #require(document.allows(key, level: level))
                let id = try Self.prepare(key.action, division: division, level: level, api)
                let before = try api.node.store.digest()
                let status = try await attempt(key.action, division: division, id: id, token: token, api)
                let cell = "\(key.action.rawValue) by \(key.role) in \(key.scope) division at level \(level)"
                if expected {
                    #expect((200..<300).contains(status.code), "\(cell): \(status)")
                } else {
                    #expect(status == .forbidden || status == .notFound, "\(cell): \(status)")
                    #expect(try api.node.store.digest() == before, "\(cell) was refused but changed the store")
                }
                checked += 1
            }
        }
        #expect(checked >= Self.apiActions.count * Role.allCases.count * 2)
    }

    static func prepare(_ action: AccessAction, division: String, level: Int, _ api: APIFixture) throws -> String? {
        let admin = api.fixture.admin, node = api.node
        guard action != .record, action != .viewReports, action != .manageTaxonomy else { return nil }
        let id = try node.record(NodeFixture.complaint(division: division), by: admin).id
        func step(_ step: ComplaintStep) throws { try node.perform(step, on: id.description, by: admin) }
        switch action {
        case .assess, .investigate, .respond, .hold: try step(.lifecycle(.acknowledge, .init()))
        case .resume:
            try step(.lifecycle(.acknowledge, .init()))
            try step(.hold(reason: "awaiting a receipt"))
        case .reopen: try step(.lifecycle(.close, .init()))
        case .refer:
            try step(.lifecycle(.acknowledge, .init()))
            try step(.lifecycle(.respond, .init(decision: "Refunded", remedy: "refund", outcome: .upheld)))
        default: break
        }
        for _ in 1..<level { try step(.escalate) }
        return id.description
    }

    private func attempt(_ action: AccessAction, division: String, id: String?, token: String, _ api: APIFixture) async throws -> HTTPResponse.Status {
        switch action {
        case .record:
            let body = APIFixture.ada.replacingOccurrences(of: #""channel""#, with: #""division":"\#(division)","channel""#)
            return try await api.send(.post, "/api/v1/complaints", json: body, token: token).status
        case .read:
            let id = try #require(id)
            let shown = try await api.send(.get, "/api/v1/complaints/\(id)", token: token)
            let listed = try await api.send(.get, "/api/v1/complaints?division=\(division)&limit=500", token: token)
            if shown.status == .ok, listed.status == .ok, listed.body.contains(id) { return .ok }
            #expect(shown.status == .notFound, "read \(division): show answered \(shown.status)")
            #expect(listed.status == .forbidden, "read \(division): list answered \(listed.status)")
            return .forbidden
        case .manageTaxonomy:
            // Every reference-data route answers alike: a division's promises, a
            // taxonomy entry added and retired (a new code each time, so an allowed
            // cell never meets a code retired by an earlier one), and who changed them.
            let code = "t" + UUID().uuidString.prefix(8).lowercased()
            var statuses: [HTTPResponse.Status] = []
            statuses.append(try await api.send(.post, "/api/v1/divisions/\(division)", json: #"{"respond":"10 working days"}"#, token: token).status)
            statuses.append(try await api.send(.post, "/api/v1/taxonomy/product/\(code)", json: #"{"label":"Product \#(code)"}"#, token: token).status)
            statuses.append(try await api.send(.post, "/api/v1/taxonomy/product/\(code)/retire", token: token).status)
            statuses.append(try await api.send(.get, "/api/v1/reference-history?subject=taxonomy/product/\(code)", token: token).status)
            if statuses.allSatisfy({ (200..<300).contains($0.code) }) { return .ok }
            // Refused: by every route, as forbidden (not as bad input, nor half allowed).
            #expect(statuses.allSatisfy { $0 == .forbidden }, "manage-taxonomy in \(division): the reference routes disagree: \(statuses)")
            return statuses.allSatisfy { $0 == .forbidden } ? .forbidden : .internalServerError
        case .viewReports:
            // Every route of the dashboard answers alike.
            var statuses: Set<HTTPResponse.Status> = []
            for path in ["/dashboard/", "/dashboard/api/snapshot", "/dashboard/api/kpis", "/dashboard/api/trend"] {
                statuses.insert(try await api.send(.get, "\(path)?division=\(division)", token: token).status)
            }
            #expect(statuses.count == 1, "the dashboard's routes disagree: \(statuses)")
            return statuses.first ?? .internalServerError
        default:
            let (name, body) = Self.request(for: action)
            return try await api.send(.post, "/api/v1/complaints/\(try #require(id))/\(name)", json: body, token: token).status
        }
    }

    static func request(for action: AccessAction) -> (String, String) {
        switch action {
        case .respond: ("respond", #"{"decision":"Refunded","remedy":"refund","outcome":"upheld"}"#)
        case .close: ("close", #"{"csat":4}"#)
        case .refer: ("refer", #"{"scheme":"Financial Ombudsman"}"#)
        case .assign: ("assign", #"{"to":"agent-retail"}"#)
        case .note: ("note", #"{"text":"Called back"}"#)
        case .tag: ("tag", #"{"add":["vip"]}"#)
        case .hold: ("hold", #"{"reason":"awaiting a receipt"}"#)
        default: (action.rawValue, "{}")
        }
    }
}
