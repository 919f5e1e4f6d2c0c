/// A division's published promises (ISO 10001) and the calendar they count
/// in, from which every complaint's due times follow.
///
/// The one place a due time is computed: recording a complaint, reopening
/// it, escalating it and resuming it after a hold all ask this type, so the
/// command line, the API, the web app and the importers agree.
public struct CodeOfConduct: Sendable, Hashable {
    /// "We acknowledge every complaint within …".
    public var acknowledge: PromiseDuration
    /// "We respond to every complaint within …".
    public var respond: PromiseDuration
    /// Optional response promises once a complaint is escalated to
    /// supervisor or management level, counted from the escalation.
    public var supervisorRespond: PromiseDuration?
    public var managementRespond: PromiseDuration?
    /// The working days, hours, time zone and holidays working-time promises count in.
    public var calendar: WorkingCalendar

    public init(acknowledge: PromiseDuration = PromiseDuration(amount: 48, unit: .hours),
                respond: PromiseDuration = PromiseDuration(amount: 15, unit: .days),
                supervisorRespond: PromiseDuration? = nil, managementRespond: PromiseDuration? = nil,
                calendar: WorkingCalendar = .standard) {
        self.acknowledge = acknowledge
        self.respond = respond
        self.supervisorRespond = supervisorRespond
        self.managementRespond = managementRespond
        self.calendar = calendar
    }

    /// Promises in calendar hours and days, as divisions of earlier versions stated them.
    public init(acknowledgeWithinHours: Int, respondWithinDays: Int) {
        self.init(acknowledge: PromiseDuration(amount: acknowledgeWithinHours, unit: .hours),
                  respond: PromiseDuration(amount: respondWithinDays, unit: .days))
    }

    public static let `default` = CodeOfConduct()

    /// When the acknowledgement of a complaint received at `receivedAt` (Unix ms) is due.
    public func acknowledgementDue(receivedAt: Int64) -> Int64 {
        calendar.due(acknowledge, from: receivedAt)
    }

    /// When the response to a complaint received (or reopened) at `from` (Unix ms) is due.
    public func responseDue(from: Int64) -> Int64 {
        calendar.due(respond, from: from)
    }

    /// The response promise of an escalation level, if the division states one.
    public func escalationPromise(level: Int) -> PromiseDuration? {
        switch EscalationLevel(rawValue: level) {
        case .supervisor: supervisorRespond
        case .management: managementRespond
        default: nil
        }
    }

    /// When the response is due once escalated to `level` at `from`, if the level has a promise.
    public func escalationDue(level: Int, from: Int64) -> Int64? {
        escalationPromise(level: level).map { calendar.due($0, from: from) }
    }

    /// A due time of `promise` after a hold from `heldFrom` to `resumedAt`,
    /// during which the clock was stopped: never earlier than `due`.
    public func dueAfterHold(_ due: Int64, promise: PromiseDuration, heldFrom: Int64, resumedAt: Int64) -> Int64 {
        calendar.dueAfterHold(due, promise: promise, heldFrom: heldFrom, resumedAt: resumedAt)
    }
}
