import GRDB
public import RedressModel

/// Divisions' promises and calendars, and the steps that stop and restart a
/// complaint's response clocks (waiting for the complainant).
extension LocalTransaction {
    /// Creates or updates a division and its code of conduct. A promise
    /// change applies to complaints received from then on: each complaint
    /// keeps the due times (and the response promise) it was given.
    public func upsertDivision(code: String, name: String, conduct: CodeOfConduct) throws {
        try upsertDivision(code: code, name: name, conduct: conduct, noted: true)
    }

    /// `upsertDivision`, noted in the reference history or (for the defaults
    /// a new store starts with) not.
    func upsertDivision(code: String, name: String, conduct: CodeOfConduct, noted: Bool) throws {
        try Validation.code(code, field: "division")
        let name = try Validation.text(name, field: "name", required: true, maxLength: 200) ?? code
        // What it was, for the note (none is made for a store's own default division).
        let earlier = noted ? try divisionName(code).map { (name: $0, conduct: try self.conduct(of: code)) } : nil
        try write(key: code, DivisionConduct.fields(name: name, conduct))
        guard noted else { return }
        if let earlier {
            try noteReferenceChange(.division(code), (earlier.name == name ? [] : ["name: \(earlier.name) → \(name)"])
                                        + conduct.differences(from: earlier.conduct))
        } else {
            try noteReferenceChange(.division(code), ["created as \"\(name)\""] + conduct.settingsSummary)
        }
    }

    /// A division's name, if it exists.
    public func divisionName(_ code: String) throws -> String? {
        try record(.division, key: code).flatMap { $0[DivisionField.name].text }
    }

    /// The code of conduct of a division, its holidays included.
    public func conduct(of division: String) throws -> CodeOfConduct {
        if let conduct = conducts[division] { return conduct }
        guard let values = try record(.division, key: division) else { throw StoreError.unknownDivision(division) }
        let conduct = DivisionConduct.make(values, holidays: try DivisionConduct.holidays(of: division, db: db))
        conducts[division] = conduct
        return conduct
    }

    /// Adds public holidays to a division's calendar and removes others.
    /// Due times already given stay as they are; complaints received (or
    /// resumed) from then on count with the new calendar.
    public func setHolidays(of division: String, add: [LocalDate], remove: [LocalDate]) throws {
        guard try record(.division, key: division) != nil else { throw StoreError.unknownDivision(division) }
        let earlier = try DivisionConduct.holidays(of: division, db: db)
        for (dates, removed) in [(add, 0), (remove, 1)] as [([LocalDate], Int64)] {
            for date in dates {
                try write(key: DivisionConduct.holidayKey(division: division, date: date),
                          [HolidayField.division: .text(division), .date: .text(date.description), .removed: .integer(removed)])
            }
        }
        let added = Set(add).subtracting(earlier).subtracting(remove).sorted(), removed = Set(remove).intersection(earlier).sorted()
        try noteReferenceChange(.division(division), [
            added.isEmpty ? nil : "holidays added: \(added.map(\.description).joined(separator: ", "))",
            removed.isEmpty ? nil : "holidays removed: \(removed.map(\.description).joined(separator: ", "))",
        ].compactMap { $0 })
    }

    /// Puts a complaint on hold while the organisation waits for the
    /// complainant: the response clocks stop until `resume`.
    public func hold(_ complaintID: ComplaintID, reason: String) throws {
        let id = complaintID.description
        let complaint = try complaint(complaintID)
        let reason = try Validation.text(reason, field: "reason", required: true, maxLength: 2_000, personal: true)
        if let refusal = complaint.stageRefusal(.hold) { throw StoreError.stageConflict(complaint: id, reason: refusal) }
        try write(key: id, [ComplaintField.holdState: .integer(complaint.holdState.next.steps), .heldSince: .integer(now)])
        try appendEvent(HistoryEvent(complaint: id, kind: .hold, user: user, text: reason))
    }

    /// Restarts a complaint's response clocks: each due time moves by the
    /// part of the hold that fell before it, counted in its promise's unit
    /// (working time for working-time promises).
    public func resume(_ complaintID: ComplaintID) throws {
        let id = complaintID.description
        let complaint = try complaint(complaintID)
        if let refusal = complaint.stageRefusal(.resume) { throw StoreError.stageConflict(complaint: id, reason: refusal) }
        var fields: [ComplaintField: FieldValue] = [.holdState: .integer(complaint.holdState.next.steps)]
        if let heldFrom = complaint.heldSince {
            let conduct = try conduct(of: complaint.division)
            let promise = complaint.respondPromise ?? conduct.respond
            if let due = complaint.respondDueAt {
                fields[.respondDueAt] = .integer(conduct.dueAfterHold(due, promise: promise, heldFrom: heldFrom, resumedAt: now))
            }
            if let due = complaint.escalationDueAt {
                let escalation = conduct.escalationPromise(level: complaint.level) ?? promise
                fields[.escalationDueAt] = .integer(conduct.dueAfterHold(due, promise: escalation, heldFrom: heldFrom, resumedAt: now))
            }
        }
        try write(key: id, fields)
        try appendEvent(HistoryEvent(complaint: id, kind: .resume, user: user))
    }
}
