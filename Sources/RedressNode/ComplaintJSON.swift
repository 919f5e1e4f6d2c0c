import Foundation
public import RedressModel
import RedressStore

/// The JSON shape of a complaint for scripts: the keys of `complaint add`'s
/// input, plus its id, stage, level, due times and outcome.
public struct ComplaintJSON: Encodable, Sendable {
    public struct Complainant: Encodable, Sendable {
        public var name: String?
        public var contact: String?
    }

    /// An amount as decimal text, never a float: `{"amount": "50.00", "currency": "GBP"}`.
    public struct Money: Encodable, Sendable {
        public var amount: String
        public var currency: String
    }

    public struct Entry: Encodable, Sendable {
        public var time: String?
        public var node: String
        public var user: String
        /// The acting account's display name, where this node knows the account.
        public var user_name: String?
        public var kind: String
        public var text: String?
        public var from: String?
        public var to: String?
    }

    public var id: String
    public var division: String
    public var channel: String?
    public var complainant: Complainant
    public var product: String?
    public var category: String?
    public var description: String?
    public var requested_remedy: String?
    public var severity: String?
    public var received_at: String?
    public var external_ref: String?
    public var created_by: String?
    public var stage: String
    public var reopened: Int
    public var level: Int
    public var assignee: String?
    public var ack_due_at: String?
    public var respond_due_at: String?
    /// The response promise it is measured against ("8 working days").
    public var respond_promise: String?
    /// The response due time of its escalation level, where the division promises one.
    public var escalation_due_at: String?
    /// Waiting for the complainant: the response clocks are stopped.
    public var on_hold: Bool
    public var held_since: String?
    public var acknowledged_at: String?
    public var responded_at: String?
    public var closed_at: String?
    public var referred_at: String?
    public var decision: String?
    public var remedy: String?
    public var root_cause: String?
    public var first_contact: Bool
    public var csat: Int?
    public var nps: Int?
    public var scheme: String?
    public var outcome: String?
    public var redress_paid: Money?
    public var personal_data_erased: Bool
    /// False on a node outside the complaint's division: its personal values read as `RedressStore.unreadableText`.
    public var personal_data_readable: Bool
    public var overdue: [String]
    public var tags: [String]?
    public var history: [Entry]?

    /// - Parameter names: display names of accounts by login, for the history.
    public init(_ complaint: Complaint, now: Int64, withHistory: Bool, names: [String: String] = [:]) {
        func text(_ field: ComplaintField) -> String? { complaint[field].text }
        func time(_ field: ComplaintField) -> String? { TimeFormat.string(complaint[field].integer) }
        func int(_ field: ComplaintField) -> Int? { complaint[field].integer.map(Int.init) }
        id = complaint.id.description
        division = complaint.division
        channel = text(.channel)
        self.complainant = Complainant(name: text(.complainantName), contact: text(.complainantContact))
        product = text(.product)
        category = text(.category)
        description = text(.description)
        requested_remedy = text(.requestedRemedy)
        severity = text(.severity)
        received_at = time(.receivedAt)
        external_ref = text(.externalRef)
        created_by = text(.createdBy)
        stage = complaint.stage.name
        reopened = complaint.stage.generation
        level = complaint.level
        assignee = text(.assignee)
        ack_due_at = time(.ackDueAt)
        respond_due_at = time(.respondDueAt)
        respond_promise = text(.respondPromise)
        escalation_due_at = time(.escalationDueAt)
        on_hold = complaint.isOnHold
        held_since = TimeFormat.string(complaint.heldSince)
        outcome = complaint.outcome?.rawValue
        redress_paid = complaint.redressPaid.map { Money(amount: $0.amountText, currency: $0.currency) }
        acknowledged_at = time(.acknowledgedAt)
        responded_at = time(.respondedAt)
        closed_at = time(.closedAt)
        referred_at = time(.referredAt)
        decision = text(.decision)
        remedy = text(.remedy)
        root_cause = text(.rootCause)
        first_contact = int(.firstContact) == 1
        csat = int(.csat)
        nps = int(.nps)
        scheme = text(.scheme)
        personal_data_erased = complaint.isErased
        personal_data_readable = complaint.personalDataReadable
        overdue = complaint.brokenPromises(now: now)
        if withHistory {
            tags = complaint.tags
            history = complaint.history.map { entry in
                Entry(time: TimeFormat.string(entry.occurredAt), node: entry.node.description, user: entry.event.user,
                      user_name: names[entry.event.user],
                      kind: entry.event.kind.rawValue, text: entry.event.text,
                      from: entry.event.fromStage.flatMap(StageState.init(encoded:))?.name,
                      to: entry.event.toStage.flatMap(StageState.init(encoded:))?.name)
            }
        }
    }
}

/// Stable, readable JSON for scripts: sorted keys, pretty-printed.
public enum JSONOutput {
    public static func render<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
