public import RedressModel
public import RedressStore

/// One thing staff do to an existing complaint: every step the command
/// line, the API and the web app offer, in one type, so that each is
/// authorised and written by the same code (`NodeService.perform`).
public enum ComplaintStep: Sendable {
    case lifecycle(LifecycleStep, LocalTransaction.StepDetails)
    case assign(to: String)
    case note(text: String, communication: Bool)
    case escalate
    case deescalate
    case tag(add: [String], remove: [String])
    case erasePersonalData
    /// Waiting for the complainant: the response clocks stop.
    case hold(reason: String)
    case resume

    /// What the access policy is asked.
    public var action: AccessAction {
        switch self {
        case .lifecycle(let step, _): AccessAction(step)
        case .assign: .assign
        case .note: .note
        case .escalate: .escalate
        case .deescalate: .deescalate
        case .tag: .tag
        case .erasePersonalData: .erasePersonalData
        case .hold: .hold
        case .resume: .resume
        }
    }

    /// The step's name in URLs (`POST /api/v1/complaints/{id}/{name}`) and on the command line.
    public var name: String {
        switch self {
        case .lifecycle(let step, _): step.rawValue
        case .assign: "assign"
        case .note: "note"
        case .escalate: "escalate"
        case .deescalate: "deescalate"
        case .tag: "tag"
        case .erasePersonalData: "erase-personal-data"
        case .hold: "hold"
        case .resume: "resume"
        }
    }

    /// Every step name, in the order the documentation lists them.
    public static let names = ["acknowledge", "assess", "investigate", "assign", "note", "escalate", "deescalate",
                               "hold", "resume", "respond", "close", "reopen", "withdraw", "refer", "tag", "erase-personal-data"]

    /// The steps, by name, that `actor` may take on `complaint` as it
    /// stands: allowed by the access policy at its level and by its stage
    /// (`Complaint.stageRefusal`). The web app offers exactly these; the
    /// node still checks each one when it is taken.
    public static func offered(on complaint: Complaint, to actor: Account) -> [String] {
        names.filter { name in
            guard let action = AccessAction(rawValue: name) else { return false }
            return actor.decide(action, in: complaint.division, level: complaint.level).isAllowed
                && complaint.stageRefusal(action) == nil
        }
    }

    func write(on id: ComplaintID, _ tx: LocalTransaction) throws {
        switch self {
        case .lifecycle(let step, let details): try tx.take(step, on: id, details)
        case .assign(let assignee): try tx.assign(id, to: assignee)
        case .note(let text, let communication): try tx.note(id, text: text, communication: communication)
        case .escalate: try tx.escalate(id)
        case .deescalate: try tx.deescalate(id)
        case .tag(let add, let remove): try tx.tag(id, add: add, remove: remove)
        case .erasePersonalData: try tx.erasePersonalData(id)
        case .hold(let reason): try tx.hold(id, reason: reason)
        case .resume: try tx.resume(id)
        }
    }
}
