import Foundation
import GRDB
public import RedressModel

/// The ISO 10002 lifecycle as local writes: each method validates against the
/// current merged state, then writes through the one stamped path.
extension LocalTransaction {
    func seedTaxonomy() throws {
        for kind in Taxonomy.Kind.allCases {
            for entry in Taxonomy.defaults[kind] ?? [] {
                try write(key: Taxonomy.key(kind, entry.code),
                          [TaxonField.kind: .text(kind.rawValue), .code: .text(entry.code), .label: .text(entry.label), .retired: 0])
            }
        }
    }

    /// Checks that `code` is a live entry of the shared taxonomy.
    func requireTaxon(_ kind: Taxonomy.Kind, _ code: String, field: String) throws {
        let key = Taxonomy.key(kind, code)
        let retired = TaxonField.retired.index
        guard let values = try record(.taxon, key: key), values[retired].integer ?? 0 == 0 else {
            let known = try String.fetchAll(db, sql: "SELECT code FROM taxon WHERE kind = ? AND coalesce(retired, 0) = 0 ORDER BY code",
                                            arguments: [kind.rawValue])
            throw StoreError.invalidValue(field: field, value: code, reason: "not in the taxonomy; known: \(known.joined(separator: ", "))")
        }
    }

    /// Records a new complaint and returns its id.
    @discardableResult
    public func createComplaint(_ input: NewComplaint, id: ComplaintID = .make()) throws -> ComplaintID {
        try write(.complaint, key: id.description, try creationWrites(input), expectNew: true)
        return id
    }

    /// The validated fields of a new complaint, as one list of writes:
    /// what `createComplaint` and `createComplaints` insert.
    func creationWrites(_ input: NewComplaint) throws -> [FieldWrite] {
        try requireTaxon(.channel, input.channel, field: "channel")
        try requireTaxon(.category, input.category, field: "category")
        if let remedy = input.requestedRemedy { try requireTaxon(.remedy, remedy, field: "requested_remedy") }
        let severity = input.severity ?? "medium"
        try requireTaxon(.severity, severity, field: "severity")
        let name = try Validation.text(input.complainant.name, field: "complainant.name", required: true, maxLength: 200, personal: true)
        let contact = try Validation.text(input.complainant.contact, field: "complainant.contact", required: false, maxLength: 200, personal: true)
        let description = try Validation.text(input.description, field: "description", required: true, personal: true)
        let product = try Validation.text(input.product, field: "product", required: false, maxLength: 200)
        if let product { try refuseRetiredProduct(product) }
        let assignee = try Validation.text(input.assignee, field: "assignee", required: false, maxLength: 200)
        let externalRef = try Validation.text(input.externalRef, field: "external_ref", required: false, maxLength: 200)
        let division = input.division ?? store.division
        let conduct = try conduct(of: division)
        let receivedAt = input.receivedAt ?? now
        // A complaint cannot arrive tomorrow, nor before complaints were recorded on computers.
        guard receivedAt >= Self.earliestReceivedAt, receivedAt <= now + 86_400_000 else {
            throw StoreError.invalidValue(field: "received_at", value: String(receivedAt),
                                          reason: "must lie between 1900-01-01 and tomorrow (Unix ms)")
        }
        if let externalRef,
           try Bool.fetchOne(db, sql: "SELECT 1 FROM complaint WHERE externalRef = ?", arguments: [externalRef]) == true {
            throw StoreError.duplicateExternalRef(externalRef)
        }
        // By field index, in one INSERT that is tried first: this is the
        // busiest write of a branch, and a new id is almost never taken.
        return [
            FieldWrite(ComplaintField.division, .text(division)),
            FieldWrite(ComplaintField.receivedAt, .integer(receivedAt)),
            FieldWrite(ComplaintField.channel, .text(input.channel)),
            FieldWrite(ComplaintField.complainantName, name.fieldValue),
            FieldWrite(ComplaintField.complainantContact, contact.fieldValue),
            FieldWrite(ComplaintField.product, product.fieldValue),
            FieldWrite(ComplaintField.category, .text(input.category)),
            FieldWrite(ComplaintField.description, description.fieldValue),
            FieldWrite(ComplaintField.severity, .text(severity)),
            FieldWrite(ComplaintField.requestedRemedy, input.requestedRemedy.fieldValue),
            FieldWrite(ComplaintField.assignee, assignee.fieldValue),
            FieldWrite(ComplaintField.level, .integer(Int64(EscalationLevel.agent.rawValue))),
            FieldWrite(ComplaintField.ackDueAt, .integer(conduct.acknowledgementDue(receivedAt: receivedAt))),
            FieldWrite(ComplaintField.respondDueAt, .integer(conduct.responseDue(from: receivedAt))),
            FieldWrite(ComplaintField.respondPromise, .text(conduct.respond.description)),
            FieldWrite(ComplaintField.stage, .integer(StageState().encoded)),
            FieldWrite(ComplaintField.erased, 0),
            FieldWrite(ComplaintField.externalRef, externalRef.fieldValue),
            FieldWrite(ComplaintField.createdBy, .text(user)),
        ]
    }

