/// The kinds of replicated record with per-field merge rules.
///
/// The raw values go on the wire and into the change log: never renumber
/// them, and keep them below 16 (the change log numbers the history and tag
/// sets 16 and 17; a test checks).
public enum RecordKind: Int, CaseIterable, Sendable, Hashable {
    case complaint = 1
    case division = 2
    case taxon = 3
    case member = 4
    case customerCount = 5
    case account = 6
    case apiToken = 7
    case replyTemplate = 8
    case divisionKey = 9
    case keyGrant = 10
    case writerKey = 11
    case recoveryKey = 12
    case eventText = 13
    case holiday = 14
    case referenceChange = 15
}

/// One replicated column of a record table.
public struct FieldSpec: Sendable, Hashable {
    /// Position in the record's clock vector and change masks (0..<63).
    public let index: Int
    /// SQLite column name; also the JSON key where one is printed.
    public let column: String
    public let rule: MergeRule
    /// Personal data of the complainant: erased by `erase-personal-data` and
    /// never written to logs.
    public let isPersonal: Bool
    public let isInteger: Bool

    /// The field named `field`: its index and column come from the name.
    public init<Field: RecordField>(_ field: Field, rule: MergeRule = .lastWriterWins, personal: Bool = false, integer: Bool = false) {
        self.index = field.rawValue
        self.column = field.column
        self.rule = rule
        self.isPersonal = personal
        self.isInteger = integer
    }
}

/// The layout of one kind of replicated record: its SQLite table, its global
/// key column and its fields.
public struct RecordSchema: Sendable {
    public let kind: RecordKind
    public let table: String
    /// The column holding the record's global key (a UUID, a code, …).
    public let keyColumn: String
    public let fields: [FieldSpec]
    /// The monotone flag that, once set, blanks every personal field.
    public let erasureField: FieldSpec?

    /// - Parameter names: the kind's field names; `fields` must describe each of them, in order.
    public init<Field: RecordField>(_ names: Field.Type, table: String, keyColumn: String, fields: [FieldSpec],
                                    erasureField: Field? = nil) {
        precondition(fields.map(\.column) == Field.allCases.map(\.column) && fields.enumerated().allSatisfy { $0.offset == $0.element.index },
                     "\(table)'s fields must be \(Field.self)'s, in order")
        precondition(fields.count < 63, "a change mask is one SQLite integer")
        self.kind = Field.recordKind
        self.table = table
        self.keyColumn = keyColumn
        self.fields = fields
        self.erasureField = erasureField.map { fields[$0.rawValue] }
    }

    public static func of(_ kind: RecordKind) -> RecordSchema {
        switch kind {
        case .complaint: .complaint
        case .division: .division
        case .taxon: .taxon
        case .member: .member
        case .customerCount: .customerCount
        case .account: .account
        case .apiToken: .apiToken
        case .replyTemplate: .replyTemplate
        case .divisionKey: .divisionKey
        case .keyGrant: .keyGrant
        case .writerKey: .writerKey
        case .recoveryKey: .recoveryKey
        case .eventText: .eventText
        case .holiday: .holiday
        case .referenceChange: .referenceChange
        }
    }
}

extension RecordSchema {
    /// A complaint: ISO 10002's record of one expression of dissatisfaction.
    public static let complaint = RecordSchema(
        ComplaintField.self, table: "complaint", keyColumn: "id",
        fields: [
            FieldSpec(ComplaintField.division),
            FieldSpec(ComplaintField.receivedAt, integer: true),
            FieldSpec(ComplaintField.channel),
            FieldSpec(ComplaintField.complainantName, personal: true),
            FieldSpec(ComplaintField.complainantContact, personal: true),
            FieldSpec(ComplaintField.product),
            FieldSpec(ComplaintField.category),
            FieldSpec(ComplaintField.description, personal: true),
            FieldSpec(ComplaintField.severity),
            FieldSpec(ComplaintField.requestedRemedy),
            FieldSpec(ComplaintField.assignee),
            FieldSpec(ComplaintField.level, integer: true),
            // The response's text is written to the complainant and usually
            // quotes their case: personal, like the description.
            FieldSpec(ComplaintField.decision, personal: true),
            FieldSpec(ComplaintField.remedy),
            FieldSpec(ComplaintField.rootCause),
            FieldSpec(ComplaintField.firstContact, integer: true),
            FieldSpec(ComplaintField.csat, integer: true),
            FieldSpec(ComplaintField.nps, integer: true),
            FieldSpec(ComplaintField.scheme),
            FieldSpec(ComplaintField.ackDueAt, integer: true),
            FieldSpec(ComplaintField.respondDueAt, integer: true),
            FieldSpec(ComplaintField.acknowledgedAt, integer: true),
            FieldSpec(ComplaintField.respondedAt, integer: true),
            FieldSpec(ComplaintField.closedAt, integer: true),
            FieldSpec(ComplaintField.stage, rule: .maximum, integer: true),
            FieldSpec(ComplaintField.erased, rule: .maximum, integer: true),
            FieldSpec(ComplaintField.externalRef),
            FieldSpec(ComplaintField.createdBy),
            FieldSpec(ComplaintField.referredAt, integer: true),
            // The response promise this complaint is measured against, as
            // stated when it was received or reopened ("8 working days"): a
            // promise changed later applies to later complaints, and a hold
            // moves the due time in this promise's unit.
            FieldSpec(ComplaintField.respondPromise),
            // Holds (waiting for the complainant): the number of holds and
            // resumes taken, merged by maximum like the stage lattice, so
            // odd means on hold; concurrent holds from the same state are one.
            FieldSpec(ComplaintField.holdState, rule: .maximum, integer: true),
            // When the current hold began (Unix ms).
            FieldSpec(ComplaintField.heldSince, integer: true),
            // The response's outcome (`Outcome`) and the redress paid, in the
            // currency's minor units (an integer: never a float).
            FieldSpec(ComplaintField.outcome),
            FieldSpec(ComplaintField.redressMinor, integer: true),
            FieldSpec(ComplaintField.redressCurrency),
            // The response promise of the escalation level it is at, if the
            // division states one (Unix ms).
            FieldSpec(ComplaintField.escalationDueAt, integer: true),
        ],
        erasureField: .erased)

