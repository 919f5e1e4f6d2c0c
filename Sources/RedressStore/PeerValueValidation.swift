import RedressModel

/// The checks a peer's change passes before any of its batch is applied.
///
/// The wire layer refuses what does not decode (unknown kinds, field numbers
/// past the schema, invalid UTF-8, a field written twice); this checks what
/// only the schema knows: each value's type, its size, and that keys and
/// texts hold no control characters, as local input is checked
/// (`Validation.text`). A peer running the same code never sends such a
/// value, so one that does is faulty or hostile: its whole batch is refused.
enum PeerValueValidation {
    /// Keys, ids, logins and tags: far longer than any the store makes.
    static let maxKeyBytes = 512
    /// A text value: the longest local text (20,000 characters of up to 4
    /// bytes), sealed (base64 and a header), with room to spare.
    static let maxTextBytes = 256 * 1024

    static func validate(_ change: Change) throws(StoreError) {
        let name = "change \(change.origin):\(change.counter)"
        switch change.payload {
        case .record(let kind, let key, let fields):
            let schema = RecordSchema.of(kind)
            try checkKey(key, what: "\(name): the \(schema.table) key")
            for write in fields {
                guard write.index >= 0, write.index < schema.fields.count else {
                    throw .invalidBatch(reason: "\(name): \(schema.table) has no field #\(write.index)")
                }
                let field = schema.fields[write.index]
                let what = "\(name): \(schema.table) field #\(field.index) (\(field.column))"
                switch write.value {
                case .null: break
                case .integer:
                    guard field.isInteger else { throw .invalidBatch(reason: "\(what) holds a number where text belongs") }
                case .real:
                    throw .invalidBatch(reason: "\(what) holds a floating-point number; no field has one")
                case .text(let text):
                    guard !field.isInteger else { throw .invalidBatch(reason: "\(what) holds text where a number belongs") }
                    try checkText(text, what: what)
                }
            }
        case .event(let event):
            try checkKey(event.complaint, what: "\(name): the history entry's complaint")
            try checkKey(event.user, what: "\(name): the history entry's user")
            if let text = event.text { try checkText(text, what: "\(name): the history entry's text") }
        case .tag(let dot):
            try checkKey(dot.complaint, what: "\(name): the tag's complaint")
            try checkKey(dot.tag, what: "\(name): the tag")
        }
    }

    private static func checkKey(_ key: String, what: String) throws(StoreError) {
        guard !key.isEmpty, key.utf8.count <= maxKeyBytes else {
            throw .invalidBatch(reason: "\(what) is empty or longer than \(maxKeyBytes) bytes")
        }
        guard !key.containsControlCharacter(allowingLineBreaks: false) else {
            throw .invalidBatch(reason: "\(what) contains a control character")
        }
    }

    private static func checkText(_ text: String, what: String) throws(StoreError) {
        guard text.utf8.count <= maxTextBytes else {
            throw .invalidBatch(reason: "\(what) is longer than \(maxTextBytes) bytes")
        }
        // Never the value itself in the message: it may be personal data.
        if text.containsControlCharacter(allowingLineBreaks: true) {
            throw .invalidBatch(reason: "\(what) contains a control character")
        }
    }
}
