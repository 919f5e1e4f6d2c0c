import Foundation
import RedressModel
import RedressNode
import RedressStore

/// A complaint's page: `ComplaintJSON` (the API's view of the same fields,
/// so both show the same things) plus deadlines, offered steps and the
/// history as a timeline.
struct ComplaintPageView {
    struct Deadline {
        let name: String
        let due: String
        let dueMillis: Int64?
        let keptAt: String?
        let timeLeft: String?
        let overdue: Bool
        /// The promise as stated ("2 working days").
        let promise: String?
        /// On hold: the clock is stopped.
        let paused: Bool
    }

    struct Step {
        let name: String
        let label: String
        let key: String
        let hasFields: Bool
        /// Which form this is, for the template's sections (`{{#is.respond}}`):
        /// Mustache reads stored properties only, so this is data, not a computed test.
        let `is`: [String: Bool]
        /// What was typed, after a refusal.
        var values: [String: String] = [:]
        var errors: [String: String] = [:]
        var error: String?
    }

    struct Entry {
        let time: String
        let who: String
        let login: String
        let node: String
        let kindLabel: String
        let cssClass: String
        let change: String?
        let text: String?
    }

    let title: String
    let page = "complaint"
    var frame: PageFrame
    var notice: String?
    var warning: String?
    let c: ComplaintJSON
    let shortID: String
    let revision: String
    let reopened: Int?
    let levelName: String
    let received: String
    let channelLabel: String
    let categoryLabel: String
    let createdBy: String
    let nps: String?
    let deadlines: [Deadline]
    var steps: [Step]
    let history: [Entry]
    let remedies: [Option]
    let rootCauses: [Option]
    let colleagues: [Option]
    let templates: [ReplyTemplate]
    let hasTemplates: Bool
    let csatOptions: [Option]
    let npsOptions: [Option]
    let outcomes: [Option]
    let outcomeLabel: String?
    let heldSince: String?
    /// The currency the redress field starts with: the last one this complaint used, else none.
    let currency: String

    /// A refused step's form, shown again with what was typed and the reason next to its field.
    struct Refusal {
        let step: String
        let message: String
        let field: String?
        let values: FormFields
    }

