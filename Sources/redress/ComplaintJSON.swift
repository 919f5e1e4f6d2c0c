import Foundation
import RedressModel

/// The JSON shape of a complaint for scripts: the keys of `complaint add`'s
/// input, plus its id, stage, level, due times and outcome.
struct ComplaintJSON: Encodable {
    struct Complainant: Encodable {
        var name: String?
        var contact: String?
    }

    struct Entry: Encodable {
        var time: String?
        var node: String
        var user: String
        var kind: String
        var text: String?
        var from: String?
        var to: String?
    }

    var id: String
    var division: String
    var channel: String?
    var complainant: Complainant
    var product: String?
    var category: String?
    var description: String?
    var requested_remedy: String?
    var severity: String?
    var received_at: String?
    var external_ref: String?
    var created_by: String?
    var stage: String
    var reopened: Int
    var level: Int
    var assignee: String?
    var ack_due_at: String?
    var respond_due_at: String?
    var acknowledged_at: String?
    var responded_at: String?
    var closed_at: String?
    var referred_at: String?
    var decision: String?
    var remedy: String?
    var root_cause: String?
    var first_contact: Bool
    var csat: Int?
    var nps: Int?
    var scheme: String?
    var personal_data_erased: Bool
    var overdue: [String]
    var tags: [String]?
    var history: [Entry]?

    init(_ complaint: Complaint, now: Int64, withHistory: Bool) {
        func text(_ column: String) -> String? { complaint[column].text }
        func time(_ column: String) -> String? { TimeFormat.string(complaint[column].integer) }
        func int(_ column: String) -> Int? { complaint[column].integer.map(Int.init) }
        id = complaint.id
        division = complaint.division
        channel = text("channel")
        self.complainant = Complainant(name: text("complainantName"), contact: text("complainantContact"))
        product = text("product")
        category = text("category")
        description = text("description")
        requested_remedy = text("requestedRemedy")
        severity = text("severity")
        received_at = time("receivedAt")
        external_ref = text("externalRef")
        created_by = text("createdBy")
        stage = complaint.stage.name
        reopened = complaint.stage.generation
        level = complaint.level
        assignee = text("assignee")
        ack_due_at = time("ackDueAt")
        respond_due_at = time("respondDueAt")
        acknowledged_at = time("acknowledgedAt")
        responded_at = time("respondedAt")
        closed_at = time("closedAt")
        referred_at = time("referredAt")
        decision = text("decision")
        remedy = text("remedy")
        root_cause = text("rootCause")
        first_contact = int("firstContact") == 1
        csat = int("csat")
        nps = int("nps")
        scheme = text("scheme")
        personal_data_erased = complaint.isErased
        overdue = complaint.brokenPromises(now: now)
        if withHistory {
            tags = complaint.tags
            history = complaint.history.map { entry in
                Entry(time: TimeFormat.string(Int64(entry.time.millis)), node: entry.node.description, user: entry.event.user,
                      kind: entry.event.kind.rawValue, text: entry.event.text,
                      from: entry.event.fromStage.flatMap(StageState.init(encoded:))?.name,
                      to: entry.event.toStage.flatMap(StageState.init(encoded:))?.name)
            }
        }
    }
}

/// Stable, readable JSON for scripts: sorted keys, pretty-printed.
enum JSONOutput {
    static func render<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
