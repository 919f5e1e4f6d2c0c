import Foundation
import GRDB
import RedressKeys
public import RedressModel

/// Filters of `redress list`, the API's list and the web app's inbox.
public struct ComplaintQuery: Sendable {
    /// A stage name as users see it ("received", "reopened", "closed", …).
    public var stage: String?
    /// Only complaints with a promise broken at this time (Unix ms).
    public var overdueAt: Int64?
    /// Only complaints with a promise (acknowledgement or response) not yet
    /// kept and falling due in this interval (Unix ms): "due today".
    public var dueIn: Range<Int64>?
    public var category: String?
    public var channel: String?
    public var assignee: String?
    /// Only complaints nobody is assigned to.
    public var unassigned = false
    /// Only open complaints escalated to one of these levels.
    public var levels: ClosedRange<Int>?
    /// Received at or after / before this time (Unix ms).
    public var receivedFrom: Int64?
    public var receivedBefore: Int64?
    public var division: String?
    /// Words to find in the complainant's name and contact, the description
    /// and the history's text (notes, communications), case-insensitively.
    public var text: String?
    /// Only complaints after this one in the list's order (paging).
    public var after: ComplaintCursor?
    public var limit: Int?
    /// Newest first instead of oldest first (the order of `after` follows).
    public var newestFirst = false
    /// The personal fields to read and open; nil reads every one. The
    /// others come back null: a list that shows only the complainant's name
    /// neither reads nor decrypts fifty descriptions (`bench web`).
    public var personalFields: Set<ComplaintField>?

    public init(stage: String? = nil, overdueAt: Int64? = nil, dueIn: Range<Int64>? = nil, category: String? = nil, channel: String? = nil,
                assignee: String? = nil, unassigned: Bool = false, levels: ClosedRange<Int>? = nil,
                receivedFrom: Int64? = nil, receivedBefore: Int64? = nil, division: String? = nil, text: String? = nil,
                after: ComplaintCursor? = nil, limit: Int? = nil, newestFirst: Bool = false) {
        self.stage = stage
        self.overdueAt = overdueAt
        self.dueIn = dueIn
        self.category = category
        self.channel = channel
        self.assignee = assignee
        self.unassigned = unassigned
        self.levels = levels
        self.receivedFrom = receivedFrom
        self.receivedBefore = receivedBefore
        self.division = division
        self.text = text
        self.after = after
        self.limit = limit
        self.newestFirst = newestFirst
    }

    /// Every stage name a filter accepts.
    public static let stageNames = Stage.allCases.map(\.description) + ["reopened", "open"]
}

/// Where a page of `complaints(_:)` ended: the last complaint's place in the list's order.
public struct ComplaintCursor: Sendable, Hashable {
    public var receivedAt: Int64
    public var id: String

    public init(receivedAt: Int64, id: String) {
        self.receivedAt = receivedAt
        self.id = id
    }

    public init(after complaint: Complaint) {
        self.init(receivedAt: complaint.receivedAt, id: complaint.id.description)
    }

    /// The opaque text an API client sends back: `RECEIVEDAT.ID`.
    public var text: String { "\(receivedAt).\(id)" }

    public init?(text: String) {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let receivedAt = Int64(parts[0]), let id = ComplaintID(String(parts[1])) else { return nil }
        self.init(receivedAt: receivedAt, id: id.description)
    }
}

extension RedressStore {
    private static let complaintColumns = columns(personal: nil)

    /// The complaint table's columns in field order; a personal field not in
    /// `personal` (when given) is read as NULL.
    private static func columns(personal: Set<ComplaintField>?) -> String {
        RecordSchema.complaint.fields.map { field in
            guard field.isPersonal, let personal, let name = ComplaintField(rawValue: field.index), !personal.contains(name) else { return field.column }
            return "NULL"
        }.joined(separator: ", ")
    }

    /// Complaints matching `query`, oldest first.
    public func complaints(_ query: ComplaintQuery = ComplaintQuery()) throws(StoreError) -> [Complaint] {
        let (conditions, arguments, table) = try conditions(query)
        let order = query.newestFirst ? "receivedAt DESC, id DESC" : "receivedAt, id"
        let columns = query.personalFields.map { Self.columns(personal: $0) } ?? Self.complaintColumns
        var sql = "SELECT id, \(columns) FROM \(table) WHERE \(conditions) ORDER BY \(order)"
        if let limit = query.limit { sql += " LIMIT \(max(0, limit))" }
        let finalSQL = sql
        return try read { db in
            // Cached: a query's SQL has few shapes, and preparing it again for
            // each page (GRDB's authorizer included) showed in `bench web`'s profile.
            try Row.fetchAll(db.cachedStatement(sql: finalSQL), arguments: arguments).map { row in
                // Parsed, not decoded: GRDB's decoding traps on a value it cannot convert.
                guard let id = String.fromDatabaseValue(row[0]).flatMap(ComplaintID.init) else {
                    throw StoreError.corruptRecord(detail: "a complaint's id is damaged")
                }
                var complaint = Complaint(id: id, values: (1..<row.count).map { FieldValue(row[$0] as DatabaseValue) })
                openPersonalData(&complaint, db: db)
                return complaint
            }
        }
    }

