public import RedressModel
public import RedressStore

/// Complaints: record, read, search and every step, each authorised by the
/// access policy against the complaint's division and escalation level.
extension NodeService {
    /// Records a new complaint for `input.division` (default: the actor's division).
    public func record(_ input: NewComplaint, by actor: Account) throws(NodeError) -> Complaint {
        var input = input
        let division = input.division ?? actor.division
        input.division = division
        let id = try write(as: actor) { tx in
            // Checked inside the transaction: the account may have changed since it was read.
            try authorize(try current(actor, in: tx), .record, in: division)
            return try tx.createComplaint(input)
        }
        return try run { try store.complaint(id) }
    }

    /// Complaints matching `query` that `actor` may read. Without a division,
    /// staff get their own division's and head-office roles every division's;
    /// asking for a division one may not read is refused.
    public func complaints(_ query: ComplaintQuery, by actor: Account) throws(NodeError) -> [Complaint] {
        let query = try readable(query, by: actor)
        return try run { try store.complaints(query) }
    }

    /// How many complaints match `query` (its `limit` aside), under the same rule as `complaints(_:by:)`.
    public func complaintCount(_ query: ComplaintQuery, by actor: Account) throws(NodeError) -> Int {
        let query = try readable(query, by: actor)
        return try run { try store.complaintCount(query) }
    }

    /// How many complaints within `scope` match each of `queries`, counted in
    /// one pass (the inbox's queues), under the same rule as `complaints(_:by:)`.
    public func complaintCounts(_ queries: [ComplaintQuery], within scope: ComplaintQuery, by actor: Account) throws(NodeError) -> [Int] {
        let scope = try readable(scope, by: actor)
        var readableQueries: [ComplaintQuery] = []
        for query in queries { readableQueries.append(try readable(query, by: actor)) }
        let all = readableQueries
        return try run { try store.complaintCounts(all, within: scope) }
    }

    /// The longest text search: SQLite's LIKE refuses patterns past 50,000 bytes, and nobody types more.
    public static let maxSearchLength = 200

    private func readable(_ query: ComplaintQuery, by actor: Account) throws(NodeError) -> ComplaintQuery {
        var query = query
        if let text = query.text, text.count > Self.maxSearchLength {
            throw NodeError(.invalid, "the search text is longer than \(Self.maxSearchLength) characters", field: "q")
        }
        if let division = query.division {
            try authorize(actor, .read, in: division)
        } else if !mayActEverywhere(actor, .read) {
            try authorize(actor, .read, in: actor.division)
            query.division = actor.division
        }
        return query
    }

    /// The complaint `idText` names (a full id or a unique prefix), with its
    /// history. A complaint the actor may not read is reported as unknown,
    /// so that its existence is not revealed.
    public func complaint(_ idText: String, by actor: Account) throws(NodeError) -> Complaint {
        let complaint = try run { try store.complaint(try resolve(idText, by: actor)) }
        guard actor.decide(.read, in: complaint.division).isAllowed else { throw Self.unknown(idText) }
        return complaint
    }

    /// Takes `step` on the complaint `idText` names and returns the merged
    /// result. Refused, changing nothing, if the actor may not see the
    /// complaint (`.notFound`), may not take the step at its level
    /// (`.forbidden`), or its stage does not allow it (`.conflict`).
    @discardableResult
    public func perform(_ step: ComplaintStep, on idText: String, by actor: Account) throws(NodeError) -> Complaint {
        let id = try run { try resolve(idText, by: actor) }
        try write(as: actor) { tx in
            let actor = try current(actor, in: tx)
            let complaint = try tx.complaint(id)
            guard actor.decide(.read, in: complaint.division).isAllowed else { throw Self.unknown(idText) }
            try authorize(actor, step.action, in: complaint.division, level: complaint.level)
            try step.write(on: id, tx)
        }
        return try run { try store.complaint(id) }
    }

    /// The full id `idText` names among the complaints `actor` may read: a
    /// prefix shared with complaints it may not see neither fails nor
    /// reveals them. An account that reads nothing resolves only full ids
    /// (and is then refused as not finding them).
    private func resolve(_ idText: String, by actor: Account) throws -> ComplaintID {
        if mayActEverywhere(actor, .read) { return try store.resolveComplaintID(idText) }
        guard actor.decide(.read, in: actor.division).isAllowed else {
            guard let id = ComplaintID(idText) else { throw Self.unknown(idText) }
            return id
        }
        return try store.resolveComplaintID(idText, division: actor.division)
    }

    /// The account as this transaction sees it: deactivated since it signed in, it may do nothing.
    func current(_ actor: Account, in tx: LocalTransaction) throws -> Account {
        guard let account = try tx.account(actor.login), account.isActive else {
            throw NodeError(.unauthenticated, "the account \(actor.login) is deactivated or unknown")
        }
        return account
    }

    static func unknown(_ idText: String) -> NodeError {
        NodeError(.notFound, StoreError.unknownComplaint(idText).description)
    }

    /// Throws `.forbidden` unless `actor` may read figures of `division`, or of every division when `nil`.
    public func authorizeReports(division: String?, by actor: Account) throws(NodeError) {
        if let division {
            try authorize(actor, .viewReports, in: division)
        } else if !mayActEverywhere(actor, .viewReports) {
            throw NodeError(.forbidden, "not allowed: \(actor.role.withArticle) may view only its own division's figures; give --division \(actor.division)")
        }
    }

    /// Display names, by login, of the accounts that acted on `complaint`
    /// (its history and its creator): "who did what". Reads only those few
    /// accounts, however many the cluster has.
    public func accountNames(for complaint: Complaint) throws(NodeError) -> [String: String] {
        let logins = Set(complaint.history.map(\.event.user) + [complaint[.createdBy].text].compactMap { $0 })
        return try run {
            var names: [String: String] = [:]
            for login in logins { names[login] = try store.account(login)?.name }
            return names
        }
    }
}
