import Foundation
import GRDB
import GRDBSQLite
import RedressModel

/// A checksum of every replicated row's values and clocks, kept by SQLite
/// itself, so that a damaged record (a failing disk, a bad copy) is found
/// before it is served, sent to a peer or counted in a report.
///
/// SQLite checks its own structure (`PRAGMA integrity_check`) but not the
/// bytes of a value: a flipped bit inside a category or a clock reads back as
/// a valid, wrong value. So each checked table has a `checksum` column that
/// triggers set after every INSERT and every UPDATE of another column, from
/// the values as stored. Triggers rather than Swift code in each writer: every
/// path that writes a row (the merger, the history and tag sets, erasure's
/// blanking, migrations) is covered without repeating the rule, and the value
/// is computed from what SQLite stored, after type affinity, exactly as a
/// later check recomputes it. The merger, which makes nearly every write,
/// brings the checksum itself (computed in Swift for an INSERT, in the
/// UPDATE's own SET from the bound values), and the triggers stand aside
/// when a checksum arrives (`WHEN NEW.checksum IS NULL` / `IS OLD.checksum`),
/// so a row is written once.
///
/// The hash is `redress_checksum(…)`, an SQL function registered on every
/// connection (`register(on:)`): 64 bits of a multiply–xorshift hash over a
/// canonical encoding of its arguments (type, length, bytes). It detects
/// damage; it is not a defence against someone who can write the file.
enum RecordChecksum {
    /// One table whose rows carry a checksum, and the columns it covers.
    struct Table: Sendable, Hashable {
        var name: String
        /// Every stored column but `rid` and `checksum`.
        var columns: [String]
        /// The column that names the row to a person (a key, or origin/counter).
        var label: String

        var expression: String { "redress_checksum(\(columns.joined(separator: ", ")))" }

        /// An SQL condition: the row's checksum matches its values.
        var holdsSQL: String { "checksum IS \(expression)" }

        /// `rid` of every row whose checksum does not match its values.
        var mismatchSQL: String { "SELECT rid, \(label) FROM \(name) WHERE NOT (\(holdsSQL))" }

        fileprivate var triggerSQL: [String] {
            let set = "UPDATE \(name) SET checksum = \(expression) WHERE rid = NEW.rid;"
            return [
                // An INSERT that brings its checksum (`RecordMerger`'s, computed in Swift) needs no second write.
                "CREATE TRIGGER \(name)_checksum_insert AFTER INSERT ON \(name) WHEN NEW.checksum IS NULL BEGIN \(set) END",
                // An UPDATE that sets the checksum itself (`RecordMerger`'s, from the bound values) needs none either.
                "CREATE TRIGGER \(name)_checksum_update AFTER UPDATE OF \(columns.joined(separator: ", ")) ON \(name) "
                    + "WHEN NEW.checksum IS OLD.checksum BEGIN \(set) END",
            ]
        }
    }

    /// Every replicated table: the record kinds, the history and the tags.
    static let tables: [Table] = RecordKind.allCases.map { kind in
        let schema = RecordSchema.of(kind)
        return Table(name: schema.table, columns: [schema.keyColumn] + schema.fields.map(\.column) + ["clocks"], label: schema.keyColumn)
    } + [
        Table(name: "event", columns: ["origin", "counter", "time", "complaint", "kind", "user", "text", "fromStage", "toStage", "at"],
              label: "origin || ':' || counter"),
        Table(name: "tag", columns: ["origin", "counter", "complaint", "tag", "removed"], label: "origin || ':' || counter"),
    ]

    static func table(_ kind: RecordKind) -> Table { tables[kind.rawValue - 1] }
    static let event = tables[RecordKind.allCases.count]
    static let tag = tables[RecordKind.allCases.count + 1]

    /// Makes `redress_checksum` callable on `db`; every connection of the store needs it
    /// (a write to a checked table fires a trigger that calls it).
    static func register(on db: Database) {
        sqlite3_create_function_v2(db.sqliteConnection, "redress_checksum", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   nil, { context, count, arguments in
            var hasher = Hasher64()
            for index in 0..<Int(count) { hasher.feed(arguments?[index]) }
            sqlite3_result_int64(context, Int64(bitPattern: hasher.value))
        }, nil, nil, nil)
    }

    /// Whether any table's triggers are missing or cover other columns than
    /// its schema has now (a migration added one).
    static func needsInstall(_ db: Database) throws -> Bool {
        try tables.contains { try !isInstalled($0, db) }
    }

