import Foundation
import Hummingbird
import RedressModel
import RedressNode

/// `/admin/accounts`: an admin's accounts page (list, add, reset a password,
/// deactivate), over the same `NodeService` operations as `redress user …`.
struct AccountsPage {
    let node: NodeService

    struct View {
        struct Row {
            let login: String
            let name: String
            let division: String
            let role: String
            let active: Bool
            let isSelf: Bool
        }

        let title = "Accounts"
        let page = "accounts"
        var frame: PageFrame
        var notice: String?
        let warning: String? = nil
        let accounts: [Row]
        let values: [String: String]
        let errors: [String: String]
        let formError: String?
        let divisions: [Option]
        let roles: [Option]
        let passwordMin = PasswordHasher.minCharacters
    }

    func routes() -> RouteCollection<NodeRequestContext> {
        let routes = RouteCollection(context: NodeRequestContext.self)
        let workspace = WorkspaceController(node: node)
        routes.get("accounts") { request, context in
            let query = FormFields(encoded: request.uri.query ?? "")
            return await workspace.serve(request, context) { visitor in
                var notice: String?
                if let done = query["added"] { notice = "The account \(done) was added." }
                if let done = query["password"] { notice = "The password of \(done) was changed." }
                if let done = query["deactivated"] { notice = "The account \(done) was deactivated." }
                return WorkspaceResponse.page(try view(visitor, notice: notice), "accounts")
            }
        }
        routes.post("accounts") { request, context in
            let form = try await FormFields.read(request, context: context)
            return await workspace.serve(request, context) { visitor in try add(form, visitor) }
        }
        routes.post("accounts/:login/password") { request, context in
            let login = try context.parameters.require("login")
            let form = try await FormFields.read(request, context: context)
            return await workspace.serve(request, context) { visitor in
                try visitor.checkCSRF(form)
                try APIError.mapping { try node.setPassword(login, to: form["password"] ?? "", by: visitor.account) }
                return WorkspaceResponse.redirect("/admin/accounts?password=\(login)")
            }
        }
        routes.post("accounts/:login/deactivate") { request, context in
            let login = try context.parameters.require("login")
            let form = try await FormFields.read(request, context: context)
            return await workspace.serve(request, context) { visitor in
                try visitor.checkCSRF(form)
                guard form["confirm"] == "yes" else { throw APIError(.invalidInput, "tick the box to confirm the deactivation; it cannot be undone", field: "confirm") }
                try APIError.mapping { try node.deactivate(login, by: visitor.account) }
                return WorkspaceResponse.redirect("/admin/accounts?deactivated=\(login)")
            }
        }
        return routes
    }

    func view(_ visitor: WorkspaceVisitor, notice: String? = nil, typed: FormFields? = nil, refusal: APIError? = nil) throws -> View {
        let actor = visitor.account
        let accounts = try APIError.mapping { try node.accounts(by: actor) }
        let divisions = try APIError.mapping { try node.divisions() }.filter { actor.decide(.manageAccounts, in: $0.code).isAllowed }
        var frame = PageFrame(actor, csrf: visitor.csrf, node: node)
        frame.onAdmin = true
        var errors: [String: String] = [:], formError: String?
        if let refusal {
            if let field = refusal.field, ["login", "name", "division", "role", "password"].contains(field) { errors[field] = refusal.message } else { formError = refusal.message }
        }
        var values: [String: String] = [:]
        for key in ["login", "name"] { values[key] = typed?[key] ?? "" }
        return View(
            frame: frame, notice: notice,
            accounts: accounts.map { .init(login: $0.login, name: $0.name, division: $0.division, role: $0.role.rawValue, active: $0.isActive, isSelf: $0.login == actor.login) },
            values: values, errors: errors, formError: formError,
            divisions: Option.list(divisions.map { ($0.code, "\($0.name) (\($0.code))") }, selected: typed?["division"] ?? actor.division),
            roles: Option.list(Role.allCases.map { ($0.rawValue, $0.rawValue) }, selected: typed?["role"] ?? Role.agent.rawValue))
    }

    private func add(_ form: FormFields, _ visitor: WorkspaceVisitor) throws -> Response {
        try visitor.checkCSRF(form)
        do {
            let login = form.filled("login") ?? ""
            guard let role = form["role"].flatMap(Role.init(rawValue:)) else {
                throw APIError(.invalidInput, "choose one of the roles", field: "role")
            }
            _ = try APIError.mapping {
                try node.addAccount(login: login, name: form.filled("name"), division: form["division"] ?? "", role: role,
                                    password: form["password"] ?? "", by: visitor.account)
            }
            return WorkspaceResponse.redirect("/admin/accounts?added=\(login)")
        } catch let error as APIError where error.code == .invalidInput || error.code == .notFound {
            return WorkspaceResponse.page(try view(visitor, typed: form, refusal: error), "accounts", status: .badRequest)
        }
    }
}
