import GRDB
import RedressModel

/// Plain reads of replicated records.
enum RecordQueries {
    static func values(_ kind: RecordKind, key: String, db: Database) throws -> [FieldValue]? {
        // On the path of every complaint created (taxonomy and promise checks):
        // prepared SQL text, and columns read by position.
        let sql = valuesSQL[kind]!
        let fieldCount = RecordSchema.of(kind).fields.count
        return try db.cachedStatement(sql: sql).fetchFirst(binding: [key.databaseValue]) { row in
            (0..<fieldCount).map { FieldValue(row[$0]) }
        }
    }

    private static let valuesSQL: [RecordKind: String] = Dictionary(uniqueKeysWithValues: RecordKind.allCases.map { kind in
        let schema = RecordSchema.of(kind)
        return (kind, "SELECT \(schema.fields.map(\.column).joined(separator: ", ")) FROM \(schema.table) WHERE \(schema.keyColumn) = ?")
    })

    /// Every record of `kind` with its values (indexed like its schema's fields), by key, in one statement.
    static func all(_ kind: RecordKind, db: Database) throws -> [(key: String, values: [FieldValue])] {
        let schema = RecordSchema.of(kind)
        let sql = "SELECT \(schema.keyColumn), \(schema.fields.map(\.column).joined(separator: ", ")) FROM \(schema.table) ORDER BY \(schema.keyColumn)"
        return try Row.fetchAll(db, sql: sql).map { row in
            (row[0], (1...schema.fields.count).map { FieldValue(row[$0] as DatabaseValue) })
        }
    }
}
