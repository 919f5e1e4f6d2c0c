import Foundation
import Hummingbird
import RedressModel
import RedressNode

/// `/admin/templates`: reply templates per division, for admins (`manage-taxonomy`).
struct ReplyTemplatesPage {
    let node: NodeService

    struct View {
        let title = "Reply templates"
        let page = "templates"
        var frame: PageFrame
        var notice: String?
        let warning: String? = nil
        let division: String
        let divisions: [Option]
        let templates: [ReplyTemplate]
        let hasTemplates: Bool
        let values: [String: String]
        let errors: [String: String]
        let formError: String?
    }

    func routes() -> RouteCollection<NodeRequestContext> {
        let routes = RouteCollection(context: NodeRequestContext.self)
        let workspace = WorkspaceController(node: node)
        routes.get("templates") { request, context in
            let query = FormFields(encoded: request.uri.query ?? "")
            return await workspace.serve(request, context) { visitor in
                let notice = query["saved"].map { "The template \($0) was saved." } ?? query["retired"].map { _ in "The template was retired." }
                return WorkspaceResponse.page(try view(visitor, division: query.filled("division"), notice: notice), "replyTemplates")
            }
        }
        routes.post("templates") { request, context in
            let form = try await FormFields.read(request, context: context)
            return await workspace.serve(request, context) { visitor in
                try visitor.checkCSRF(form)
                let division = form["division"] ?? visitor.account.division, name = form["name"] ?? ""
                do {
                    try APIError.mapping { try node.saveReplyTemplate(division: division, name: name, text: form["text"] ?? "", by: visitor.account) }
                } catch let error as APIError where error.code == .invalidInput {
                    return WorkspaceResponse.page(try view(visitor, division: division, typed: form, refusal: error), "replyTemplates", status: error.status)
                }
                return WorkspaceResponse.redirect(Self.link(division: division, ["saved": name]))
            }
        }
        routes.post("templates/retire") { request, context in
            let form = try await FormFields.read(request, context: context)
            return await workspace.serve(request, context) { visitor in
                try visitor.checkCSRF(form)
                try APIError.mapping { try node.retireReplyTemplate(form["key"] ?? "", by: visitor.account) }
                return WorkspaceResponse.redirect(Self.link(division: form["division"] ?? visitor.account.division, ["retired": "1"]))
            }
        }
        return routes
    }

    static func link(division: String, _ extra: [String: String]) -> String {
        var components = URLComponents()
        components.path = "/admin/templates"
        components.queryItems = [URLQueryItem(name: "division", value: division)] + extra.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return components.string ?? "/admin/templates"
    }

    func view(_ visitor: WorkspaceVisitor, division: String?, notice: String? = nil, typed: FormFields? = nil, refusal: APIError? = nil) throws -> View {
        let actor = visitor.account
        let division = division ?? actor.division
        try APIError.mapping { try node.authorize(actor, .manageTaxonomy, in: division) }
        let divisions = try APIError.mapping { try node.divisions() }.filter { actor.decide(.manageTaxonomy, in: $0.code).isAllowed }
        let templates = try APIError.mapping { try node.replyTemplates(in: division, by: actor) }
        var frame = PageFrame(actor, csrf: visitor.csrf, node: node)
        frame.onTemplates = true
        var errors: [String: String] = [:], formError: String?
        if let refusal {
            if let field = refusal.field, ["name", "text"].contains(field) { errors[field] = refusal.message } else { formError = refusal.message }
        }
        return View(frame: frame, notice: notice, division: division,
                    divisions: Option.list(divisions.map { ($0.code, "\($0.name) (\($0.code))") }, selected: division),
                    templates: templates, hasTemplates: !templates.isEmpty,
                    values: ["name": typed?["name"] ?? "", "text": typed?["text"] ?? ""], errors: errors, formError: formError)
    }
}
