import RedressModel
import RedressNode
import RedressStore

/// The JSON body of `POST /api/v1/complaints/{id}/{step}`: the command
/// line's options of that step as fields, each checked for its type; the
/// values themselves are validated by the node like every other input.
enum StepInput {
    /// The fields each step takes (steps not listed take none).
    static let fields: [String: Set<String>] = [
        "respond": ["decision", "remedy", "root_cause"],
        "close": ["csat", "nps", "first_contact", "root_cause"],
        "refer": ["scheme"],
        "assign": ["to"],
        "note": ["text", "communication"],
        "tag": ["add", "remove"],
    ]

    static func step(named name: String, _ body: JSONBody) throws -> ComplaintStep {
        guard ComplaintStep.names.contains(name) else {
            throw APIError(.notFound, "no step \"\(name)\"; steps: \(ComplaintStep.names.joined(separator: ", "))")
        }
        try body.refuseUnknown(fields[name] ?? [], in: name)
        switch name {
        case "respond":
            return .lifecycle(.respond, .init(decision: try body.string("decision", required: true),
                                              remedy: try body.string("remedy", required: true),
                                              rootCause: try body.string("root_cause")))
        case "close":
            return .lifecycle(.close, .init(csat: try body.integer("csat"), nps: try body.integer("nps"),
                                            firstContact: try body.bool("first_contact") ?? false, rootCause: try body.string("root_cause")))
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