    /// A division (subsidiary) and its ISO 10001 code-of-conduct promises.
    public static let division = RecordSchema(
        DivisionField.self, table: "division", keyColumn: "code",
        fields: [
            FieldSpec(DivisionField.name),
            FieldSpec(DivisionField.ackHours, integer: true),
            FieldSpec(DivisionField.respondDays, integer: true),
            // Promises as stated ("2 working days"); where empty (a division
            // of an earlier version), `ackHours` hours and `respondDays` days.
            FieldSpec(DivisionField.ackPromise),
            FieldSpec(DivisionField.respondPromise),
            // Optional response promises once escalated to supervisor or management level.
            FieldSpec(DivisionField.supervisorPromise),
            FieldSpec(DivisionField.managementPromise),
            // The calendar working-time promises count in (`WorkingCalendar`).
            FieldSpec(DivisionField.timeZone),
            FieldSpec(DivisionField.workingDays),
            FieldSpec(DivisionField.workingHours),
        ])

    /// A public holiday of a division's calendar; the key is `division/YYYY-MM-DD`.
    /// Adding and removing it is a last-writer-wins flag, so the same date
    /// added on two nodes is one holiday.
    public static let holiday = RecordSchema(
        HolidayField.self, table: "holiday", keyColumn: "key",
        fields: [
            FieldSpec(HolidayField.division),
            FieldSpec(HolidayField.date),
            FieldSpec(HolidayField.removed, integer: true),
        ])

    /// One change an admin made to the reference data every division works
    /// by (`ReferenceChange`): who, when, and what, as text. The key is the
    /// writing node and the counter of this very write, so each entry is
    /// written once and never changed: the log only grows, like history.
    public static let referenceChange = RecordSchema(
        ReferenceChangeField.self, table: "referenceChange", keyColumn: "key",
        fields: [
            FieldSpec(ReferenceChangeField.subject),
            FieldSpec(ReferenceChangeField.user),
            FieldSpec(ReferenceChangeField.at, integer: true),
            FieldSpec(ReferenceChangeField.summary),
        ])

    /// One entry of the shared taxonomy; the key is `kind/code`.
    public static let taxon = RecordSchema(
        TaxonField.self, table: "taxon", keyColumn: "key",
        fields: [
            FieldSpec(TaxonField.kind),
            FieldSpec(TaxonField.code),
            FieldSpec(TaxonField.label),
            FieldSpec(TaxonField.retired, rule: .maximum, integer: true),
        ])

    /// A node of the cluster; retirement is monotone.
    public static let member = RecordSchema(
        MemberField.self, table: "member", keyColumn: "nodeId",
        fields: [
            FieldSpec(MemberField.name),
            FieldSpec(MemberField.division),
            FieldSpec(MemberField.retired, rule: .maximum, integer: true),
            FieldSpec(MemberField.certificateSerial),
            // The node's own public key for receiving wrapped division keys
            // (base64 X9.63 P-256), written by the node itself.
            FieldSpec(MemberField.encryptionKey),
        ])

    /// Customers (or transactions) a division served in one period; the key is `division/period`.
    public static let customerCount = RecordSchema(
        CustomerCountField.self, table: "customerCount", keyColumn: "key",
        fields: [
            FieldSpec(CustomerCountField.division),
            FieldSpec(CustomerCountField.period),
            FieldSpec(CustomerCountField.customers, integer: true),
        ])

