import GRDB
import RedressKeys
import RedressStore

/// Whether a benchmark ran with field-level encryption on: read off the
/// store it wrote (every stored complainant name and description sealed), so
/// the JSON's `personal_data_sealed` is a measurement, not a setting.
enum PersonalDataSealing {
    static func allSealed(in store: RedressStore) throws -> Bool {
        try store.readOnlyTransaction { db in
            try Bool.fetchOne(db, sql: """
                SELECT count(*) > 0 AND count(*) = sum(complainantName LIKE ? AND description LIKE ?)
                FROM complaint WHERE complainantName IS NOT NULL
                """, arguments: [SealedText.prefix + "%", SealedText.prefix + "%"]) ?? false
        }
    }
}