    /// 1900-01-01T00:00:00Z in Unix ms: the earliest receipt a complaint may claim.
    static let earliestReceivedAt: Int64 = -2_208_988_800_000

    /// The merged complaint, or `unknownComplaint`.
    public func complaint(_ complaintID: ComplaintID) throws -> Complaint {
        let id = complaintID.description
        guard let values = try record(.complaint, key: id), !values[ComplaintField.receivedAt].isNull else {
            throw StoreError.unknownComplaint(id)
        }
        return Complaint(id: complaintID, values: values)
    }

    /// Details some steps carry.
    public struct StepDetails: Sendable {
        public var decision: String?
        public var remedy: String?
        public var csat: Int?
        public var nps: Int?
        public var firstContact: Bool = false
        public var scheme: String?
        public var rootCause: String?
        /// The response's outcome: required when responding.
        public var outcome: Outcome?
        /// The redress paid with the response (zero is a valid amount).
        public var redress: MoneyAmount?

        public init(decision: String? = nil, remedy: String? = nil, csat: Int? = nil, nps: Int? = nil,
                    firstContact: Bool = false, scheme: String? = nil, rootCause: String? = nil,
                    outcome: Outcome? = nil, redress: MoneyAmount? = nil) {
            self.decision = decision
            self.remedy = remedy
            self.csat = csat
            self.nps = nps
            self.firstContact = firstContact
            self.scheme = scheme
            self.rootCause = rootCause
            self.outcome = outcome
            self.redress = redress
        }
    }

    /// Takes a lifecycle step; refuses one that makes no sense from the current stage.
    public func take(_ step: LifecycleStep, on complaintID: ComplaintID, _ details: StepDetails = StepDetails()) throws {
        let id = complaintID.description
        let complaint = try complaint(complaintID)
        // Input problems are reported before lifecycle ones: they name what to fix in the command.
        try Validation.range(details.csat, field: "csat", SatisfactionScale.csat)
        try Validation.range(details.nps, field: "nps", SatisfactionScale.nps)
        if let remedy = details.remedy { try requireTaxon(.remedy, remedy, field: "remedy") }
        if let rootCause = details.rootCause { try requireTaxon(.rootCause, rootCause, field: "root-cause") }
        let next = try step.apply(to: complaint.stage, complaint: id)
        var fields: [ComplaintField: FieldValue] = [.stage: .integer(next.encoded)]
        switch step {
        case .acknowledge:
            fields[.acknowledgedAt] = .integer(now)
        case .assess, .investigate, .withdraw:
            break
        case .respond:
            let decision = try Validation.text(details.decision, field: "decision", required: true, maxLength: 2_000)
            guard let remedy = details.remedy else { throw StoreError.missingField("remedy") }
            guard let outcome = details.outcome else { throw StoreError.missingField("outcome") }
            fields[.decision] = decision.fieldValue
            fields[.remedy] = .text(remedy)
            fields[.respondedAt] = .integer(now)
            fields[.outcome] = .text(outcome.rawValue)
            // The latest response's redress: none recorded clears an earlier response's.
            if let redress = details.redress {
                do throws(CalendarError) {
                    _ = try MoneyAmount(validatingMinorUnits: redress.minorUnits, currency: redress.currency)
                } catch {
                    throw StoreError.invalidValue(field: "redress", value: redress.description, reason: error.reason)
                }
            }
            fields[.redressMinor] = details.redress.map { .integer($0.minorUnits) } ?? .null
            fields[.redressCurrency] = details.redress.map { .text($0.currency) } ?? .null
        case .close:
            fields[.closedAt] = .integer(now)
            if let csat = details.csat { fields[.csat] = .integer(Int64(csat)) }
            if let nps = details.nps { fields[.nps] = .integer(Int64(nps)) }
            fields[.firstContact] = .integer(details.firstContact ? 1 : 0)
        case .reopen:
            let conduct = try conduct(of: complaint.division)
            fields[.respondDueAt] = .integer(conduct.responseDue(from: now))
            fields[.respondPromise] = .text(conduct.respond.description)
            fields[.escalationDueAt] = conduct.escalationDue(level: complaint.level, from: now).fieldValue
            fields[.closedAt] = .null
        case .refer:
            let scheme = try Validation.text(details.scheme, field: "scheme", required: true, maxLength: 200)
            fields[.scheme] = scheme.fieldValue
            fields[.referredAt] = .integer(now)
            fields[.level] = .integer(Int64(EscalationLevel.externalDisputeResolution.rawValue))
        }
        if let rootCause = details.rootCause { fields[.rootCause] = .text(rootCause) }
        // A hold ends with the complaint's answer, and a reopened complaint starts with its clocks running.
        if complaint.holdState.isHeld { fields[.holdState] = .integer(complaint.holdState.next.steps) }
        try write(key: id, fields)
        try appendEvent(HistoryEvent(complaint: id, kind: .stage, user: user,
                                     fromStage: complaint.stage.encoded, toStage: next.encoded))
    }

