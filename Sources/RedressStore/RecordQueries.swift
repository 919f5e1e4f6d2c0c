import GRDB
import RedressModel

/// Plain reads of replicated records.
enum RecordQueries {
    static func values(_ kind: RecordKind, key: String, db: Database) throws -> [FieldValue]? {
        let schema = RecordSchema.of(kind)
        let sql = "SELECT \(schema.fields.map(\.column).joined(separator: ", ")) FROM \(schema.table) WHERE \(schema.keyColumn) = ?"
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [key]) else { return nil }
        return (0..<schema.fields.count).map { FieldValue(row[$0] as DatabaseValue) }
    }

    static func keys(_ kind: RecordKind, db: Database) throws -> [String] {
        let schema = RecordSchema.of(kind)
        return try String.fetchAll(db, sql: "SELECT \(schema.keyColumn) FROM \(schema.table) ORDER BY \(schema.keyColumn)")
    }
}
