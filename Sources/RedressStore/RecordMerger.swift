import Foundation
import GRDB
import RedressModel
import Synchronization

/// The single path by which any field value enters the store, local or remote.
///
/// It merges a set of field writes into one record by the schema's rules,
/// applies the erasure projection, writes the fields that changed with the
/// record's clock vector and reports which fields won. Local writes and applied
/// peer changes both go through here, so there is one implementation of each
/// merge rule in SQL land.
///
/// It is on the hot path of every write and every applied change, so it reads
/// and writes only what a merge needs (see `valueFields`), and keeps the SQL
/// text of each statement it has needed (see `StatementTexts`).
struct RecordMerger: Sendable {
    let schema: RecordSchema
    /// The fields whose current *value* a merge needs: `.maximum` fields
    /// compare values, and the erasure flag decides the projection. Every other
    /// field is decided by its clock alone, so only these are read.
    private let valueFields: [Int]
    private let selectSQL: String
    /// `SELECT key, clocks, every field…, whether its checksum holds WHERE rid = ?`: a record as `ChangeReader` sends it.
    let selectByRowIDSQL: String
    /// Bit `i` set: field `i` is personal data.
    let personalMask: Int64
    private let texts: StatementTexts

    init(schema: RecordSchema) {
        self.schema = schema
        valueFields = schema.fields.filter { $0.rule == .maximum || $0.index == schema.erasureField?.index }.map(\.index)
        let valueColumns = valueFields.map { ", " + schema.fields[$0].column }.joined()
        selectSQL = "SELECT rid, clocks\(valueColumns) FROM \(schema.table) WHERE \(schema.keyColumn) = ?"
        selectByRowIDSQL = "SELECT \(schema.keyColumn), clocks, \(schema.fields.map(\.column).joined(separator: ", ")), "
            + "\(RecordChecksum.table(schema.kind).holdsSQL) FROM \(schema.table) WHERE rid = ?"
        personalMask = schema.fields.filter(\.isPersonal).reduce(0) { $0 | 1 << Int64($1.index) }
        texts = StatementTexts(schema: schema)
    }

    private static let complaint = RecordMerger(schema: .complaint)
    private static let division = RecordMerger(schema: .division)
    private static let taxon = RecordMerger(schema: .taxon)
    private static let member = RecordMerger(schema: .member)
    private static let customerCount = RecordMerger(schema: .customerCount)
    private static let account = RecordMerger(schema: .account)
    private static let apiToken = RecordMerger(schema: .apiToken)
    private static let replyTemplate = RecordMerger(schema: .replyTemplate)
    private static let divisionKey = RecordMerger(schema: .divisionKey)
    private static let keyGrant = RecordMerger(schema: .keyGrant)
    private static let writerKey = RecordMerger(schema: .writerKey)
    private static let recoveryKey = RecordMerger(schema: .recoveryKey)
    private static let eventText = RecordMerger(schema: .eventText)
    private static let holiday = RecordMerger(schema: .holiday)
    private static let referenceChange = RecordMerger(schema: .referenceChange)

    static func of(_ kind: RecordKind) -> RecordMerger {
        switch kind {
        case .complaint: complaint
        case .division: division
        case .taxon: taxon
        case .member: member
        case .customerCount: customerCount
        case .account: account
        case .apiToken: apiToken
        case .replyTemplate: replyTemplate
        case .divisionKey: divisionKey
        case .keyGrant: keyGrant
        case .writerKey: writerKey
        case .recoveryKey: recoveryKey
        case .eventText: eventText
        case .holiday: holiday
        case .referenceChange: referenceChange
        }
    }

    struct Outcome {
        var rid: Int64
        /// Bit `i` set: field `i` took the incoming value.
        var wonMask: Int64
    }

    /// A record as a merge sees it: its row id (nil while it does not exist),
    /// its clocks, and the values of `valueFields` plus the winning writes.
    private struct State {
        var rid: Int64?
        var clocks: ClockVector
        var values: [FieldValue]
    }

    /// Merges `writes`, all stamped `stamp`, into the record `key`.
    func merge(key: String, writes: [FieldWrite], stamp: ClockVector.LocalStamp,
               replicas: ReplicaTable, db: Database) throws -> Outcome {
        var state = try read(key, db: db) ?? emptyState()
        let wonMask = try merge(writes, stamp: stamp, into: &state, replicas: replicas)
        if let rid = state.rid, wonMask == 0 { return Outcome(rid: rid, wonMask: 0) }
        let rid = try save(key: key, state, wonMask: wonMask, db: db)
        return Outcome(rid: rid, wonMask: wonMask)
    }

