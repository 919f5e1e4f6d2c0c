import GRDB
public import RedressModel

/// Reply templates: each division's wording for communications.
extension LocalTransaction {
    /// Creates or rewrites the template `name` of `division` (names are
    /// matched regardless of case); a retired one is not brought back: its
    /// key stays retired, as a deactivated login does.
    @discardableResult
    public func saveReplyTemplate(division: String, name: String, text: String) throws -> ReplyTemplate {
        _ = try conduct(of: division)
        guard let name = try Validation.text(name, field: "name", required: true, maxLength: 80),
              let text = try Validation.text(text, field: "text", required: true, maxLength: 5_000) else {
            throw StoreError.missingField("name")
        }
        let key = ReplyTemplate.key(division: division, name: name)
        if let existing = try replyTemplate(key), existing.isRetired {
            throw StoreError.invalidValue(field: "name", value: name, reason: "a retired template has this name in \(division); choose another")
        }
        try write(key: key, [ReplyTemplateField.division: .text(division), .name: .text(name), .text: .text(text)])
        return ReplyTemplate(key: key, division: division, name: name, text: text)
    }

    /// Retires a template: no longer offered, on every node.
    public func retireReplyTemplate(_ key: String) throws {
        guard try replyTemplate(key) != nil else {
            throw StoreError.invalidValue(field: "template", value: key, reason: "no such reply template")
        }
        try write(key: key, [ReplyTemplateField.retired: 1])
    }

    public func replyTemplate(_ key: String) throws -> ReplyTemplate? {
        try record(.replyTemplate, key: key).flatMap { ReplyTemplate(key: key, values: $0) }
    }
}

extension RedressStore {
    /// The templates of `division` still in use, by name.
    public func replyTemplates(division: String) throws(StoreError) -> [ReplyTemplate] {
        try read { db in
            try RecordQueries.all(.replyTemplate, db: db).compactMap { ReplyTemplate(key: $0.key, values: $0.values) }
                .filter { $0.division == division && !$0.isRetired }
                .sorted { $0.name.lowercased() < $1.name.lowercased() }
        }
    }
}

extension ReplyTemplate {
    /// From a `replyTemplate` record's values; `nil` for a record missing its fields.
    init?(key: String, values: [FieldValue]) {
        let schema = RecordSchema.replyTemplate
        guard let division = values[ReplyTemplateField.division].text, let name = values[ReplyTemplateField.name].text,
              let text = values[ReplyTemplateField.text].text else { return nil }
        self.init(key: key, division: division, name: name, text: text, isRetired: (values[ReplyTemplateField.retired].integer ?? 0) != 0)
    }
}
