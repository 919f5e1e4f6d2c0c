import GRDB
public import RedressModel

/// The history of the reference data: each change to a division or a
/// taxonomy entry, noted in the transaction that makes it, by the methods
/// that make it (`upsertDivision`, `setHolidays`, `saveTaxon`,
/// `retireTaxon`), so that no front end can change one without the other.
extension LocalTransaction {
    /// Notes that this transaction's user changed `subject` as `lines` say;
    /// nothing when `lines` is empty (a save that changed nothing). Defaults
    /// written to yield to every real write (at time 0: the seed of a node
    /// joining a cluster) are no one's change and are not noted.
    func noteReferenceChange(_ subject: ReferenceSubject, _ lines: [String]) throws {
        guard !lines.isEmpty, now > 0 else { return }
        // The counter the write below takes: unique to this node, so each entry is new.
        let key = "\(node)/\(counter + 1)"
        try write(key: key, [
            ReferenceChangeField.subject: .text(subject.key), .user: .text(user), .at: .integer(now),
            .summary: .text(lines.joined(separator: "; ")),
        ])
    }
}

extension RedressStore {
    /// The reference history, newest first: every change, or those to one
    /// subject (`division/EAST`) or under one (`taxonomy`, `taxonomy/category`).
    public func referenceChanges(under prefix: String? = nil, limit: Int = 200) throws(StoreError) -> [ReferenceChange] {
        try read { db in
            var sql = "SELECT key, subject, user, at, summary FROM referenceChange"
            var arguments: StatementArguments = []
            if let prefix, !prefix.isEmpty {
                let prefix = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
                // Under `prefix`: from "prefix/" up to "prefix0" ('0' follows '/'), so the index serves it.
                sql += " WHERE subject = ? OR (subject >= ? AND subject < ?)"
                arguments += [prefix, prefix + "/", prefix + "0"]
            }
            sql += " ORDER BY at DESC, rid DESC LIMIT ?"
            arguments += [max(1, limit)]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
                let key: String = row[0]
                guard let subject = (row[1] as String?).flatMap(ReferenceSubject.init(key:)),
                      let node = key.split(separator: "/").first.flatMap({ NodeID(String($0)) }) else { return nil }
                return ReferenceChange(subject: subject, user: row[2] ?? "", node: node, at: row[3] ?? 0, summary: row[4] ?? "")
            }
        }
    }
}