    /// Merges a *local* write of a record that is most likely new (a
    /// creation): like `merge`, but without reading the record first.
    ///
    /// This node's stamp is newer than every stamp in the store (the hybrid
    /// clock ticks past everything it has written or observed), so on a record
    /// that does not exist yet every field it writes wins. The record is
    /// inserted with `ON CONFLICT DO NOTHING`; if the key is taken after all,
    /// or the write sets the erasure flag (whose projection `merge` applies),
    /// it falls back to `merge`, which decides by the rules: the result is the
    /// same either way. (An `UPDATE … RETURNING` that rewrote the clocks
    /// inside SQLite, to spare the `SELECT` of existing records too, measured
    /// slower than `SELECT` + `UPDATE`: SQLite buffers RETURNING rows, and the
    /// SQL function call costs more than the seek it saves.)
    func mergeNew(key: String, writes: [FieldWrite], stamp: ClockVector.LocalStamp,
                  replicas: ReplicaTable, db: Database) throws -> Outcome {
        let fieldCount = schema.fields.count
        var mask: Int64 = 0
        for write in writes {
            guard write.index >= 0, write.index < fieldCount else {
                throw StoreError.invalidBatch(reason: "\(schema.table) has no field #\(write.index)")
            }
            if write.index == schema.erasureField?.index, write.value.integer ?? 0 != 0 {
                return try merge(key: key, writes: writes, stamp: stamp, replicas: replicas, db: db)
            }
            mask |= 1 << Int64(write.index)
        }
        guard mask != 0 else { return try merge(key: key, writes: writes, stamp: stamp, replicas: replicas, db: db) }
        var clocks = ClockVector(fieldCount: fieldCount)
        var bits = mask
        while bits != 0 {
            clocks[bits.trailingZeroBitCount] = stamp
            bits &= bits - 1
        }
        var row = [FieldValue](repeating: .null, count: fieldCount)
        for write in writes.reversed() { row[write.index] = write.value }  // the first of two writes of a field wins
        let encodedClocks = clocks.encoded()
        let checksum = RecordChecksum.ofInsert(schema, key: key, values: row, clocks: encodedClocks)
        let arguments = [key.databaseValue] + columnValues(writes, mask: mask) + [encodedClocks.databaseValue, checksum.databaseValue]
        try db.cachedStatement(sql: texts.insertIfAbsent(mask)).execute(binding: arguments)
        guard db.changesCount == 1 else { return try merge(key: key, writes: writes, stamp: stamp, replicas: replicas, db: db) }
        return Outcome(rid: db.lastInsertedRowID, wonMask: mask)
    }

    /// The written values in column order (the order of the statements' columns).
    /// Of two writes of one field, the first wins, as in `merge` (equal stamps do not replace).
    private func columnValues(_ writes: [FieldWrite], mask: Int64) -> [DatabaseValue] {
        var byField = [DatabaseValue?](repeating: nil, count: schema.fields.count)
        for write in writes where byField[write.index] == nil { byField[write.index] = write.value.databaseValue }
        var values: [DatabaseValue] = []
        values.reserveCapacity(mask.nonzeroBitCount + 4)
        var bits = mask
        while bits != 0 {
            values.append(byField[bits.trailingZeroBitCount] ?? .null)
            bits &= bits - 1
        }
        return values
    }

    private func emptyState() -> State {
        State(rid: nil, clocks: ClockVector(fieldCount: schema.fields.count),
              values: [FieldValue](repeating: .null, count: schema.fields.count))
    }

    /// The record's row id, clocks and `valueFields`, or nil if there is no such record.
    private func read(_ key: String, db: Database) throws -> State? {
        let fieldCount = schema.fields.count
        return try db.cachedStatement(sql: selectSQL).fetchFirst(binding: [key.databaseValue]) { row in
            var values = [FieldValue](repeating: .null, count: fieldCount)
            for (position, index) in valueFields.enumerated() { values[index] = FieldValue(row[position + 2]) }
            return State(rid: Int64.fromDatabaseValue(row[0]), clocks: try ClockVector(decoding: row[1], fieldCount: fieldCount),
                         values: values)
        }
    }

    /// Applies each write that wins by its field's rule; returns their mask (bit `i`: field `i` won).
    private func merge(_ writes: [FieldWrite], stamp: ClockVector.LocalStamp, into state: inout State,
                       replicas: ReplicaTable) throws -> Int64 {
        let fieldCount = schema.fields.count
        var wonMask: Int64 = 0
        for write in writes {
            guard write.index >= 0, write.index < fieldCount else {
                throw StoreError.invalidBatch(reason: "\(schema.table) has no field #\(write.index)")
            }
            let field = schema.fields[write.index]
            if let current = state.clocks[write.index] {
                let takesIncoming: Bool
                switch field.rule {
                case .lastWriterWins:
                    takesIncoming = try replicas.isGreater(stamp, than: current)
                case .maximum:
                    let currentValue = state.values[write.index]
                    if write.value != currentValue {
                        takesIncoming = write.value > currentValue
                    } else {
                        takesIncoming = try replicas.isGreater(stamp, than: current)
                    }
                }
                guard takesIncoming else { continue }
            }
            state.values[write.index] = write.value
            state.clocks[write.index] = stamp
            wonMask |= 1 << Int64(write.index)
        }
        return wonMask
    }