    /// Creates the triggers of every table that `needsInstall` finds out of
    /// date, and recomputes that table's checksums: their definition changed
    /// with the columns.
    static func install(_ db: Database) throws {
        for table in tables where try !isInstalled(table, db) {
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(table.name)_checksum_insert; DROP TRIGGER IF EXISTS \(table.name)_checksum_update")
            for sql in table.triggerSQL { try db.execute(sql: sql) }
            try db.execute(sql: "UPDATE \(table.name) SET checksum = \(table.expression)")
        }
    }

    private static func isInstalled(_ table: Table, _ db: Database) throws -> Bool {
        let existing = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name IN (?, ?) ORDER BY name
            """, arguments: [table.name, "\(table.name)_checksum_insert", "\(table.name)_checksum_update"])
        return existing == table.triggerSQL
    }

    /// The checksum of a row about to be inserted with exactly these values
    /// in `Table.columns` order, as SQLite will store them; `nil` if SQLite
    /// might store any of them otherwise (a value whose type is not its
    /// column's, which type affinity would convert): then the trigger
    /// computes it from what was stored.
    static func ofInsert(_ schema: RecordSchema, key: String, values: [FieldValue], clocks: Data) -> Int64? {
        var hasher = Hasher64()
        hasher.feed(text: key)
        for field in schema.fields {
            switch values[field.index] {
            case .null: hasher.mix(UInt64(SQLITE_NULL))
            case .integer(let value) where field.isInteger:
                hasher.mix(UInt64(SQLITE_INTEGER))
                hasher.mix(UInt64(bitPattern: value))
            case .text(let text) where !field.isInteger:
                hasher.feed(text: text)
            default: return nil
            }
        }
        hasher.mix(UInt64(SQLITE_BLOB))
        clocks.withUnsafeBytes { hasher.feed($0) }
        return Int64(bitPattern: hasher.value)
    }

    /// Whether SQLite stores each of `writes` exactly as bound (no type
    /// affinity conversion), so that a checksum computed from the bound
    /// values, as `RecordMerger`'s UPDATE does, equals one computed later
    /// from the stored row.
    static func storesAsBound(_ schema: RecordSchema, _ values: [FieldValue], mask: Int64) -> Bool {
        var bits = mask
        while bits != 0 {
            let field = schema.fields[bits.trailingZeroBitCount]
            switch values[field.index] {
            case .null: break
            case .integer where field.isInteger: break
            case .text where !field.isInteger: break
            default: return false
            }
            bits &= bits - 1
        }
        return true
    }

    /// The hash itself: a 64-bit multiply–xorshift over 8-byte words, with
    /// MurmurHash3's finaliser. Fast enough to run on every write and over a
    /// whole store in a scrub.
    struct Hasher64 {
        private(set) var state: UInt64 = 0x5245_4452_4553_5331  // "REDRESS1"

        mutating func mix(_ word: UInt64) {
            state = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
            state ^= state >> 29
        }

        mutating func feed(_ bytes: UnsafeRawBufferPointer) {
            mix(UInt64(bytes.count))
            var offset = 0
            while offset + 8 <= bytes.count {
                mix(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            if shift > 0 { mix(tail) }
        }

        /// A text value, as `feed(_: OpaquePointer?)` hashes an SQLite text.
        mutating func feed(text: String) {
            mix(UInt64(SQLITE_TEXT))
            var text = text
            text.withUTF8 { feed(UnsafeRawBufferPointer($0)) }
        }

        mutating func feed(_ value: OpaquePointer?) {
            let type = sqlite3_value_type(value)
            mix(UInt64(type))
            switch type {
            case SQLITE_INTEGER: mix(UInt64(bitPattern: sqlite3_value_int64(value)))
            case SQLITE_FLOAT: mix(sqlite3_value_double(value).bitPattern)
            case SQLITE_TEXT:
                let pointer = sqlite3_value_text(value)
                let count = Int(sqlite3_value_bytes(value))
                feed(UnsafeRawBufferPointer(start: pointer, count: count))
            case SQLITE_BLOB:
                let pointer = sqlite3_value_blob(value)
                let count = Int(sqlite3_value_bytes(value))
                feed(UnsafeRawBufferPointer(start: pointer, count: count))
            default: break
            }
        }

        var value: UInt64 {
            var h = state
            h ^= h >> 33
            h = h &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 33
            h = h &* 0xC4CE_B9FE_1A85_EC53
            h ^= h >> 33
            return h
        }
    }
}
