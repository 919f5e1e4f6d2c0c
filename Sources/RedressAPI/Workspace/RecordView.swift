import Foundation
import RedressModel
import RedressNode
import RedressStore

/// The "new complaint" form: the taxonomy's choices, what was typed, and a
/// refusal's message next to its field.
struct RecordView {
    struct Divisions {
        let options: [Option]
        /// Mustache reads stored properties only.
        let hasChoices: Bool

        init(options: [Option]) {
            self.options = options
            hasChoices = options.count > 1
        }
    }

    let title = "New complaint"
    let page = "record"
    var frame: PageFrame
    var notice: String?
    var warning: String?
    let values: [String: String]
    let errors: [String: String]
    let formError: String?
    let channels: [Option]
    let categories: [Option]
    let severities: [Option]
    let remedies: [Option]
    /// The taxonomy's products, offered as suggestions: the field stays open text.
    let products: [Option]
    let divisions: Divisions

    /// The form's fields, as the page names them.
    static let fieldNames: Set<String> = [
        "division", "channel", "complainant_name", "complainant_contact", "category", "product", "severity",
        "description", "requested_remedy", "received_at",
    ]

    static func build(visitor: WorkspaceVisitor, node: NodeService, values: FormFields? = nil, refusal: APIError? = nil) throws -> RecordView {
        let actor = visitor.account
        let typed = values ?? FormFields(values: [:])
        let choices = try APIError.mapping {
            (channels: try node.taxonomy(.channel), categories: try node.taxonomy(.category),
             severities: try node.taxonomy(.severity), remedies: try node.taxonomy(.remedy), products: try node.taxonomy(.product),
             divisions: try node.divisions())
        }
        let recordable = choices.divisions.filter { actor.decide(.record, in: $0.code).isAllowed }
        var errors: [String: String] = [:], formError: String?
        if let refusal {
            if let field = refusal.field.map(formField), fieldNames.contains(field) { errors[field] = refusal.message } else { formError = refusal.message }
        }
        var frame = PageFrame(actor, csrf: visitor.csrf, node: node)
        frame.onNew = true
        var shown: [String: String] = [:]
        for name in fieldNames { shown[name] = typed[name] ?? "" }
        return RecordView(
            frame: frame, values: shown, errors: errors, formError: formError,
            channels: Option.list(choices.channels.map { ($0.code, $0.label) }, selected: typed["channel"]),
            categories: Option.list(choices.categories.map { ($0.code, $0.label) }, selected: typed["category"]),
            severities: Option.list(choices.severities.map { ($0.code, $0.label) }, selected: typed["severity"] ?? "medium"),
            remedies: Option.list(choices.remedies.map { ($0.code, $0.label) }, selected: typed["requested_remedy"], none: "not stated"),
            products: Option.list(choices.products.map { ($0.code, $0.label) }, selected: nil),
            divisions: Divisions(options: Option.list(recordable.map { ($0.code, "\($0.name) (\($0.code))") },
                                                      selected: typed["division"] ?? actor.division)))
    }

    /// The complaint the form describes. Only the form's own problems are
    /// found here (a time that is not a time); everything else is the node's
    /// to check, as for the API and the command line.
    static func complaint(from form: FormFields) throws -> NewComplaint {
        var receivedAt: Int64?
        if let text = form.filled("received_at") {
            guard let parsed = DisplayTime.minute(text) else {
                throw APIError(.invalidInput, "give the date and time it was received, such as 2026-12-01 14:30", field: "received_at")
            }
            receivedAt = parsed
        }
        return NewComplaint(
            channel: form["channel"] ?? "", complainant: .init(name: form["complainant_name"] ?? "", contact: form.filled("complainant_contact")),
            product: form.filled("product"), category: form["category"] ?? "", description: form["description"] ?? "",
            requestedRemedy: form.filled("requested_remedy"), severity: form.filled("severity"), division: form.filled("division"),
            receivedAt: receivedAt)
    }

    /// The form field a node's refusal names ("complainant.name" → "complainant_name").
    static func formField(_ field: String) -> String {
        field.replacingOccurrences(of: ".", with: "_")
    }
}
