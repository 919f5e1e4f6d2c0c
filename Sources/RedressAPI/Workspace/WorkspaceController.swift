import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RedressDashboard
import RedressModel
import RedressNode
import RedressStore

/// The staff workspace: the inbox, recording a complaint, a complaint's page
/// with its steps, and bulk actions. Server-rendered HTML that works with
/// scripts off; every route reads its input, calls `NodeService` (which
/// authorises and validates, exactly as for the API and the CLI) and renders
/// a template. Every POST carries the session's CSRF token and answers with
/// a redirect (303) on success, or the same page with the refusal next to
/// the field concerned and what was typed.
struct WorkspaceController {
    let node: NodeService
    let logger = Logger(label: "redress.workspace")

    /// The most complaints one bulk action changes.
    static let maxBulk = 200

    func routes() -> RouteCollection<NodeRequestContext> {
        let routes = RouteCollection(context: NodeRequestContext.self)
        routes.get("/") { request, context in await serve(request, context) { try home(request, $0) } }
        routes.get("complaints/new") { request, context in
            await serve(request, context) { visitor in WorkspaceResponse.page(try RecordView.build(visitor: visitor, node: node), "record") }
        }
        routes.post("complaints") { request, context in
            let form = try await FormFields.read(request, context: context)
            return await serve(request, context) { try record(form, $0) }
        }
        routes.get("complaints/:id") { request, context in
            let id = try context.parameters.require("id")
            let query = FormFields(encoded: request.uri.query ?? "")
            return await serve(request, context) { try show(id, query, $0) }
        }
        routes.post("complaints/:id/:step") { request, context in
            let id = try context.parameters.require("id"), name = try context.parameters.require("step")
            let form = try await FormFields.read(request, context: context)
            return await serve(request, context) { try step(name, on: id, form, $0) }
        }
        routes.post("bulk") { request, context in
            let form = try await FormFields.read(request, context: context)
            return await serve(request, context) { try bulk(form, $0) }
        }
        return routes
    }

    /// Runs `body` for the signed-in visitor off the event loop; sends a
    /// visitor who is not signed in to the sign-in page, and turns a refusal
    /// into a page that says it in plain words.
    func serve(_ request: Request, _ context: NodeRequestContext, _ body: @escaping @Sendable (WorkspaceVisitor) throws -> Response) async -> Response {
        guard let visitor = WorkspaceVisitor(context) else { return WorkspaceResponse.signIn(returningTo: request) }
        let node = self.node, logger = self.logger, path = request.uri.path
        do {
            return try await Blocking.run {
                do {
                    return try body(visitor)
                } catch let error as APIError {
                    return WorkspaceResponse.refusal(error, visitor: visitor, node: node)
                } catch let error as NodeError {
                    return WorkspaceResponse.refusal(APIError(error), visitor: visitor, node: node)
                }
            }
        } catch {
            logger.error("workspace request failed", metadata: ["redress.reason": "\(error)", "redress.path": "\(path)"])
            return WorkspaceResponse.refusal(APIError(.internalError, "the node could not do this; its log has the reason"), visitor: visitor, node: node)
        }
    }

    // MARK: - Pages

    /// The inbox, for those who handle complaints; the dashboard for
    /// head-office analysts; the form for an intake account.
    func home(_ request: Request, _ visitor: WorkspaceVisitor) throws -> Response {
        let frame = PageFrame(visitor.account, csrf: visitor.csrf, node: node)
        guard frame.handlesComplaints else {
            if frame.mayViewReports { return WorkspaceResponse.redirect(frame.dashboardLink) }
            if frame.mayRecord { return WorkspaceResponse.redirect("/complaints/new") }
            throw APIError(.forbidden, "this account may neither handle complaints nor see figures")
        }
        let query = FormFields(encoded: request.uri.query ?? "")
        let (view, ok) = try InboxView.build(InboxView.Request(query, actor: visitor.account, node: node), visitor: visitor, node: node)
        return WorkspaceResponse.page(view, "inbox", status: ok ? .ok : .badRequest)
    }

    func record(_ form: FormFields, _ visitor: WorkspaceVisitor) throws -> Response {
        try visitor.checkCSRF(form)
        do {
            let input = try RecordView.complaint(from: form)
            let complaint = try APIError.mapping { try node.record(input, by: visitor.account) }
            if visitor.account.decide(.read, in: complaint.division).isAllowed {
                return WorkspaceResponse.redirect("/complaints/\(complaint.id)?recorded=1")
            }
            var view = try RecordView.build(visitor: visitor, node: node)
            view.notice = "Complaint \(complaint.id) was recorded for \(complaint.division)."
            return WorkspaceResponse.page(view, "record", status: .created)
        } catch let error as APIError where error.code == .invalidInput {
            let view = try RecordView.build(visitor: visitor, node: node, values: form, refusal: error)
            return WorkspaceResponse.page(view, "record", status: error.status)
        }
    }

    func show(_ id: String, _ query: FormFields, _ visitor: WorkspaceVisitor) throws -> Response {
        let complaint = try APIError.mapping { try node.complaint(id, by: visitor.account) }
        var view = try ComplaintPageView.build(complaint, visitor: visitor, node: node)
        if query["recorded"] != nil {
            view.notice = "Complaint \(complaint.id) is recorded. Search for \(complaint.id.shortForm) to find it again."
        } else if let done = query["done"] {
            view.notice = "Done: \(ComplaintPageView.stepLabels[done] ?? done)."
        }
        if query["changed"] != nil {
            view.warning = "This complaint was changed by someone else (or by a sync with another node) after you opened it. "
                + "Your step was added to their changes; the page shows the result of both."
        }
        return WorkspaceResponse.page(view, "complaint")
    }

