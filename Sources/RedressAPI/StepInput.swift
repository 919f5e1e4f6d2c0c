import RedressModel
import RedressNode
import RedressStore

/// The fields of one step, as a JSON body (`POST /api/v1/complaints/{id}/{step}`)
/// or a web form (`POST /complaints/{id}/{step}`) gives them: each typed
/// accessor refuses a value of the wrong type, naming the field.
protocol StepFieldSource {
    func refuseUnknown(_ known: Set<String>, in context: String) throws
    func string(_ key: String, required: Bool) throws -> String?
    func integer(_ key: String) throws -> Int?
    func bool(_ key: String) throws -> Bool?
    func strings(_ key: String) throws -> [String]
}

extension JSONBody: StepFieldSource {}

/// A step's input, from the API or a web form: the command line's options
/// of that step as fields, each checked for its type; the values themselves
/// are validated by the node like every other input. The one mapping from
/// fields to a `ComplaintStep`.
enum StepInput {
    /// The fields each step takes (steps not listed take none).
    static let fields: [String: Set<String>] = [
        "respond": ["decision", "remedy", "root_cause", "outcome", "redress_amount", "redress_currency"],
        "hold": ["reason"],
        "close": ["csat", "nps", "first_contact", "root_cause"],
        "refer": ["scheme"],
        "assign": ["to"],
        "note": ["text", "communication"],
        "tag": ["add", "remove"],
    ]

    static func step(named name: String, _ body: some StepFieldSource) throws -> ComplaintStep {
        guard ComplaintStep.names.contains(name) else {
            throw APIError(.notFound, "no step \"\(name)\"; steps: \(ComplaintStep.names.joined(separator: ", "))")
        }
        try body.refuseUnknown(fields[name] ?? [], in: name)
        switch name {
        case "respond":
            return .lifecycle(.respond, .init(decision: try body.string("decision", required: true),
                                              remedy: try body.string("remedy", required: true),
                                              rootCause: try body.string("root_cause", required: false),
                                              outcome: try outcome(body), redress: try redress(body)))
        case "hold":
            return .hold(reason: try body.string("reason", required: true) ?? "")
        case "resume": return .resume
        case "close":
            return .lifecycle(.close, .init(csat: try body.integer("csat"), nps: try body.integer("nps"),
                                            firstContact: try body.bool("first_contact") ?? false, rootCause: try body.string("root_cause", required: false)))
        case "refer":
            return .lifecycle(.refer, .init(scheme: try body.string("scheme", required: true)))
        case "assign":
            return .assign(to: try body.string("to", required: true) ?? "")
        case "note":
            return .note(text: try body.string("text", required: true) ?? "", communication: try body.bool("communication") ?? false)
        case "tag":
            let add = try body.strings("add"), remove = try body.strings("remove")
            guard !add.isEmpty || !remove.isEmpty else { throw APIError(.invalidInput, "give \"add\" or \"remove\" (arrays of tags)", field: "add") }
            return .tag(add: add, remove: remove)
        case "escalate": return .escalate
        case "deescalate": return .deescalate
        case "erase-personal-data": return .erasePersonalData
        default:
            guard let step = LifecycleStep(rawValue: name) else { throw APIError(.notFound, "no step \"\(name)\"") }
            return .lifecycle(step, .init())
        }
    }

    /// The response's outcome, one of `Outcome`'s names.
    private static func outcome(_ body: some StepFieldSource) throws -> Outcome {
        let text = try body.string("outcome", required: true) ?? ""
        guard let outcome = Outcome(rawValue: text) else {
            throw APIError(.invalidInput, "outcome \"\(text)\" is not one of \(Outcome.names)", field: "outcome")
        }
        return outcome
    }

    /// The redress paid: an amount and its currency, both or neither (an
    /// empty amount from a web form is none).
    private static func redress(_ body: some StepFieldSource) throws -> MoneyAmount? {
        let amount = try body.string("redress_amount", required: false) ?? ""
        let currency = try body.string("redress_currency", required: false) ?? ""
        if amount.isEmpty { return nil }
        do throws(CalendarError) {
            return try MoneyAmount(amountText: amount, currency: currency)
        } catch {
            throw APIError(.invalidInput, error.description, field: error.field == "currency" ? "redress_currency" : "redress_amount")
        }
    }

    /// The body field a node refusal's field is, for a step: the node names
    /// fields as the command line does (`--root-cause`, the note's text).
    static func bodyField(_ field: String?, step: String) -> String? {
        switch (field, step) {
        case ("root-cause"?, _): "root_cause"
        case ("assignee"?, "assign"): "to"
        case ("note"?, "note"): "text"
        case ("tag"?, "tag"): "add"
        default: field
        }
    }
}