    /// How many complaints match `query` (its `limit` aside), counted by
    /// SQLite: a summary of a large store without loading its complaints.
    public func complaintCount(_ query: ComplaintQuery = ComplaintQuery()) throws(StoreError) -> Int {
        let (conditions, arguments, table) = try conditions(query)
        return try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(conditions)", arguments: arguments) ?? 0 }
    }

    /// How many complaints within `scope` match each of `queries` (their
    /// `limit`s aside), counted in one pass over `scope`'s complaints: the
    /// inbox's queues, which all lie within a division's open complaints, in
    /// one scan of the covering partial index `complaint_open` instead of one
    /// each. Counts are reused while they cannot have changed (`CountCache`).
    public func complaintCounts(_ queries: [ComplaintQuery], within scope: ComplaintQuery) throws(StoreError) -> [Int] {
        guard !queries.isEmpty else { return [] }
        // The one moment the queues are asked at (their overdue and due-today
        // times), if they are asked at one; counts of text searches are not kept.
        let times = Set(queries.flatMap { [$0.overdueAt, $0.dueIn?.lowerBound].compactMap { $0 } })
        let now = times.first ?? 0
        let cacheKey = times.count <= 1 && !(queries + [scope]).contains { $0.text != nil }
            ? try Self.countKey(queries, within: scope, search: keyring.search) : nil
        var filters: [String] = []
        var arguments = StatementArguments()
        for query in queries {
            let (conditions, values, _) = try conditions(query)
            filters.append("count(*) FILTER (WHERE \(conditions))")
            arguments += values
        }
        // When the counts would next change by time alone: the earliest due time from `now` on.
        let dueColumns = [ComplaintField.ackDueAt, .respondDueAt, .escalationDueAt].map(\.column)
        filters += dueColumns.map { "min(CASE WHEN \($0) >= ? THEN \($0) END)" }
        arguments += StatementArguments(dueColumns.map { _ in now })
        let (scopeConditions, scopeValues, table) = try conditions(scope)
        arguments += scopeValues
        let sql = "SELECT \(filters.joined(separator: ", ")) FROM \(table) WHERE \(scopeConditions)"
        let finalArguments = arguments
        let commits = walCheckpoints.commits
        return try read { db in
            let state = try CountCache.State(db, commits: commits)
            if let cacheKey, let counts = countCache.counts(cacheKey, in: state, at: now) { return counts }
            guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: finalArguments) else { return queries.map { _ in 0 } }
            let counts = (0..<queries.count).map { row[$0] as Int }
            if let cacheKey {
                let until = (queries.count..<row.count).compactMap { Int64.fromDatabaseValue(row[$0]) }.min()
                countCache.keep(CountCache.Entry(state: state, from: now, until: until, counts: counts), for: cacheKey)
            }
            return counts
        }
    }

    /// How many queue counts were answered from `CountCache`.
    @_spi(Testing) public var keptCountsUsed: Int { countCache.hits }

    /// What names a set of counts apart from the moment they are asked at:
    /// the queries' conditions and values with that moment left out.
    private static func countKey(_ queries: [ComplaintQuery], within scope: ComplaintQuery, search: SearchTokens) throws(StoreError) -> String {
        var parts: [String] = []
        for var query in queries + [scope] {
            if query.overdueAt != nil { query.overdueAt = 0 }
            if let due = query.dueIn { query.dueIn = 0..<max(0, due.upperBound) }
            let (conditions, arguments) = try Self.conditions(query, search: search)
            parts.append("\(conditions) \(arguments)")
        }
        return parts.joined(separator: "\n")
    }

    /// The `WHERE` terms of `query`, after indexing what is queued for the
    /// search index if it searches text (so a search sees every committed change).
    ///
    /// A search is driven by its rarest word when that word is rare
    /// (`SearchIndex.rareWord`): `table` is then `complaint NOT INDEXED`, so
    /// that SQLite looks the few complaints holding it up by rowid instead of
    /// reading the division in order and testing each row; else every word
    /// is a test of the row (`SearchIndex.condition`).
    private func conditions(_ query: ComplaintQuery) throws(StoreError) -> (String, StatementArguments, table: String) {
        guard let text = query.text else {
            let (sql, arguments) = try Self.conditions(query, search: keyring.search)
            return (sql, arguments, "complaint")
        }
        try indexPendingSearch()
        let search = keyring.search
        let driving = try read { db in try SearchIndex.rareWord(of: text, search: search, db: db) }
        let (sql, arguments) = try Self.conditions(query, search: search, driving: driving)
        return (sql, arguments, driving == nil ? "complaint" : "complaint NOT INDEXED")
    }

    /// The `WHERE` terms of `query`; "overdue" means what `Complaint.brokenPromises` means.
    /// The text search is `SearchIndex.condition`: every word of it is in
    /// the complainant's name or contact (or begins a word of them), the
    /// description, the decision or a note or communication of the history.
    private static func conditions(_ query: ComplaintQuery, search: SearchTokens, driving: Int64? = nil) throws(StoreError) -> (String, StatementArguments) {
        var clauses = ["receivedAt IS NOT NULL"]
        var arguments: [any DatabaseValueConvertible] = []
        if let stage = query.stage {
            switch stage {
            case "reopened": clauses.append("stage >= \(StageState.generationStride) AND \(StageState.rankSQL()) = \(Stage.received.rawValue)")
            case "received": clauses.append("stage = 0")
            case "open": clauses.append(RedressStore.openCondition)
            default:
                guard let value = Stage(name: stage) else {
                    throw .invalidValue(field: "stage", value: stage, reason: "known stages: \(ComplaintQuery.stageNames.joined(separator: ", "))")
                }
                clauses.append("\(StageState.rankSQL()) = \(value.rawValue)")
            }
        }
        if let now = query.overdueAt {
            clauses.append(unmetPromise(due: "< ?"))
            arguments += [now, now, now]
        }
        if let due = query.dueIn {
            clauses.append(unmetPromise(due: ">= ? AND {due} < ?"))
            arguments += Array(repeating: [due.lowerBound, due.upperBound], count: 3).flatMap { $0 }
        }
        if let category = query.category { clauses.append("category = ?"); arguments.append(category) }
        if let channel = query.channel { clauses.append("channel = ?"); arguments.append(channel) }
        if let assignee = query.assignee { clauses.append("assignee = ?"); arguments.append(assignee) }
        if query.unassigned { clauses.append("assignee IS NULL") }
        if let levels = query.levels {
            clauses.append("\(StageState.rankSQL()) < \(Stage.closed.rawValue) AND level BETWEEN ? AND ?")
            arguments += [levels.lowerBound, levels.upperBound]
        }
        if let from = query.receivedFrom { clauses.append("receivedAt >= ?"); arguments.append(from) }
        if let before = query.receivedBefore { clauses.append("receivedAt < ?"); arguments.append(before) }
        if let division = query.division { clauses.append("division = ?"); arguments.append(division) }
        if let text = query.text {
            let (clause, words) = SearchIndex.condition(text, search: search, driving: driving)
            clauses.append(clause)
            arguments += words
        }
        if let after = query.after {
            let beyond = query.newestFirst ? "<" : ">"
            clauses.append("(receivedAt \(beyond) ? OR (receivedAt = ? AND id \(beyond) ?))")
            arguments += [after.receivedAt, after.receivedAt, after.id]
        }
        return (clauses.joined(separator: " AND "), StatementArguments(arguments.map { $0.databaseValue }))
    }

    /// An open complaint (not yet closed, referred or withdrawn), as an SQL
    /// condition: the same text as the partial index complaint_open's WHERE
    /// (v6), so that SQLite uses the index where a query names it.
    public static let openCondition = "\(StageState.rankSQL()) < \(Stage.closed.rawValue)"

    /// A complaint breaking a promise at `now` (Unix ms), as an SQL condition
    /// on the `complaint` table's columns: the rule of `list --overdue`, and
    /// of the reports' `overdue` count, written once.
    public static func overdueCondition(at now: Int64) -> String {
        unmetPromise(due: "< \(now)")
    }

    /// An acknowledgement or a response (or an escalation level's response)
    /// still owed, its clock running, whose due time satisfies
    /// `due` (a comparison with `?` placeholders; `{due}` repeats the column):
    /// what `Complaint.brokenPromises` means by a promise, as SQL, once.
    private static func unmetPromise(due: String) -> String {
        """
        \(StageState.rankSQL()) < \(Stage.closed.rawValue) AND (
          (acknowledgedAt IS NULL AND \(StageState.rankSQL()) = \(Stage.received.rawValue) AND ackDueAt \(due.replacingOccurrences(of: "{due}", with: "ackDueAt"))) OR
          (\(StageState.rankSQL()) < \(Stage.responded.rawValue) AND NOT (\(HoldState.heldSQL())) AND (
            respondDueAt \(due.replacingOccurrences(of: "{due}", with: "respondDueAt")) OR
            escalationDueAt \(due.replacingOccurrences(of: "{due}", with: "escalationDueAt")))))
        """
    }

    /// One complaint with its tags and whole history.
    public func complaint(_ complaintID: ComplaintID) throws(StoreError) -> Complaint {
        let id = complaintID.description
        let found: Complaint? = try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, \(Self.complaintColumns) FROM complaint WHERE id = ? AND receivedAt IS NOT NULL",
                                             arguments: [id]) else { return nil }
            var complaint = Complaint(id: complaintID, values: (1..<row.count).map { FieldValue(row[$0] as DatabaseValue) })
            complaint.tags = try String.fetchAll(db, sql: "SELECT tag FROM tag WHERE complaint = ? GROUP BY tag HAVING min(removed) = 0 ORDER BY tag",
                                                 arguments: [id])
            let events = try Row.fetchAll(db, sql: """
                SELECT replica.nodeId, event.counter, event.time, event.kind, event.user, \(EventTexts.textColumn), event.fromStage, event.toStage, event.at
                FROM event JOIN replica ON replica.ordinal = event.origin \(EventTexts.join)
                WHERE event.complaint = ? ORDER BY event.time, replica.nodeId, event.counter
                """, arguments: [id])
            complaint.history = try events.map { row in
                guard let node = NodeID(row[0] as String), let kind = HistoryEvent.Kind(rawValue: row[3]) else {
                    throw StoreError.corruptRecord(detail: "a history entry of \(id) is damaged")
                }
                return HistoryEntry(node: node, counter: UInt64(row[1] as Int64), time: HybridTimestamp(rawValue: UInt64(bitPattern: row[2])),
                                    event: HistoryEvent(complaint: id, kind: kind, user: row[4], text: row[5], fromStage: row[6], toStage: row[7],
                                                        at: row[8]))
            }
            openPersonalData(&complaint, db: db)
            return complaint
        }
        guard let found else { throw .unknownComplaint(id) }
        return found
    }

    /// Divisions with their promises, by code.
    public func divisions() throws(StoreError) -> [(code: String, name: String, conduct: CodeOfConduct)] {
        try read { db in
            try RecordQueries.all(.division, db: db).map { record in try Self.division(record.key, record.values, db: db) }
        }
    }

    /// One division with its promises, if it exists: what a complaint's
    /// page needs, without reading every division's holidays.
    public func division(_ code: String) throws(StoreError) -> (code: String, name: String, conduct: CodeOfConduct)? {
        try read { db in
            try RecordQueries.values(.division, key: code, db: db).map { values in try Self.division(code, values, db: db) }
        }
    }

    private static func division(_ code: String, _ values: [FieldValue], db: Database) throws -> (code: String, name: String, conduct: CodeOfConduct) {
        let name = values[DivisionField.name].text ?? code
        return (code, name, DivisionConduct.make(values, holidays: try DivisionConduct.holidays(of: code, db: db)))
    }

    /// Live taxonomy entries of one kind, with their labels, by code: the web app's choices.
    public func taxa(_ kind: Taxonomy.Kind) throws(StoreError) -> [(code: String, label: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT code, label FROM taxon WHERE kind = ? AND coalesce(retired, 0) = 0 ORDER BY code",
                             arguments: [kind.rawValue]).map { row in (row[0], row[1] ?? row[0]) }
        }
    }

    /// Live taxonomy codes of one kind.
    public func taxonomy(_ kind: Taxonomy.Kind) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT code FROM taxon WHERE kind = ? AND coalesce(retired, 0) = 0 ORDER BY code", arguments: [kind.rawValue])
        }
    }
}

extension RedressStore {
    /// The full id of the complaint `text` names: its full id, or a unique
    /// prefix of at least 6 characters (like git's short hashes), among the
    /// complaints of `division` if given.
    public func resolveComplaintID(_ text: String, division: String? = nil) throws(StoreError) -> ComplaintID {
        let lowered = text.lowercased()
        guard lowered.count >= 6, lowered.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw .unknownComplaint(text)
        }
        let matches = try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM complaint WHERE id >= ? AND id < ? AND receivedAt IS NOT NULL AND (? IS NULL OR division = ?) ORDER BY id LIMIT 2",
                                arguments: [lowered, lowered + "\u{10FFFF}", division, division])
        }
        switch matches.count {
        case 1:
            guard let id = ComplaintID(matches[0]) else { throw .corruptRecord(detail: "a complaint's id is not a UUID") }
            return id
        case 0: throw .unknownComplaint(text)
        default: throw .invalidValue(field: "complaint id", value: text, reason: "more than one complaint starts with it; give more characters")
        }
    }
}