    /// Gives the complaint to someone.
    public func assign(_ complaintID: ComplaintID, to assignee: String) throws {
        let id = complaintID.description
        let complaint = try complaint(complaintID)
        let assignee = try Validation.text(assignee, field: "assignee", required: true, maxLength: 200)
        if let reason = complaint.stageRefusal(.assign) { throw StoreError.stageConflict(complaint: id, reason: reason) }
        try write(key: id, [ComplaintField.assignee: assignee.fieldValue])
        try appendEvent(HistoryEvent(complaint: id, kind: .assignment, user: user, text: assignee))
    }

    /// Adds a note (or a record of a communication with the complainant) to the history.
    public func note(_ complaintID: ComplaintID, text: String, communication: Bool = false) throws {
        let id = complaintID.description
        _ = try complaint(complaintID)
        let text = try Validation.text(text, field: "note", required: true, personal: true)
        try appendEvent(HistoryEvent(complaint: id, kind: communication ? .communication : .note, user: user, text: text))
    }

    /// Raises the escalation level by one (agent → supervisor → management).
    public func escalate(_ complaintID: ComplaintID) throws {
        let id = complaintID.description
        let complaint = try complaint(complaintID)
        if let reason = complaint.stageRefusal(.escalate) { throw StoreError.stageConflict(complaint: id, reason: reason) }
        let level = complaint.level + 1
        let due = try conduct(of: complaint.division).escalationDue(level: level, from: now)
        try write(key: id, [ComplaintField.level: .integer(Int64(level)), .escalationDueAt: due.fieldValue])
        try appendEvent(HistoryEvent(complaint: id, kind: .escalation, user: user, text: EscalationLevel(rawValue: level)?.description))
    }

    /// Lowers the escalation level by one (management → supervisor → agent).
    public func deescalate(_ complaintID: ComplaintID) throws {
        let id = complaintID.description
        let complaint = try complaint(complaintID)
        if let reason = complaint.stageRefusal(.deescalate) { throw StoreError.stageConflict(complaint: id, reason: reason) }
        let level = complaint.level - 1
        // Back at a lower level, that level's promise (if any) counts from now.
        let due = try conduct(of: complaint.division).escalationDue(level: level, from: now)
        try write(key: id, [ComplaintField.level: .integer(Int64(level)), .escalationDueAt: due.fieldValue])
        try appendEvent(HistoryEvent(complaint: id, kind: .escalation, user: user, text: EscalationLevel(rawValue: level)?.description))
    }

    /// Erases the complainant's personal data from the record and its history.
    ///
    /// The erasure marker is a monotone flag: it wins over every concurrent or
    /// later write of personal fields, on every replica, forever.
    public func erasePersonalData(_ complaintID: ComplaintID) throws {
        let id = complaintID.description
        _ = try complaint(complaintID)
        var fields: [ComplaintField: FieldValue] = [.erased: 1]
        for field in ComplaintField.allCases where field.spec.isPersonal { fields[field] = .null }
        try write(key: id, fields)
        try blankHistoryText(complaint: id)
    }

    /// Tags a complaint.
    public func tag(_ complaintID: ComplaintID, add: [String], remove: [String]) throws {
        let id = complaintID.description
        _ = try complaint(complaintID)
        for tag in add {
            try Validation.code(tag, field: "tag")
            try addTag(tag, complaint: complaintID)
        }
        for tag in remove { try removeTag(tag, complaint: complaintID) }
    }
}