    /// Writes the fields that won (and the erasure projection) with the new
    /// clocks: an UPDATE of those columns, or the INSERT of a new record.
    /// Returns the record's row id.
    private func save(key: String, _ state: State, wonMask: Int64, db: Database) throws -> Int64 {
        var values = state.values
        // Erasure wins over every concurrent or later write to personal fields:
        // whatever arrived, an erased record keeps them empty.
        var writtenMask = wonMask
        if let erasure = schema.erasureField, values[erasure.index].integer ?? 0 != 0 {
            writtenMask |= personalMask
            for field in schema.fields where field.isPersonal { values[field.index] = .null }
        }

        // Only the written columns: the others keep their values in the row.
        var arguments: [DatabaseValue] = []
        arguments.reserveCapacity(writtenMask.nonzeroBitCount + 2)
        if state.rid == nil { arguments.append(key.databaseValue) }
        var bits = writtenMask
        while bits != 0 {
            arguments.append(values[bits.trailingZeroBitCount].databaseValue)
            bits &= bits - 1
        }
        let encodedClocks = state.clocks.encoded()
        arguments.append(encodedClocks.databaseValue)
        if let rid = state.rid {
            arguments.append(rid.databaseValue)
            // The checksum in the same UPDATE, from the bound values and the
            // unchanged columns, spares the trigger's second write of the row.
            let checked = RecordChecksum.storesAsBound(schema, values, mask: writtenMask)
            try db.cachedStatement(sql: checked ? texts.checkedUpdate(writtenMask) : texts.update(writtenMask)).execute(binding: arguments)
            return rid
        } else {
            // A new record: every field not written is NULL, so the whole row is known here.
            arguments.append(RecordChecksum.ofInsert(schema, key: key, values: values, clocks: encodedClocks).databaseValue)
            try db.cachedStatement(sql: texts.insert(writtenMask)).execute(binding: arguments)
            return db.lastInsertedRowID
        }
    }
}

/// The SQL text of the INSERT and UPDATE for each set of written columns,
/// built once per set (a handful in practice: the shapes of `createComplaint`,
/// of each lifecycle step…) instead of once per write.
private final class StatementTexts: Sendable {
    private let schema: RecordSchema
    private let inserts = Mutex<[Int64: String]>([:])
    private let updates = Mutex<[Int64: String]>([:])
    private let checkedUpdates = Mutex<[Int64: String]>([:])
    private let insertsIfAbsent = Mutex<[Int64: String]>([:])

    init(schema: RecordSchema) { self.schema = schema }

    private func columns(_ mask: Int64) -> [String] {
        schema.fields.filter { mask & (1 << Int64($0.index)) != 0 }.map(\.column)
    }

    /// `INSERT (key, columns…, clocks, checksum)`.
    func insert(_ mask: Int64) -> String {
        inserts.withLock { cache in
            if let sql = cache[mask] { return sql }
            let columns = [schema.keyColumn] + columns(mask) + ["clocks", "checksum"]
            let sql = "INSERT INTO \(schema.table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
            cache[mask] = sql
            return sql
        }
    }

    /// `INSERT (key, columns…, clocks, checksum) … ON CONFLICT DO NOTHING`.
    func insertIfAbsent(_ mask: Int64) -> String {
        insertsIfAbsent.withLock { cache in
            if let sql = cache[mask] { return sql }
            let sql = insert(mask) + " ON CONFLICT DO NOTHING"
            cache[mask] = sql
            return sql
        }
    }

    /// `UPDATE SET columns…, clocks, checksum WHERE rid`, the checksum over
    /// the row as it will be: numbered parameters for the written columns
    /// and the clocks, column names for the rest (in an UPDATE every
    /// expression reads the row before it, and those columns do not change).
    func checkedUpdate(_ mask: Int64) -> String {
        checkedUpdates.withLock { cache in
            if let sql = cache[mask] { return sql }
            let written = columns(mask)
            var position: [String: Int] = [:]
            for (offset, column) in (written + ["clocks"]).enumerated() { position[column] = offset + 1 }
            let assignments = (written + ["clocks"]).map { "\($0) = ?\(position[$0]!)" }
            let hashed = RecordChecksum.table(schema.kind).columns.map { column in position[column].map { "?\($0)" } ?? column }
            let sql = "UPDATE \(schema.table) SET \(assignments.joined(separator: ", ")), checksum = redress_checksum(\(hashed.joined(separator: ", "))) "
                + "WHERE rid = ?\(written.count + 2)"
            cache[mask] = sql
            return sql
        }
    }

    /// `UPDATE SET columns…, clocks WHERE rid`.
    func update(_ mask: Int64) -> String {
        updates.withLock { cache in
            if let sql = cache[mask] { return sql }
            let assignments = (columns(mask) + ["clocks"]).map { "\($0) = ?" }.joined(separator: ", ")
            let sql = "UPDATE \(schema.table) SET \(assignments) WHERE rid = ?"
            cache[mask] = sql
            return sql
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
