import GRDB
import RedressKeys
import RedressModel

/// The node's keyed blind index of the words of personal text
/// (`SearchTokens`): the complainant's name and contact, the description,
/// the decision and the notes and communications of the history, for the
/// complaints this node can read. Local derived data, never replicated: it
/// can always be rebuilt from the records, and a node outside a division has
/// no entries for it.
///
/// New complaints need no queueing at all: the index keeps a high-water
/// mark of complaint rowids (`searchIndexedUpTo`), and every row above it is
/// still to be indexed; a change to a complaint below it queues the
/// complaint (`searchPending`, one row). So neither local writes nor syncs
/// pay for indexing; a search first indexes what is still to be indexed,
/// so it always sees every committed change.
/// An erasure removes a complaint's entries in its own transaction.
enum SearchIndex {
    /// Bit `i` set: field `i` of a complaint is personal (the merger's own mask).
    static let personalMask = RecordMerger.of(.complaint).personalMask
    /// The complaint's personal columns, and whether each is also indexed by
    /// the beginnings of its words (the complainant's name and contact).
    static let personalColumns: [(column: String, prefixes: Bool)] = ComplaintField.allCases.filter(\.spec.isPersonal).map {
        ($0.spec.column, [ComplaintField.complainantName, .complainantContact].contains($0))
    }
    /// The kinds of history entry whose text is the complainant's business.
    static let textKinds: [HistoryEvent.Kind] = [.note, .communication, .hold]
    static let textKindsSQL = textKinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// The high-water mark as one transaction sees it: read on first use.
    struct Watermark {
        private var rid: Int64?

        /// Queues `complaint` (row `rid`) unless the mark has not reached it yet.
        mutating func queue(_ complaint: String, rid: Int64, db: Database) throws {
            if self.rid == nil { self.rid = try SearchIndex.watermark(db) }
            if rid <= self.rid! { try SearchIndex.markPending(complaint, db: db) }
        }
    }

    static func watermark(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT rid FROM searchIndexedUpTo WHERE id = 1")) ?? 0
    }

    static func markPending(_ complaint: String, db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO searchPending (complaint) VALUES (?)").execute(arguments: [complaint])
    }

