import RedressModel

/// The indexes of the fields `createComplaint` writes, looked up by name once.
enum NewComplaintFields {
    private static func index(_ column: String) -> Int { RecordSchema.complaint.index(of: column) }

    static let division = index("division")
    static let receivedAt = index("receivedAt")
    static let channel = index("channel")
    static let complainantName = index("complainantName")
    static let complainantContact = index("complainantContact")
    static let product = index("product")
    static let category = index("category")
    static let description = index("description")
    static let severity = index("severity")
    static let requestedRemedy = index("requestedRemedy")
    static let assignee = index("assignee")
    static let level = index("level")
    static let ackDueAt = index("ackDueAt")
    static let respondDueAt = index("respondDueAt")
    static let respondPromise = index("respondPromise")
    static let stage = index("stage")
    static let erased = index("erased")
    static let externalRef = index("externalRef")
    static let createdBy = index("createdBy")
}
