import Foundation
import GRDB
import RedressModel

/// The single path by which any field value enters the store, local or remote.
///
/// It merges a set of field writes into one record by the schema's rules,
/// applies the erasure projection, rewrites the row with its clock vector and
/// reports which fields won. Local writes and applied peer changes both go
/// through here, so there is one implementation of each merge rule in SQL land.
struct RecordMerger {
    let schema: RecordSchema
    private let selectSQL: String
    private let insertSQL: String
    private let updateSQL: String

    init(schema: RecordSchema) {
        self.schema = schema
        let columns = schema.fields.map(\.column)
        selectSQL = "SELECT rid, clocks, \(columns.joined(separator: ", ")) FROM \(schema.table) WHERE \(schema.keyColumn) = ?"
        insertSQL = "INSERT INTO \(schema.table) (\(schema.keyColumn), \(columns.joined(separator: ", ")), clocks) VALUES (?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?)"
        updateSQL = "UPDATE \(schema.table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), clocks = ? WHERE rid = ?"
    }

    static let all: [RecordKind: RecordMerger] = Dictionary(
        uniqueKeysWithValues: RecordKind.allCases.map { ($0, RecordMerger(schema: .of($0))) })

    struct Outcome {
        var rid: Int64
        /// Bit `i` set: field `i` took the incoming value.
        var wonMask: Int64
    }

    /// Merges `writes`, all stamped `stamp`, into the record `key`.
    func merge(key: String, writes: [FieldWrite], stamp: ClockVector.LocalStamp,
               replicas: ReplicaTable, db: Database) throws -> Outcome {
        let fieldCount = schema.fields.count
        var values = [DatabaseValue](repeating: .null, count: fieldCount)
        var clocks = ClockVector(fieldCount: fieldCount)
        var rid: Int64?
        if let row = try Row.fetchOne(db.cachedStatement(sql: selectSQL), arguments: [key]) {
            rid = row[0]
            let blob: Data = row[1]
            clocks = try ClockVector(decoding: blob, fieldCount: fieldCount)
            for i in 0..<fieldCount { values[i] = row[i + 2] }
        }

        var wonMask: Int64 = 0
        for write in writes {
            guard write.index >= 0, write.index < fieldCount else {
                throw StoreError.invalidBatch(reason: "\(schema.table) has no field #\(write.index)")
            }
            let field = schema.fields[write.index]
            let incoming = write.value.databaseValue
            if let current = clocks[write.index] {
                let takesIncoming: Bool
                switch field.rule {
                case .lastWriterWins:
                    takesIncoming = try replicas.isGreater(stamp, than: current)
                case .maximum:
                    let currentValue = FieldValue(values[write.index])
                    if write.value != currentValue {
                        takesIncoming = write.value > currentValue
                    } else {
                        takesIncoming = try replicas.isGreater(stamp, than: current)
                    }
                }
                guard takesIncoming else { continue }
            }
            values[write.index] = incoming
            clocks[write.index] = stamp
            wonMask |= 1 << Int64(write.index)
        }

        // Erasure wins over every concurrent or later write to personal fields:
        // whatever arrived, an erased record keeps them empty.
        if let erasure = schema.erasureField, FieldValue(values[erasure.index]).integer ?? 0 != 0 {
            for field in schema.fields where field.isPersonal { values[field.index] = .null }
        }

        guard wonMask != 0 || rid == nil else { return Outcome(rid: rid!, wonMask: 0) }
        if let rid {
            var arguments = values
            arguments.append(clocks.encoded().databaseValue)
            arguments.append(rid.databaseValue)
            try db.cachedStatement(sql: updateSQL).execute(arguments: StatementArguments(arguments))
            return Outcome(rid: rid, wonMask: wonMask)
        } else {
            var arguments = [key.databaseValue]
            arguments.append(contentsOf: values)
            arguments.append(clocks.encoded().databaseValue)
            try db.cachedStatement(sql: insertSQL).execute(arguments: StatementArguments(arguments))
            return Outcome(rid: db.lastInsertedRowID, wonMask: wonMask)
        }
    }
}

extension FieldValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .text(let value): value.databaseValue
        }
    }

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let value): self = .integer(value)
        case .double(let value): self = .real(value)
        case .string(let value): self = .text(value)
        case .blob(let data): self = .text(String(decoding: data, as: UTF8.self))
        }
    }
}