    static func build(_ complaint: Complaint, visitor: WorkspaceVisitor, node: NodeService, refusal: Refusal? = nil) throws -> ComplaintPageView {
        let actor = visitor.account, now = node.now
        let names = try APIError.mapping { try node.accountNames(for: complaint) }
        let json = ComplaintJSON(complaint, now: now, withHistory: true, names: names)
        let taxonomy = try APIError.mapping {
            (channels: try node.taxonomy(.channel), categories: try node.taxonomy(.category),
             remedies: try node.taxonomy(.remedy), rootCauses: try node.taxonomy(.rootCause))
        }
        func label(_ code: String?, in entries: [(code: String, label: String)]) -> String {
            guard let code else { return "" }
            return entries.first { $0.code == code }?.label ?? code
        }
        let offered = ComplaintStep.offered(on: complaint, to: actor)
        let colleagues = offered.contains("assign") ? (try? node.colleagues(in: complaint.division, by: actor)) ?? [] : []
        let templates = offered.contains("note") ? try APIError.mapping { try node.replyTemplates(in: complaint.division, by: actor) } : []
        var steps = offered.map { name in
            Step(name: name, label: stepLabels[name] ?? name, key: stepKeys[name] ?? "", hasFields: StepInput.fields[name] != nil || name == "erase-personal-data",
                 is: [name == "erase-personal-data" ? "erase" : name: true])
        }
        if let refusal, let index = steps.firstIndex(where: { $0.name == refusal.step }) {
            var values: [String: String] = [:]
            for (key, typed) in refusal.values.values where !FormFields.controlFields.contains(key) || key == "confirm" { values[key] = typed.first }
            steps[index].values = values
            if let field = refusal.field, values.keys.contains(field) || StepInput.fields[refusal.step]?.contains(field) == true || field == "confirm" {
                steps[index].errors[field] = refusal.message
            } else {
                steps[index].error = refusal.message
            }
        }
        var deadlines: [Deadline] = []
        let owed = Dictionary(complaint.owedPromises.map { ($0.promise, $0.due) }, uniquingKeysWith: { first, _ in first })
        let conduct = (try? node.division(complaint.division))??.conduct
        let onHold = complaint.isOnHold
        let rows: [(String, Int64?, Int64?, String?)] = [
            ("acknowledgement", complaint.ackDueAt, complaint.acknowledgedAt, conduct?.acknowledge.description),
            ("response", complaint.respondDueAt, complaint.respondedAt, json.respond_promise),
            ("escalation", complaint.escalationDueAt, complaint.respondedAt, conduct?.escalationPromise(level: complaint.level).map { "\($0) at \(EscalationLevel(rawValue: complaint.level)?.description ?? "this") level" }),
        ]
        for (promise, dueAt, keptAt, stated) in rows {
            guard let dueAt else { continue }
            let stillOwed = owed[promise] != nil
            let paused = onHold && promise != "acknowledgement" && keptAt == nil
            deadlines.append(Deadline(
                name: promise.prefix(1).uppercased() + promise.dropFirst(), due: DisplayTime.absolute(dueAt) ?? "", dueMillis: stillOwed ? dueAt : nil,
                keptAt: keptAt.flatMap { DisplayTime.absolute($0) } ?? (stillOwed || paused ? nil : "—"),
                timeLeft: stillOwed ? DisplayTime.left(until: dueAt, now: now) : nil,
                overdue: stillOwed && dueAt < now || (keptAt.map { $0 > dueAt } ?? false),
                promise: stated, paused: paused))
        }
        let history = complaint.history.map { entry in
            let event = entry.event
            let from = event.fromStage.flatMap(StageState.init(encoded:))?.name, to = event.toStage.flatMap(StageState.init(encoded:))?.name
            return Entry(
                time: DisplayTime.absolute(entry.occurredAt) ?? "", who: names[event.user] ?? event.user, login: event.user,
                node: String(entry.node.description.prefix(8)),
                kindLabel: kindLabels[event.kind] ?? event.kind.rawValue, cssClass: event.kind.rawValue,
                change: from.map { "\($0) → \(to ?? "?")" } ?? (event.kind == .assignment ? "assigned to \(event.text ?? "")" : nil),
                text: event.kind == .assignment ? nil : event.text)
        }
        var frame = PageFrame(actor, csrf: visitor.csrf, node: node)
        frame.onInbox = true
        return ComplaintPageView(
            title: "Complaint \(complaint.id.shortForm)", frame: frame,
            c: json, shortID: complaint.id.shortForm, revision: ComplaintRevision.of(complaint),
            reopened: json.reopened > 0 ? json.reopened : nil,
            levelName: EscalationLevel(rawValue: complaint.level)?.description ?? "level \(complaint.level)",
            received: DisplayTime.absolute(complaint.receivedAt) ?? "",
            channelLabel: label(json.channel, in: taxonomy.channels), categoryLabel: label(json.category, in: taxonomy.categories),
            createdBy: json.created_by.map { names[$0] ?? $0 } ?? "",
            nps: json.nps.map(String.init),
            deadlines: deadlines, steps: steps, history: history,
            remedies: Option.list(taxonomy.remedies.map { ($0.code, $0.label) }, selected: steps.first { $0.name == "respond" }?.values["remedy"], none: "choose…"),
            rootCauses: Option.list(taxonomy.rootCauses.map { ($0.code, $0.label) }, selected: nil, none: "not known yet"),
            colleagues: Option.list(colleagues.map { ($0.login, "\($0.name) (\($0.role.rawValue))") }, selected: json.assignee, none: "choose a colleague…"),
            templates: templates, hasTemplates: !templates.isEmpty,
            csatOptions: Option.list(SatisfactionScale.csat.map { ("\($0)", "\($0)") }, selected: nil, none: "not asked"),
            npsOptions: Option.list(SatisfactionScale.nps.map { ("\($0)", "\($0)") }, selected: nil, none: "not asked"),
            outcomes: Option.list(Outcome.allCases.map { ($0.rawValue, outcomeLabels[$0] ?? $0.rawValue) },
                                  selected: steps.first { $0.name == "respond" }?.values["outcome"], none: "choose…"),
            outcomeLabel: complaint.outcome.map { outcomeLabels[$0] ?? $0.rawValue },
            heldSince: complaint.heldSince.flatMap { DisplayTime.absolute($0) },
            currency: complaint.redressPaid?.currency ?? "")
    }

    static let stepLabels: [String: String] = [
        "acknowledge": "Acknowledge", "assess": "Assess", "investigate": "Investigate", "assign": "Assign",
        "note": "Add note or communication", "escalate": "Escalate", "deescalate": "De-escalate", "respond": "Respond",
        "close": "Close", "reopen": "Reopen", "withdraw": "Withdrawn by complainant", "refer": "Refer to external scheme",
        "tag": "Tags", "erase-personal-data": "Erase personal data",
        "hold": "Put on hold (waiting for the complainant)", "resume": "Resume",
    ]

    static let outcomeLabels: [Outcome: String] = [.upheld: "Upheld", .partlyUpheld: "Partly upheld", .notUpheld: "Not upheld"]

    /// The keys the page's script presses for the common steps (see the help overlay).
    static let stepKeys: [String: String] = ["acknowledge": "a", "escalate": "e", "note": "c"]

    static let kindLabels: [HistoryEvent.Kind: String] = [
        .note: "Internal note", .communication: "Communication with the complainant", .stage: "Stage",
        .assignment: "Assignment", .escalation: "Escalation", .hold: "On hold", .resume: "Resumed",
    ]
}
