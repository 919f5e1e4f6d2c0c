import RedressModel
import RedressStore

/// Admins' changes to the reference data every division shares: each
/// division's name and promises (ISO 10001), and the taxonomy.
extension NodeService {
    /// Sets the name and promises of `division`, creating it if it is new
    /// (a new division needs `manage-taxonomy` in every division: it is head office's to add).
    public func saveDivision(code: String, name: String, conduct: CodeOfConduct, by actor: Account) throws(NodeError) {
        try write(as: actor) { tx in
            let actor = try current(actor, in: tx)
            if (try? tx.conduct(of: code)) == nil {
                try authorizeEverywhere(actor, .manageTaxonomy)
            } else {
                try authorize(actor, .manageTaxonomy, in: code)
            }
            try tx.upsertDivision(code: code, name: name, conduct: conduct)
        }
    }

    /// Adds or relabels an entry of the shared taxonomy (it is every division's, so: in every division).
    public func saveTaxon(_ kind: Taxonomy.Kind, code: String, label: String, by actor: Account) throws(NodeError) {
        try write(as: actor) { tx in
            try authorizeEverywhere(try current(actor, in: tx), .manageTaxonomy)
            try tx.saveTaxon(kind, code: code, label: label)
        }
    }

    /// Retires an entry of the shared taxonomy.
    public func retireTaxon(_ kind: Taxonomy.Kind, code: String, by actor: Account) throws(NodeError) {
        try write(as: actor) { tx in
            try authorizeEverywhere(try current(actor, in: tx), .manageTaxonomy)
            try tx.retireTaxon(kind, code: code)
        }
    }
}
