/// The name of one field of one record kind (`ComplaintField.receivedAt`),
/// checked by the compiler where a string would fail only at run time.
///
/// The raw value is the field's index in its schema: its place in a record's
/// values, its clock vector and its change masks. The case name is its
/// SQLite column. `RecordFields.swift` names every kind's fields.
public protocol RecordField: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == Int, AllCases == [Self] {
    /// The kind of record these are the fields of.
    static var recordKind: RecordKind { get }
}

extension RecordField {
    public static var schema: RecordSchema { .of(recordKind) }
    public var index: Int { rawValue }
    /// The SQLite column, which is also the case's name.
    public var column: String { String(describing: self) }
    public var spec: FieldSpec { Self.schema.fields[rawValue] }
}

extension Array where Element == FieldValue {
    /// The value of `field` in a record's values, indexed like its schema's fields.
    public subscript<Field: RecordField>(_ field: Field) -> FieldValue {
        get { self[field.rawValue] }
        set { self[field.rawValue] = newValue }
    }
}
