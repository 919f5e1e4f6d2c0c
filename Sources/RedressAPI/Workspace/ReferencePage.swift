import Foundation
import Hummingbird
import RedressModel
import RedressNode

/// `/admin/reference`: each division's name and promises, and the shared
/// taxonomy, for admins (`manage-taxonomy`), over the same `NodeService`
/// operations as the rest of the node.
struct ReferencePage {
    let node: NodeService

    struct View {
        struct Entry {
            let kind: String
            let code: String
            let label: String
        }

        struct Kind {
            let title: String
            let entries: [Entry]
        }

        /// One line of the reference history.
        struct Change {
            let at: String
            let user: String
            let subject: String
            let summary: String
        }

        let title = "Promises and taxonomy"
        let page = "reference"
        var frame: PageFrame
        let notice: String?
        let warning: String? = nil
        let formError: String?
        /// The API's view of each division: the same names, in the forms the fields take.
        let divisions: [DivisionJSON]
        let mayAddDivisions: Bool
        let mayEditTaxonomy: Bool
        let kinds: [Kind]
        let kindOptions: [Option]
        /// The latest changes to divisions and the taxonomy, newest first.
        let changes: [Change]
        let hasChanges: Bool
    }

    /// How many changes the page shows; `redress division history` and the API give more.
    static let changesShown = 50

    static let kindTitles: [Taxonomy.Kind: String] = [
        .channel: "Channels", .category: "Categories", .remedy: "Remedies", .rootCause: "Root causes", .severity: "Severities",
        .product: "Products and services",
    ]

    func routes() -> RouteCollection<NodeRequestContext> {
        let routes = RouteCollection(context: NodeRequestContext.self)
        let workspace = WorkspaceController(node: node)
        routes.get("reference") { request, context in
            let saved = FormFields(encoded: request.uri.query ?? "")["saved"]
            return await workspace.serve(request, context) { visitor in
                WorkspaceResponse.page(try view(visitor, notice: saved.map { _ in "Saved." }), "reference")
            }
        }
        routes.post("divisions") { request, context in
            let form = try await FormFields.read(request, context: context)
            return await workspace.serve(request, context) { visitor in
                try save(visitor, form, anchor: "promises") {
                    let code = form.filled("code") ?? ""
                    // An empty escalation promise removes it; other empty fields keep what is set.
                    let changes = DivisionChanges(
                        name: form.filled("name"), acknowledge: form.filled("acknowledge"), respond: form.filled("respond"),
                        supervisorRespond: form["supervisor_respond"].map { $0.isEmpty ? "none" : $0 },
                        managementRespond: form["management_respond"].map { $0.isEmpty ? "none" : $0 },
                        timeZone: form.filled("time_zone"), workingDays: form.filled("working_days"), workingHours: form.filled("working_hours"),
                        addHolidays: try form.strings("holidays_add"), removeHolidays: try form.strings("holidays_remove"))
                    _ = try APIError.mapping { try node.updateDivision(code: code, changes, by: visitor.account) }
                }
            }
        }
        routes.post("taxonomy") { request, context in
            let form = try await FormFields.read(request, context: context)
            return await workspace.serve(request, context) { visitor in
                try save(visitor, form, anchor: "taxonomy") {
                    let kind = try Self.kind(form)
                    _ = try APIError.mapping { try node.saveTaxon(kind, code: form.filled("code") ?? "", label: form["label"] ?? "", by: visitor.account) }
                }
            }
        }
        routes.post("taxonomy/retire") { request, context in
            let form = try await FormFields.read(request, context: context)
            return await workspace.serve(request, context) { visitor in
                try save(visitor, form, anchor: "taxonomy") {
                    let kind = try Self.kind(form)
                    try APIError.mapping { try node.retireTaxon(kind, code: form["code"] ?? "", by: visitor.account) }
                }
            }
        }
        return routes
    }

    static func kind(_ form: FormFields) throws -> Taxonomy.Kind {
        guard let kind = form["kind"].flatMap(Taxonomy.Kind.init(rawValue:)) else {
            throw APIError(.invalidInput, "choose the kind of entry", field: "kind")
        }
        return kind
    }

    /// Runs a change from a CSRF-checked form: back to the page on success;
    /// a refusal of the input is shown on the page (a refused permission is a refusal page).
    private func save(_ visitor: WorkspaceVisitor, _ form: FormFields, anchor: String, _ change: () throws -> Void) throws -> Response {
        try visitor.checkCSRF(form)
        do {
            try APIError.mapping { try node.authorize(visitor.account, .manageTaxonomy, in: visitor.account.division) }
            try change()
        } catch let error as APIError where error.code == .invalidInput {
            return WorkspaceResponse.page(try view(visitor, refusal: error), "reference", status: error.status)
        }
        return WorkspaceResponse.redirect("/admin/reference?saved=1#\(anchor)")
    }

    func view(_ visitor: WorkspaceVisitor, notice: String? = nil, refusal: APIError? = nil) throws -> View {
        let actor = visitor.account
        try APIError.mapping { try node.authorize(actor, .manageTaxonomy, in: actor.division) }
        let divisions = try APIError.mapping { try node.divisions() }.filter { actor.decide(.manageTaxonomy, in: $0.code).isAllowed }
        let everywhere = node.mayActEverywhere(actor, .manageTaxonomy)
        var kinds: [View.Kind] = []
        for kind in Taxonomy.Kind.allCases {
            let entries = try APIError.mapping { try node.taxonomy(kind) }
            kinds.append(View.Kind(title: Self.kindTitles[kind] ?? kind.rawValue,
                                   entries: entries.map { View.Entry(kind: kind.rawValue, code: $0.code, label: $0.label) }))
        }
        let changes = everywhere ? try APIError.mapping { try node.referenceHistory(limit: Self.changesShown, by: actor) } : []
        var frame = PageFrame(actor, csrf: visitor.csrf, node: node)
        frame.onReference = true
        return View(
            frame: frame, notice: notice, formError: refusal.map { error in error.field.map { "\($0): \(error.message)" } ?? error.message },
            divisions: divisions.map { DivisionJSON(code: $0.code, name: $0.name, conduct: $0.conduct) },
            mayAddDivisions: everywhere, mayEditTaxonomy: everywhere, kinds: kinds,
            kindOptions: Option.list(Taxonomy.Kind.allCases.map { ($0.rawValue, Self.kindTitles[$0] ?? $0.rawValue) }, selected: nil),
            changes: changes.map { View.Change(at: TimeFormat.string($0.at) ?? "", user: $0.user, subject: $0.subject.key, summary: $0.summary) },
            hasChanges: !changes.isEmpty)
    }
}
