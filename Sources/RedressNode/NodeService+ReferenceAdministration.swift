public import RedressModel
import RedressStore

/// Admins' changes to the reference data every division shares: each
/// division's name and promises (ISO 10001), and the taxonomy.
extension NodeService {
    /// Changes some of a division's name, promises, calendar and holidays
    /// in one transaction, creating the division (with the defaults for the
    /// rest) if it is new: that needs `manage-taxonomy` in every division
    /// (a new division is head office's to add). A promise change applies
    /// to complaints received from then on. Returns the division as written.
    @discardableResult
    public func updateDivision(code: String, _ changes: DivisionChanges, by actor: Account) throws(NodeError) -> (name: String, conduct: CodeOfConduct) {
        let holidays = try changes.holidayDates()
        return try write(as: actor) { tx in
            let actor = try current(actor, in: tx)
            let existing = try? tx.conduct(of: code)
            if existing == nil {
                try authorizeEverywhere(actor, .manageTaxonomy)
            } else {
                try authorize(actor, .manageTaxonomy, in: code)
            }
            let conduct = try changes.apply(to: existing ?? .default)
            let name = try changes.name ?? tx.divisionName(code) ?? code
            try tx.upsertDivision(code: code, name: name, conduct: conduct)
            if !holidays.add.isEmpty || !holidays.remove.isEmpty {
                try tx.setHolidays(of: code, add: holidays.add, remove: holidays.remove)
            }
            return (name, try tx.conduct(of: code))
        }
    }

    /// Adds or relabels an entry of the shared taxonomy (it is every
    /// division's, so: in every division); returns the label as stored.
    @discardableResult
    public func saveTaxon(_ kind: Taxonomy.Kind, code: String, label: String, by actor: Account) throws(NodeError) -> String {
        try write(as: actor) { tx in
            try authorizeEverywhere(try current(actor, in: tx), .manageTaxonomy)
            return try tx.saveTaxon(kind, code: code, label: label)
        }
    }

    /// Retires an entry of the shared taxonomy.
    public func retireTaxon(_ kind: Taxonomy.Kind, code: String, by actor: Account) throws(NodeError) {
        try write(as: actor) { tx in
            try authorizeEverywhere(try current(actor, in: tx), .manageTaxonomy)
            try tx.retireTaxon(kind, code: code)
        }
    }

    /// Who changed which reference data, when and how, newest first: every
    /// change, or those to one subject or under one (`division/EAST`,
    /// `taxonomy`, `taxonomy/category`). For those who make such changes.
    public func referenceHistory(under prefix: String? = nil, limit: Int = 200, by actor: Account) throws(NodeError) -> [ReferenceChange] {
        try authorizeEverywhere(actor, .manageTaxonomy)
        if let prefix, !prefix.isEmpty, !["division", "taxonomy"].contains(where: { prefix == $0 || prefix.hasPrefix($0 + "/") }) {
            throw NodeError(.invalid, "subject \"\(prefix)\" is not division/CODE, taxonomy, taxonomy/KIND or taxonomy/KIND/CODE", field: "subject")
        }
        guard (1...1_000).contains(limit) else { throw NodeError(.invalid, "limit must be between 1 and 1000", field: "limit") }
        return try run { try store.referenceChanges(under: prefix, limit: limit) }
    }
}
