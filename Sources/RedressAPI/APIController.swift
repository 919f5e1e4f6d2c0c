import Foundation
import HTTPTypes
import Hummingbird
import RedressDashboard
import RedressModel
import RedressNode
import RedressStore

/// `/api/v1`: the complaint API. Every route parses, calls one
/// `NodeService` operation (which authorises it), and answers JSON.
struct APIController {
    let node: NodeService
    /// Whether the server speaks HTTPS (cookies are then marked Secure).
    let secure: Bool

    func routes() -> RouteCollection<NodeRequestContext> {
        let routes = RouteCollection(context: NodeRequestContext.self)
        routes.post("session", use: signIn)
        routes.delete("session", use: signOut)
        routes.get("me", use: me)
        routes.post("complaints", use: record)
        routes.get("complaints", use: list)
        routes.get("complaints/:id", use: show)
        routes.post("complaints/:id/:step", use: step)
        routes.get("divisions", use: divisions)
        routes.post("divisions/:code", use: setDivision)
        routes.get("taxonomy", use: taxonomy)
        routes.post("taxonomy/:kind/:code", use: saveTaxon)
        routes.post("taxonomy/:kind/:code/retire", use: retireTaxon)
        routes.get("reference-history", use: referenceHistory)
        routes.get("openapi.json") { _, _ in
            Response.withHeaders(.ok, contentType: "application/json", body: OpenAPIDocument.json)
        }
        return routes
    }

    // MARK: - Sessions

    struct AccountJSON: Encodable {
        var login: String
        var name: String
        var division: String
        var role: String
        var csrf_token: String?
        var session_expires_at: String?

        /// - Parameters: csrfToken, expiresAt: the browser session's, if the account signed in with one.
        init(_ account: Account, csrfToken: String? = nil, expiresAt: Int64? = nil) {
            login = account.login
            name = account.name
            division = account.division
            role = account.role.rawValue
            csrf_token = csrfToken
            session_expires_at = TimeFormat.string(expiresAt)
        }
    }

    @Sendable func signIn(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request, context: context)
        try body.refuseUnknown(["login", "password"], in: "sign-in")
        let login = try body.string("login", required: true) ?? "", password = try body.string("password", required: true) ?? ""
        let source = context.sourceAddress
        let signedIn = try await Blocking.run { [node] in
            try APIError.mapping { try node.signIn(login: login, password: password, source: source) }
        }
        var response = try Response.json(AccountJSON(signedIn.account, csrfToken: signedIn.csrfToken, expiresAt: signedIn.expiresAt),
                                         status: .created)
        response.setCookie(SessionCookie.make(signedIn, secure: secure, now: node.now))
        return response
    }

    @Sendable func signOut(_ request: Request, context: NodeRequestContext) async throws -> Response {
        if let secret = request.cookies[SessionCookie.name]?.value {
            try await Blocking.run { [node] in try APIError.mapping { try node.signOut(secret: secret) } }
        }
        var response = Response(status: .noContent)
        response.setCookie(SessionCookie.clear(secure: secure))
        return response
    }

    @Sendable func me(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        if case .session(_, let session) = context.identity {
            return try Response.json(AccountJSON(account, csrfToken: session.csrfToken, expiresAt: session.expiresAt))
        }
        return try Response.json(AccountJSON(account))
    }

    // MARK: - Divisions

    @Sendable func divisions(_ request: Request, context: NodeRequestContext) async throws -> Response {
        _ = try context.requireAccount()
        let divisions = try await Blocking.run { [node] in try APIError.mapping { try node.divisions() } }
        return try Response.json(divisions.map { DivisionJSON(code: $0.code, name: $0.name, conduct: $0.conduct) })
    }

    /// The fields of `POST /api/v1/divisions/{code}`: each optional, as `redress division set` takes them.
    static let divisionFields: Set<String> = ["name", "acknowledge", "respond", "supervisor_respond", "management_respond",
                                              "time_zone", "working_days", "working_hours", "holidays_add", "holidays_remove"]

    @Sendable func setDivision(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let actor = try context.requireAccount()
        let code = try context.parameters.require("code")
        let body = try await JSONBody.read(request, context: context, emptyIsObject: true)
        try body.refuseUnknown(Self.divisionFields, in: "division")
        let changes = DivisionChanges(
            name: try body.string("name"), acknowledge: try body.string("acknowledge"), respond: try body.string("respond"),
            supervisorRespond: try body.string("supervisor_respond"), managementRespond: try body.string("management_respond"),
            timeZone: try body.string("time_zone"), workingDays: try body.string("working_days"), workingHours: try body.string("working_hours"),
            addHolidays: try body.strings("holidays_add"), removeHolidays: try body.strings("holidays_remove"))
        let division = try await Blocking.run { [node] in
            try APIError.mapping {
                let division = try node.updateDivision(code: code, changes, by: actor)
                return DivisionJSON(code: code, name: division.name, conduct: division.conduct)
            }
        }
        return try Response.json(division)
    }

    // MARK: - Complaints

    struct Page: Encodable {
        var items: [ComplaintJSON]
        var next_cursor: String?
    }

    @Sendable func record(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let actor = try context.requireAccount()
        let data = try await JSONBody.bytes(request, context: context)
        let complaint = try await Blocking.run { [node] in
            try APIError.mapping {
                try node.record(try ComplaintInput.parse(data), by: actor)
            }
        }
        var response = try Response.json(ComplaintJSON(complaint, now: node.now, withHistory: true), status: .created)
        response.headers[.location] = "/api/v1/complaints/\(complaint.id)"
        return response
    }

    @Sendable func list(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let actor = try context.requireAccount()
        let now = node.now
        let parameters = try ComplaintListParameters(request, now: now)
        let complaints = try await Blocking.run { [node] in try APIError.mapping { try node.complaints(parameters.query, by: actor) } }
        let next = complaints.count == parameters.limit ? complaints.last.map { ComplaintCursor(after: $0).text } : nil
        return try Response.json(Page(items: complaints.map { ComplaintJSON($0, now: now, withHistory: false) }, next_cursor: next))
    }

    @Sendable func show(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let actor = try context.requireAccount()
        let id = try context.parameters.require("id")
        let (complaint, names) = try await Blocking.run { [node] in
            try APIError.mapping {
                let complaint = try node.complaint(id, by: actor)
                return (complaint, try node.accountNames(for: complaint))
            }
        }
        return try Response.json(ComplaintJSON(complaint, now: node.now, withHistory: true, names: names))
    }

    @Sendable func step(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let actor = try context.requireAccount()
        let id = try context.parameters.require("id"), name = try context.parameters.require("step")
        let body = try await JSONBody.read(request, context: context, emptyIsObject: true)
        let step = try StepInput.step(named: name, body)
        let complaint: Complaint, names: [String: String]
        do {
            (complaint, names) = try await Blocking.run { [node] in
                try APIError.mapping {
                    let complaint = try node.perform(step, on: id, by: actor)
                    return (complaint, try node.accountNames(for: complaint))
                }
            }
        } catch let error as APIError {
            throw APIError(error.code, error.message, field: StepInput.bodyField(error.field, step: name), detail: error.detail)
        }
        return try Response.json(ComplaintJSON(complaint, now: node.now, withHistory: true, names: names))
    }
}