    static func markDivisionPending(_ division: String, db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO searchPending (complaint) SELECT id FROM complaint WHERE division = ? AND rid <= ?",
                       arguments: [division, watermark(db)])
    }

    /// Removes a complaint's entries (erasure).
    static func remove(_ complaint: String, db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM searchToken WHERE complaint = (SELECT rid FROM complaint WHERE id = ?)").execute(arguments: [complaint])
    }

    /// Removes a division's entries (its keys are no longer held here).
    static func removeDivision(_ division: String, db: Database) throws {
        try db.execute(sql: "DELETE FROM searchToken WHERE complaint IN (SELECT rid FROM complaint WHERE division = ?)", arguments: [division])
    }

    /// Indexes up to `limit` complaints still to be indexed (queued ones,
    /// then new rows above the mark); returns how many it took.
    static func indexPending(limit: Int, keyring: Keyring, db: Database) throws -> Int {
        let pending = try String.fetchAll(db, sql: "SELECT complaint FROM searchPending LIMIT ?", arguments: [limit])
        for complaint in pending {
            try reindex(complaint, keyring: keyring, db: db)
        }
        if !pending.isEmpty {
            try db.execute(sql: "DELETE FROM searchPending WHERE complaint IN (\(pending.map { _ in "?" }.joined(separator: ", ")))",
                           arguments: StatementArguments(pending))
        }
        let fresh = try Row.fetchAll(db, sql: "SELECT rid, id FROM complaint WHERE rid > ? ORDER BY rid LIMIT ?",
                                     arguments: [watermark(db), limit - pending.count])
        for row in fresh { try reindex(row[1], keyring: keyring, db: db) }
        if let last = fresh.last {
            try db.execute(sql: "UPDATE searchIndexedUpTo SET rid = ? WHERE id = 1", arguments: [last[0] as Int64])
        }
        return pending.count + fresh.count
    }

    /// Replaces a complaint's entries with the tokens of its current text.
    static func reindex(_ id: String, keyring: Keyring, db: Database) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT rid, erased, \(personalColumns.map(\.column).joined(separator: ", ")) FROM complaint WHERE id = ?
            """), arguments: [id]) else { return }
        let rid: Int64 = row[0]
        try db.cachedStatement(sql: "DELETE FROM searchToken WHERE complaint = ?").execute(arguments: [rid])
        guard (row[1] as Int64?) ?? 0 == 0 else { return }
        var tokens = Set<Int64>()
        func add(_ value: DatabaseValue, context: String, prefixes: Bool) {
            if case .success(.text(let text)) = keyring.open(FieldValue(value), context: context, db: db) {
                tokens.formUnion(keyring.search.tokens(text, prefixes: prefixes))
            }
        }
        for (offset, personal) in personalColumns.enumerated() {
            add(row[offset + 2], context: LocalTransaction.SealContext.complaint(id, column: personal.column), prefixes: personal.prefixes)
        }
        let events = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT replica.nodeId, event.counter, \(EventTexts.textColumn) AS text
            FROM event JOIN replica ON replica.ordinal = event.origin \(EventTexts.join)
            WHERE event.complaint = ? AND event.kind IN (\(textKindsSQL)) AND \(EventTexts.textColumn) IS NOT NULL
            """), arguments: [id])
        for event in events {
            guard let origin = NodeID(event[0] as String) else { continue }
            add(event[2], context: LocalTransaction.SealContext.event(complaint: id, origin: origin, counter: UInt64(event[1] as Int64)),
                prefixes: false)
        }
        let all = Array(tokens)
        for start in stride(from: 0, to: all.count, by: 400) {
            let part = all[start..<min(start + 400, all.count)]
            try db.execute(sql: "INSERT OR IGNORE INTO searchToken (token, complaint) VALUES " + part.map { _ in "(?, ?)" }.joined(separator: ", "),
                           arguments: StatementArguments(part.flatMap { [$0.databaseValue, rid.databaseValue] }))
        }
    }

    /// The SQL condition "every word of `text` is indexed for this
    /// complaint" and its arguments; words as `SearchTokens.words` finds them.
    ///
    /// Each word is a point lookup of (token, complaint) for the row at hand,
    /// so a query reads complaints in its own order and stops at its limit.
    /// (`rid IN (SELECT complaint …)` for every word had SQLite collect all
    /// the complaints holding each word first: a million for "the", 0.3 s a
    /// search.) `driving`, a token of a rare word (`rareWord`), is the one
    /// exception: the few complaints holding it are the ones to look at.
    static func condition(_ text: String, search: SearchTokens, driving: Int64? = nil) -> (String, [any DatabaseValueConvertible]) {
        let tokens = SearchTokens.words(text).prefix(8).map { search.token($0) }
        guard !tokens.isEmpty else { return ("1", []) }
        let clauses = tokens.map { token in
            token == driving ? "rid IN (SELECT complaint FROM searchToken WHERE token = ?)"
                : "EXISTS (SELECT 1 FROM searchToken WHERE token = ? AND searchToken.complaint = complaint.rid)"
        }
        return (clauses.joined(separator: " AND "), tokens)
    }

    /// At most this many complaints hold a word that drives a search.
    static let rareWordPostings = 2_000

    /// The token of the word of `text` held by the fewest complaints, if
    /// fewer than `rareWordPostings` hold it (each counted no further than that).
    static func rareWord(of text: String, search: SearchTokens, db: Database) throws -> Int64? {
        var rarest: (token: Int64, postings: Int)?
        for word in SearchTokens.words(text).prefix(8) {
            let token = search.token(word)
            let postings = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM (SELECT 1 FROM searchToken WHERE token = ? LIMIT ?)"),
                                            arguments: [token, rareWordPostings]) ?? 0
            if postings < rareWordPostings, postings < rarest?.postings ?? .max { rarest = (token, postings) }
        }
        return rarest?.token
    }
}
