public import RedressModel
import RedressStore

/// Reply templates: offered to those who write to a division's complainants,
/// edited by those who manage the division's reference data (admins).
extension NodeService {
    /// The templates of `division`, for an account that may write notes there.
    public func replyTemplates(in division: String, by actor: Account) throws(NodeError) -> [ReplyTemplate] {
        try authorize(actor, .note, in: division)
        return try run { try store.replyTemplates(division: division) }
    }

    /// Creates or rewrites the template `name` of `division`.
    @discardableResult
    public func saveReplyTemplate(division: String, name: String, text: String, by actor: Account) throws(NodeError) -> ReplyTemplate {
        try write(as: actor) { tx in
            try authorize(try current(actor, in: tx), .manageTaxonomy, in: division)
            return try tx.saveReplyTemplate(division: division, name: name, text: text)
        }
    }

    /// Retires the template `key` (`division/name`).
    public func retireReplyTemplate(_ key: String, by actor: Account) throws(NodeError) {
        try write(as: actor) { tx in
            guard let template = try tx.replyTemplate(key) else {
                throw NodeError(.notFound, "no reply template \(key)")
            }
            try authorize(try current(actor, in: tx), .manageTaxonomy, in: template.division)
            try tx.retireReplyTemplate(key)
        }
    }
}
