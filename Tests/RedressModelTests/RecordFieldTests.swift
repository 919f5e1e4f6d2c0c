import RedressModel
import Testing

/// Fields are named by `RecordField` enums (issue 15, "Typed fields"): each
/// kind's enum and its schema must agree, case for field, in order, since
/// the raw value is the field's index on the wire and in every clock vector.
@Suite struct RecordFieldTests {
    /// Every kind's field names and the schema of that kind.
    static let names: [(kind: RecordKind, columns: [String], schema: RecordSchema)] = [
        entry(ComplaintField.self), entry(DivisionField.self), entry(TaxonField.self), entry(MemberField.self),
        entry(CustomerCountField.self), entry(AccountField.self), entry(APITokenField.self), entry(ReplyTemplateField.self),
        entry(DivisionKeyField.self), entry(KeyGrantField.self), entry(WriterKeyField.self), entry(RecoveryKeyField.self),
        entry(EventTextField.self), entry(HolidayField.self), entry(ReferenceChangeField.self),
    ]

    static func entry<Field: RecordField>(_ names: Field.Type) -> (kind: RecordKind, columns: [String], schema: RecordSchema) {
        (Field.recordKind, Field.allCases.map(\.column), Field.schema)
    }

    @Test func everyKindHasItsFieldNamesAndTheyAreItsSchemasInOrder() {
        #expect(Set(Self.names.map(\.kind)) == Set(RecordKind.allCases), "one enum per record kind")
        for (kind, columns, schema) in Self.names {
            #expect(schema.kind == kind)
            #expect(RecordSchema.of(kind).table == schema.table)
            #expect(schema.fields.map(\.column) == columns, "\(kind)")
            #expect(schema.fields.map(\.index) == Array(columns.indices), "\(kind): the raw value is the index")
        }
    }

    @Test func aFieldNamesItsColumnIndexAndRule() {
        #expect(ComplaintField.receivedAt.column == "receivedAt")
        #expect(ComplaintField.receivedAt.index == 1)
        #expect(ComplaintField.stage.spec.rule == .maximum)
        #expect(ComplaintField.description.spec.isPersonal)
        #expect(!ComplaintField.category.spec.isPersonal)
        #expect(RecordSchema.complaint.erasureField?.column == ComplaintField.erased.column)
        var values = Array(repeating: FieldValue.null, count: RecordSchema.complaint.fields.count)
        values[ComplaintField.category] = .text("fees")
        #expect(values[6] == .text("fees"))
        #expect(values[ComplaintField.category] == .text("fees"))
    }
}