    /// A staff or integration account; the key is the login. Accounts
    /// replicate, so an admin anywhere can create a branch's accounts and
    /// every node can name who did what. Deactivation is monotone, like a
    /// retired node: a deactivated login stays deactivated everywhere.
    public static let account = RecordSchema(
        AccountField.self, table: "account", keyColumn: "login",
        fields: [
            FieldSpec(AccountField.name),
            FieldSpec(AccountField.division),
            FieldSpec(AccountField.role),
            FieldSpec(AccountField.deactivated, rule: .maximum, integer: true),
            FieldSpec(AccountField.passwordHash),
            FieldSpec(AccountField.passwordChangedAt, integer: true),
        ])

    /// An API token of an account, for integrations; the key is the token's
    /// public id. Only a SHA-256 hash of its secret is kept. Revocation is monotone.
    public static let apiToken = RecordSchema(
        APITokenField.self, table: "apiToken", keyColumn: "tokenId",
        fields: [
            FieldSpec(APITokenField.login),
            FieldSpec(APITokenField.name),
            FieldSpec(APITokenField.secretHash),
            FieldSpec(APITokenField.revoked, rule: .maximum, integer: true),
            FieldSpec(APITokenField.createdAt, integer: true),
        ])

    /// A division's wording for a communication (for example its
    /// acknowledgement letter), chosen when staff write to a complainant;
    /// the key is `division/name` (the name in lower case), so the same name
    /// made on two nodes is one template. Retirement is monotone.
    public static let replyTemplate = RecordSchema(
        ReplyTemplateField.self, table: "replyTemplate", keyColumn: "key",
        fields: [
            FieldSpec(ReplyTemplateField.division),
            FieldSpec(ReplyTemplateField.name),
            FieldSpec(ReplyTemplateField.text),
            FieldSpec(ReplyTemplateField.retired, rule: .maximum, integer: true),
        ])

    /// A division's key pair for personal data: its public half, which any
    /// node uses to seal a writer key for the division. The key is a random
    /// id, so two nodes that create a division's first key while apart make
    /// two keys that both stay valid; the newest (by `createdAt`, then id) is
    /// the one writers use, which is how a retirement rotates the key.
    public static let divisionKey = RecordSchema(
        DivisionKeyField.self, table: "divisionKey", keyColumn: "keyId",
        fields: [
            FieldSpec(DivisionKeyField.division),
            FieldSpec(DivisionKeyField.publicKey),
            FieldSpec(DivisionKeyField.createdAt, integer: true),
        ])

    /// A division key's private half wrapped (HPKE) for one recipient: a
    /// member node (its `encryptionKey`) or `recovery` (the cluster's recovery
    /// key). The key is `keyId/recipient`, so two nodes granting the same key
    /// to the same node make one record. Revocation (a custodian handing over)
    /// is monotone and blanks the wrapped key, as an erasure blanks personal data.
    public static let keyGrant = RecordSchema(
        KeyGrantField.self, table: "keyGrant", keyColumn: "key",
        fields: [
            FieldSpec(KeyGrantField.keyId),
            FieldSpec(KeyGrantField.recipient),
            FieldSpec(KeyGrantField.wrapped, personal: true),
            FieldSpec(KeyGrantField.revoked, rule: .maximum, integer: true),
            // The public key it is wrapped to: a node that lost its key file
            // publishes a new key, and is granted again to that one.
            FieldSpec(KeyGrantField.recipientKey),
        ],
        erasureField: .revoked)

    /// A node's writer key for a division, wrapped (HPKE) to one of the
    /// division's keys: every personal field the node seals for the division
    /// names it. Only that division's nodes can open it.
    public static let writerKey = RecordSchema(
        WriterKeyField.self, table: "writerKey", keyColumn: "writerKeyId",
        fields: [
            FieldSpec(WriterKeyField.division),
            FieldSpec(WriterKeyField.divisionKeyId),
            FieldSpec(WriterKeyField.wrapped),
            FieldSpec(WriterKeyField.writer),
        ])

    /// The public half of the cluster's recovery key (one record, key `recovery`).
    public static let recoveryKey = RecordSchema(
        RecoveryKeyField.self, table: "recoveryKey", keyColumn: "name",
        fields: [
            FieldSpec(RecoveryKeyField.publicKey),
            FieldSpec(RecoveryKeyField.createdAt, integer: true),
        ])

    /// The sealed text of a history entry that an earlier version stored in
    /// plain text: history entries are a grow-only set and never change, so
    /// the upgrade moves their text here, sealed, and blanks it in the entry.
    /// The key is the entry's `origin/counter`.
    public static let eventText = RecordSchema(
        EventTextField.self, table: "eventText", keyColumn: "key",
        fields: [
            FieldSpec(EventTextField.complaint),
            FieldSpec(EventTextField.text, personal: true),
        ])
}
