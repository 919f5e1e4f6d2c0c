public import RedressModel
import RedressStore

/// The shared reference data forms offer as choices: the taxonomy, the
/// divisions, and the colleagues a complaint can be assigned to. None of it
/// is personal data; each is open to any signed-in account.
extension NodeService {
    /// Live entries of one kind of the taxonomy, by code, with their labels.
    public func taxonomy(_ kind: Taxonomy.Kind) throws(NodeError) -> [(code: String, label: String)] {
        try run { try store.taxa(kind) }
    }

    /// Every division with its name and promises, by code.
    public func divisions() throws(NodeError) -> [(code: String, name: String, conduct: CodeOfConduct)] {
        try run { try store.divisions() }
    }

    /// One division with its name and promises, if it exists.
    public func division(_ code: String) throws(NodeError) -> (code: String, name: String, conduct: CodeOfConduct)? {
        try run { try store.division(code) }
    }

    /// The active accounts of `division` that handle complaints there (may
    /// be assigned one), for `actor` who may assign in that division.
    public func colleagues(in division: String, by actor: Account) throws(NodeError) -> [Account] {
        try authorize(actor, .assign, in: division)
        return try run { try store.accounts() }.filter { account in
            account.isActive && account.division == division && account.decide(.note, in: division).isAllowed
        }
    }
}
