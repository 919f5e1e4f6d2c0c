import Crypto
import Foundation
import GRDB
import RedressKeys
import RedressModel

/// A SHA-256 over the replicated data in a canonical order.
///
/// It covers values only, never clocks, local ordinals or log rows: two nodes
/// have equal digests exactly when users of both would see the same data.
/// History entries are identified by their origin node id (not the local
/// ordinal) and counter; tags by the set that is visible.
enum StateDigest {
    /// The number of this definition: which tables and fields `compute`
    /// covers, in which order and encoding. Change it with any change to
    /// `compute`, so that peers of the old and new builds see that their
    /// digests cannot be compared (`Hello.state_digest_format`), rather
    /// than take every state for damaged and fetch everything again.
    static let format: UInt32 = 1

    static func compute(_ db: Database) throws -> String {
        var hasher = SHA256()
        func feed(_ value: DatabaseValue) {
            switch value.storage {
            case .null: hasher.update(data: [0])
            case .int64(let v): hasher.update(data: [1]); withUnsafeBytes(of: v.littleEndian) { hasher.update(bufferPointer: $0) }
            case .double(let v): hasher.update(data: [2]); withUnsafeBytes(of: v.bitPattern.littleEndian) { hasher.update(bufferPointer: $0) }
            case .string(let s): feedText(s)
            case .blob(let d): hasher.update(data: [4]); feedLength(d.count); hasher.update(data: d)
            }
        }
        func feedLength(_ count: Int) { withUnsafeBytes(of: UInt64(count).littleEndian) { hasher.update(bufferPointer: $0) } }
        func feedText(_ s: String) {
            let bytes = Array(s.utf8)
            hasher.update(data: [3]); feedLength(bytes.count); hasher.update(data: bytes)
        }
        func feedRows(_ label: String, _ sql: String) throws {
            feedText(label)
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                hasher.update(data: [0xFE])
                for value in row.databaseValues { feed(value) }
            }
        }
        for kind in RecordKind.allCases {
            let schema = RecordSchema.of(kind)
            try feedRows(schema.table, "SELECT \(schema.keyColumn), \(schema.fields.map(\.column).joined(separator: ", ")) FROM \(schema.table) ORDER BY \(schema.keyColumn)")
        }
        // A history entry's `at` (when its event happened) is left out: nodes
        // of earlier versions have no such column, and a digest that covered
        // it would differ between them and upgraded nodes on equal states, so
        // that every sync between the two would fetch everything again
        // (docs/ARCHITECTURE.md, merge rule 4). The row checksum covers it.
        try feedRows("event", """
            SELECT replica.nodeId, event.counter, event.time, complaint, kind, user, text, fromStage, toStage
            FROM event JOIN replica ON replica.ordinal = event.origin ORDER BY replica.nodeId, event.counter
            """)
        try feedRows("tag", "SELECT complaint, tag FROM tag GROUP BY complaint, tag HAVING min(removed) = 0 ORDER BY complaint, tag")
        return hasher.finalize().withUnsafeBytes { Data.hexText(of: $0) }
    }
}

extension RedressStore {
    /// Which definition of the digest this build computes, said in the sync hello.
    public static var stateDigestFormat: UInt32 { StateDigest.format }

    /// The digest of the replicated state as lowercase hex.
    public func digest() throws(StoreError) -> String {
        try read { db in try StateDigest.compute(db) }
    }
}
