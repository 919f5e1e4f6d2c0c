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

    public init(_ index: Int, _ column: String, rule: MergeRule = .lastWriterWins, personal: Bool = false, integer: Bool = false) {
        self.index = index
        self.column = column
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
    /// Field indexes by column name: `index(of:)` is on the path of every
    /// complaint a list prints (thirty lookups each).
    private let indexByColumn: [String: Int]

    public init(kind: RecordKind, table: String, keyColumn: String, fields: [FieldSpec], erasureField: String? = nil) {
        precondition(fields.enumerated().allSatisfy { $0.offset == $0.element.index }, "field indexes must be 0..<n in order")
        precondition(fields.count < 63, "a change mask is one SQLite integer")
        self.kind = kind
        self.table = table
        self.keyColumn = keyColumn
        self.fields = fields
        self.erasureField = erasureField.flatMap { name in fields.first { $0.column == name } }
        self.indexByColumn = Dictionary(uniqueKeysWithValues: fields.map { ($0.column, $0.index) })
    }

    public func field(_ column: String) -> FieldSpec { fields[index(of: column)] }

    public func index(of column: String) -> Int {
        guard let index = indexByColumn[column] else { preconditionFailure("\(table) has no field \(column)") }
        return index
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
        kind: .complaint, table: "complaint", keyColumn: "id",
        fields: [
            FieldSpec(0, "division"),
            FieldSpec(1, "receivedAt", integer: true),
            FieldSpec(2, "channel"),
            FieldSpec(3, "complainantName", personal: true),
            FieldSpec(4, "complainantContact", personal: true),
            FieldSpec(5, "product"),
            FieldSpec(6, "category"),
            FieldSpec(7, "description", personal: true),
            FieldSpec(8, "severity"),
            FieldSpec(9, "requestedRemedy"),
            FieldSpec(10, "assignee"),
            FieldSpec(11, "level", integer: true),
            // The response's text is written to the complainant and usually
            // quotes their case: personal, like the description.
            FieldSpec(12, "decision", personal: true),
            FieldSpec(13, "remedy"),
            FieldSpec(14, "rootCause"),
            FieldSpec(15, "firstContact", integer: true),
            FieldSpec(16, "csat", integer: true),
            FieldSpec(17, "nps", integer: true),
            FieldSpec(18, "scheme"),
            FieldSpec(19, "ackDueAt", integer: true),
            FieldSpec(20, "respondDueAt", integer: true),
            FieldSpec(21, "acknowledgedAt", integer: true),
            FieldSpec(22, "respondedAt", integer: true),
            FieldSpec(23, "closedAt", integer: true),
            FieldSpec(24, "stage", rule: .maximum, integer: true),
            FieldSpec(25, "erased", rule: .maximum, integer: true),
            FieldSpec(26, "externalRef"),
            FieldSpec(27, "createdBy"),
            FieldSpec(28, "referredAt", integer: true),
            // The response promise this complaint is measured against, as
            // stated when it was received or reopened ("8 working days"): a
            // promise changed later applies to later complaints, and a hold
            // moves the due time in this promise's unit.
            FieldSpec(29, "respondPromise"),
            // Holds (waiting for the complainant): the number of holds and
            // resumes taken, merged by maximum like the stage lattice, so
            // odd means on hold; concurrent holds from the same state are one.
            FieldSpec(30, "holdState", rule: .maximum, integer: true),
            // When the current hold began (Unix ms).
            FieldSpec(31, "heldSince", integer: true),
            // The response's outcome (`Outcome`) and the redress paid, in the
            // currency's minor units (an integer: never a float).
            FieldSpec(32, "outcome"),
            FieldSpec(33, "redressMinor", integer: true),
            FieldSpec(34, "redressCurrency"),
            // The response promise of the escalation level it is at, if the
            // division states one (Unix ms).
            FieldSpec(35, "escalationDueAt", integer: true),
        ],
        erasureField: "erased")

    /// A division (subsidiary) and its ISO 10001 code-of-conduct promises.
    public static let division = RecordSchema(
        kind: .division, table: "division", keyColumn: "code",
        fields: [
            FieldSpec(0, "name"),
            FieldSpec(1, "ackHours", integer: true),
            FieldSpec(2, "respondDays", integer: true),
            // Promises as stated ("2 working days"); where empty (a division
            // of an earlier version), `ackHours` hours and `respondDays` days.
            FieldSpec(3, "ackPromise"),
            FieldSpec(4, "respondPromise"),
            // Optional response promises once escalated to supervisor or management level.
            FieldSpec(5, "supervisorPromise"),
            FieldSpec(6, "managementPromise"),
            // The calendar working-time promises count in (`WorkingCalendar`).
            FieldSpec(7, "timeZone"),
            FieldSpec(8, "workingDays"),
            FieldSpec(9, "workingHours"),
        ])

    /// A public holiday of a division's calendar; the key is `division/YYYY-MM-DD`.
    /// Adding and removing it is a last-writer-wins flag, so the same date
    /// added on two nodes is one holiday.
    public static let holiday = RecordSchema(
        kind: .holiday, table: "holiday", keyColumn: "key",
        fields: [
            FieldSpec(0, "division"),
            FieldSpec(1, "date"),
            FieldSpec(2, "removed", integer: true),
        ])

    /// One change an admin made to the reference data every division works
    /// by (`ReferenceChange`): who, when, and what, as text. The key is the
    /// writing node and the counter of this very write, so each entry is
    /// written once and never changed: the log only grows, like history.
    public static let referenceChange = RecordSchema(
        kind: .referenceChange, table: "referenceChange", keyColumn: "key",
        fields: [
            FieldSpec(0, "subject"),
            FieldSpec(1, "user"),
            FieldSpec(2, "at", integer: true),
            FieldSpec(3, "summary"),
        ])

    /// One entry of the shared taxonomy; the key is `kind/code`.
    public static let taxon = RecordSchema(
        kind: .taxon, table: "taxon", keyColumn: "key",
        fields: [
            FieldSpec(0, "kind"),
            FieldSpec(1, "code"),
            FieldSpec(2, "label"),
            FieldSpec(3, "retired", rule: .maximum, integer: true),
        ])

    /// A node of the cluster; retirement is monotone.
    public static let member = RecordSchema(
        kind: .member, table: "member", keyColumn: "nodeId",
        fields: [
            FieldSpec(0, "name"),
            FieldSpec(1, "division"),
            FieldSpec(2, "retired", rule: .maximum, integer: true),
            FieldSpec(3, "certificateSerial"),
            // The node's own public key for receiving wrapped division keys
            // (base64 X9.63 P-256), written by the node itself.
            FieldSpec(4, "encryptionKey"),
        ])

    /// Customers (or transactions) a division served in one period; the key is `division/period`.
    public static let customerCount = RecordSchema(
        kind: .customerCount, table: "customerCount", keyColumn: "key",
        fields: [
            FieldSpec(0, "division"),
            FieldSpec(1, "period"),
            FieldSpec(2, "customers", integer: true),
        ])

    /// A staff or integration account; the key is the login. Accounts
    /// replicate, so an admin anywhere can create a branch's accounts and
    /// every node can name who did what. Deactivation is monotone, like a
    /// retired node: a deactivated login stays deactivated everywhere.
    public static let account = RecordSchema(
        kind: .account, table: "account", keyColumn: "login",
        fields: [
            FieldSpec(0, "name"),
            FieldSpec(1, "division"),
            FieldSpec(2, "role"),
            FieldSpec(3, "deactivated", rule: .maximum, integer: true),
            FieldSpec(4, "passwordHash"),
            FieldSpec(5, "passwordChangedAt", integer: true),
        ])

    /// An API token of an account, for integrations; the key is the token's
    /// public id. Only a SHA-256 hash of its secret is kept. Revocation is monotone.
    public static let apiToken = RecordSchema(
        kind: .apiToken, table: "apiToken", keyColumn: "tokenId",
        fields: [
            FieldSpec(0, "login"),
            FieldSpec(1, "name"),
            FieldSpec(2, "secretHash"),
            FieldSpec(3, "revoked", rule: .maximum, integer: true),
            FieldSpec(4, "createdAt", integer: true),
        ])

    /// A division's wording for a communication (for example its
    /// acknowledgement letter), chosen when staff write to a complainant;
    /// the key is `division/name` (the name in lower case), so the same name
    /// made on two nodes is one template. Retirement is monotone.
    public static let replyTemplate = RecordSchema(
        kind: .replyTemplate, table: "replyTemplate", keyColumn: "key",
        fields: [
            FieldSpec(0, "division"),
            FieldSpec(1, "name"),
            FieldSpec(2, "text"),
            FieldSpec(3, "retired", rule: .maximum, integer: true),
        ])

    /// A division's key pair for personal data: its public half, which any
    /// node uses to seal a writer key for the division. The key is a random
    /// id, so two nodes that create a division's first key while apart make
    /// two keys that both stay valid; the newest (by `createdAt`, then id) is
    /// the one writers use, which is how a retirement rotates the key.
    public static let divisionKey = RecordSchema(
        kind: .divisionKey, table: "divisionKey", keyColumn: "keyId",
        fields: [
            FieldSpec(0, "division"),
            FieldSpec(1, "publicKey"),
            FieldSpec(2, "createdAt", integer: true),
        ])

    /// A division key's private half wrapped (HPKE) for one recipient: a
    /// member node (its `encryptionKey`) or `recovery` (the cluster's recovery
    /// key). The key is `keyId/recipient`, so two nodes granting the same key
    /// to the same node make one record. Revocation (a custodian handing over)
    /// is monotone and blanks the wrapped key, as an erasure blanks personal data.
    public static let keyGrant = RecordSchema(
        kind: .keyGrant, table: "keyGrant", keyColumn: "key",
        fields: [
            FieldSpec(0, "keyId"),
            FieldSpec(1, "recipient"),
            FieldSpec(2, "wrapped", personal: true),
            FieldSpec(3, "revoked", rule: .maximum, integer: true),
            // The public key it is wrapped to: a node that lost its key file
            // publishes a new key, and is granted again to that one.
            FieldSpec(4, "recipientKey"),
        ],
        erasureField: "revoked")

    /// A node's writer key for a division, wrapped (HPKE) to one of the
    /// division's keys: every personal field the node seals for the division
    /// names it. Only that division's nodes can open it.
    public static let writerKey = RecordSchema(
        kind: .writerKey, table: "writerKey", keyColumn: "writerKeyId",
        fields: [
            FieldSpec(0, "division"),
            FieldSpec(1, "divisionKeyId"),
            FieldSpec(2, "wrapped"),
            FieldSpec(3, "writer"),
        ])

    /// The public half of the cluster's recovery key (one record, key `recovery`).
    public static let recoveryKey = RecordSchema(
        kind: .recoveryKey, table: "recoveryKey", keyColumn: "name",
        fields: [
            FieldSpec(0, "publicKey"),
            FieldSpec(1, "createdAt", integer: true),
        ])

    /// The sealed text of a history entry that an earlier version stored in
    /// plain text: history entries are a grow-only set and never change, so
    /// the upgrade moves their text here, sealed, and blanks it in the entry.
    /// The key is the entry's `origin/counter`.
    public static let eventText = RecordSchema(
        kind: .eventText, table: "eventText", keyColumn: "key",
        fields: [
            FieldSpec(0, "complaint"),
            FieldSpec(1, "text", personal: true),
        ])
}
