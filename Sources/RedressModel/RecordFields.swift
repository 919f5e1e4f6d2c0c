/// The fields of each record kind by name, in their schema's order: the
/// raw value is the field's index (its place in the clock vector and the
/// change masks), the case name its SQLite column. Code names a field as
/// `ComplaintField.receivedAt`, never as the string "receivedAt", so that the
/// compiler checks every use; `RecordSchema` is built from these and checks
/// that the two agree.

public enum ComplaintField: Int, RecordField {
    case division, receivedAt, channel, complainantName, complainantContact, product, category, description,
         severity, requestedRemedy, assignee, level, decision, remedy, rootCause, firstContact, csat, nps,
         scheme, ackDueAt, respondDueAt, acknowledgedAt, respondedAt, closedAt, stage, erased, externalRef,
         createdBy, referredAt, respondPromise, holdState, heldSince, outcome, redressMinor, redressCurrency,
         escalationDueAt
    public static let recordKind = RecordKind.complaint
}

public enum DivisionField: Int, RecordField {
    case name, ackHours, respondDays, ackPromise, respondPromise, supervisorPromise, managementPromise, timeZone,
         workingDays, workingHours
    public static let recordKind = RecordKind.division
}

public enum HolidayField: Int, RecordField {
    case division, date, removed
    public static let recordKind = RecordKind.holiday
}

public enum ReferenceChangeField: Int, RecordField {
    case subject, user, at, summary
    public static let recordKind = RecordKind.referenceChange
}

public enum TaxonField: Int, RecordField {
    case kind, code, label, retired
    public static let recordKind = RecordKind.taxon
}

public enum MemberField: Int, RecordField {
    case name, division, retired, certificateSerial, encryptionKey
    public static let recordKind = RecordKind.member
}

public enum CustomerCountField: Int, RecordField {
    case division, period, customers
    public static let recordKind = RecordKind.customerCount
}

public enum AccountField: Int, RecordField {
    case name, division, role, deactivated, passwordHash, passwordChangedAt
    public static let recordKind = RecordKind.account
}

public enum APITokenField: Int, RecordField {
    case login, name, secretHash, revoked, createdAt
    public static let recordKind = RecordKind.apiToken
}

public enum ReplyTemplateField: Int, RecordField {
    case division, name, text, retired
    public static let recordKind = RecordKind.replyTemplate
}

public enum DivisionKeyField: Int, RecordField {
    case division, publicKey, createdAt
    public static let recordKind = RecordKind.divisionKey
}

public enum KeyGrantField: Int, RecordField {
    case keyId, recipient, wrapped, revoked, recipientKey
    public static let recordKind = RecordKind.keyGrant
}

public enum WriterKeyField: Int, RecordField {
    case division, divisionKeyId, wrapped, writer
    public static let recordKind = RecordKind.writerKey
}

public enum RecoveryKeyField: Int, RecordField {
    case publicKey, createdAt
    public static let recordKind = RecordKind.recoveryKey
}

public enum EventTextField: Int, RecordField {
    case complaint, text
    public static let recordKind = RecordKind.eventText
}