    func step(_ name: String, on id: String, _ form: FormFields, _ visitor: WorkspaceVisitor) throws -> Response {
        try visitor.checkCSRF(form)
        let actor = visitor.account
        let before = try APIError.mapping { try node.complaint(id, by: actor) }
        do {
            if name == "erase-personal-data", form["confirm"] != "yes" {
                throw APIError(.invalidInput, "tick the box to confirm the erasure", field: "confirm")
            }
            let fields = try name == "note" ? withTemplate(form, division: before.division, by: actor) : form
            try perform(try StepInput.step(named: name, fields), named: name, on: before.id.description, by: actor)
        } catch let error as APIError where error.code == .invalidInput || error.code == .conflict {
            let current = try APIError.mapping { try node.complaint(before.id.description, by: actor) }
            let refusal = ComplaintPageView.Refusal(step: name, message: error.message, field: error.field, values: form)
            var view = try ComplaintPageView.build(current, visitor: visitor, node: node, refusal: refusal)
            if !view.steps.contains(where: { $0.name == name }) { view.warning = error.message }
            return WorkspaceResponse.page(view, "complaint", status: error.status)
        }
        let changed = form["revision"].map { $0 != ComplaintRevision.of(before) } ?? false
        return WorkspaceResponse.redirect("/complaints/\(before.id)?done=\(name)\(changed ? "&changed=1" : "")")
    }

    /// A note form whose text was left empty but names a reply template: the
    /// template's text, as a communication (what the page's script fills in
    /// when scripts run; this is the same without them).
    private func withTemplate(_ form: FormFields, division: String, by actor: Account) throws -> FormFields {
        guard form.filled("text") == nil, let key = form.filled("template") else { return form }
        guard let template = try APIError.mapping({ try node.replyTemplates(in: division, by: actor) }).first(where: { $0.key == key }) else {
            throw APIError(.invalidInput, "that reply template is no longer offered; choose another", field: "template")
        }
        var values = form.values
        values["text"] = [template.text]
        values["communication"] = ["true"]
        return FormFields(values: values)
    }

    /// Takes the step, naming a refused field as the form does.
    private func perform(_ step: ComplaintStep, named name: String, on id: String, by actor: Account) throws {
        let outcome = Result { () throws(NodeError) in try node.perform(step, on: id, by: actor) }
        if case .failure(let error) = outcome {
            let refusal = APIError(error)
            throw APIError(refusal.code, refusal.message, field: StepInput.bodyField(refusal.field, step: name), detail: refusal.detail)
        }
    }

    struct BulkResultView {
        struct Refusal {
            let id: String
            let shortID: String
            let reason: String
        }

        let title = "Bulk action"
        let page = "bulk"
        var frame: PageFrame
        let notice: String? = nil
        let warning: String? = nil
        let heading: String
        let summary: String
        let refusals: [Refusal]
        let hasRefusals: Bool
    }

    /// Assign, acknowledge or tag the selected complaints: each one is a step
    /// of its own, authorised and checked on its own; one refusal stops none of the others.
    func bulk(_ form: FormFields, _ visitor: WorkspaceVisitor) throws -> Response {
        try visitor.checkCSRF(form)
        let ids = form.all("id")
        guard !ids.isEmpty else { throw APIError(.invalidInput, "select at least one complaint for the bulk action", field: "id") }
        guard ids.count <= Self.maxBulk else { throw APIError(.invalidInput, "select at most \(Self.maxBulk) complaints at once", field: "id") }
        let value = form.filled("value")
        let step: ComplaintStep
        switch form["action"] {
        case "assign"?:
            guard let value else { throw APIError(.invalidInput, "name the colleague to assign the complaints to", field: "value") }
            step = .assign(to: value.trimmingCharacters(in: .whitespaces))
        case "acknowledge"?:
            step = .lifecycle(.acknowledge, .init())
        case "tag"?:
            let tags = try form.strings("value")
            guard !tags.isEmpty else { throw APIError(.invalidInput, "give the tags to add", field: "value") }
            step = .tag(add: tags, remove: [])
        default:
            throw APIError(.invalidInput, "choose assign, acknowledge or tag", field: "action")
        }
        var refusals: [BulkResultView.Refusal] = []
        for id in ids {
            do {
                _ = try APIError.mapping { try node.perform(step, on: id, by: visitor.account) }
            } catch {
                refusals.append(.init(id: id, shortID: String(id.prefix(8)), reason: error.message))
            }
        }
        var frame = PageFrame(visitor.account, csrf: visitor.csrf, node: node)
        frame.onInbox = true
        let done = ids.count - refusals.count
        let view = BulkResultView(
            frame: frame, heading: "\(ComplaintPageView.stepLabels[step.name] ?? step.name): \(done) of \(ids.count) done",
            summary: refusals.isEmpty ? "Every selected complaint was changed." : "\(refusals.count) could not be changed; the reasons are below.",
            refusals: refusals, hasRefusals: !refusals.isEmpty)
        return WorkspaceResponse.page(view, "bulkResult")
    }
}
