import Foundation
import GRDB
import RedressModel

/// Filters of `redress list`.
public struct ComplaintQuery: Sendable {
    /// A stage name as users see it ("received", "reopened", "closed", …).
    public var stage: String?
    public var overdueAt: Int64?
    public var category: String?
    public var assignee: String?
    public var division: String?
    /// Words to find in the complainant's name and contact, the description
    /// and the history's text (notes, communications), case-insensitively.
    public var text: String?
    /// Only complaints after this one in the list's order (paging).
    public var after: ComplaintCursor?
    public var limit: Int?

    public init(stage: String? = nil, overdueAt: Int64? = nil, category: String? = nil, assignee: String? = nil,
                division: String? = nil, text: String? = nil, after: ComplaintCursor? = nil, limit: Int? = nil) {
        self.stage = stage
        self.overdueAt = overdueAt
        self.category = category
        self.assignee = assignee
        self.division = division
        self.text = text
        self.after = after
        self.limit = limit
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
        self.init(receivedAt: complaint.receivedAt, id: complaint.id)
    }

    /// The opaque text an API client sends back: `RECEIVEDAT.ID`.
    public var text: String { "\(receivedAt).\(id)" }

    public init?(text: String) {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let receivedAt = Int64(parts[0]), UUID(uuidString: String(parts[1])) != nil else { return nil }
        self.init(receivedAt: receivedAt, id: String(parts[1]).lowercased())
    }
}

extension RedressStore {
    private static let complaintColumns = RecordSchema.complaint.fields.map(\.column).joined(separator: ", ")

    /// Complaints matching `query`, oldest first.
    public func complaints(_ query: ComplaintQuery = ComplaintQuery()) throws(StoreError) -> [Complaint] {
        let (conditions, arguments) = try Self.conditions(query)
        var sql = "SELECT id, \(Self.complaintColumns) FROM complaint WHERE \(conditions) ORDER BY receivedAt, id"
        if let limit = query.limit { sql += " LIMIT \(max(0, limit))" }
        let finalSQL = sql
        return try read { db in
            try Row.fetchAll(db, sql: finalSQL, arguments: arguments).map { row in
                Complaint(id: row[0], values: (1..<row.count).map { FieldValue(row[$0] as DatabaseValue) })
            }
        }
    }

    /// How many complaints match `query` (its `limit` aside), counted by
    /// SQLite: a summary of a large store without loading its complaints.
    public func complaintCount(_ query: ComplaintQuery = ComplaintQuery()) throws(StoreError) -> Int {
        let (conditions, arguments) = try Self.conditions(query)
        return try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM complaint WHERE \(conditions)", arguments: arguments) ?? 0 }
    }

    /// The `WHERE` terms of `query`; "overdue" means what `Complaint.brokenPromises` means.
    private static func conditions(_ query: ComplaintQuery) throws(StoreError) -> (String, StatementArguments) {
        var clauses = ["receivedAt IS NOT NULL"]
        var arguments: [any DatabaseValueConvertible] = []
        if let stage = query.stage {
            switch stage {
            case "reopened": clauses.append("stage >= 16 AND stage % 16 = 0")
            case "received": clauses.append("stage = 0")
            // The same text as the partial index complaint_open's WHERE (v6), so SQLite uses it.
            case "open": clauses.append("stage % 16 < \(Stage.closed.rawValue)")
            default:
                guard let value = Stage(name: stage) else {
                    throw .invalidValue(field: "stage", value: stage, reason: "known stages: \(ComplaintQuery.stageNames.joined(separator: ", "))")
                }
                clauses.append("stage % 16 = \(value.rawValue)")
            }
        }
        if let now = query.overdueAt {
            clauses.append("""
                stage % 16 < \(Stage.closed.rawValue) AND (
                  (acknowledgedAt IS NULL AND stage % 16 = 0 AND ackDueAt < ?) OR
                  (stage % 16 < \(Stage.responded.rawValue) AND respondDueAt < ?))
                """)
            arguments += [now, now]
        }
        if let category = query.category { clauses.append("category = ?"); arguments.append(category) }
        if let assignee = query.assignee { clauses.append("assignee = ?"); arguments.append(assignee) }
        if let division = query.division { clauses.append("division = ?"); arguments.append(division) }
        if let text = query.text {
            let (clause, words) = textSearch(text)
            clauses.append(clause)
            arguments += words
        }
        if let after = query.after {
            clauses.append("(receivedAt > ? OR (receivedAt = ? AND id > ?))")
            arguments += [after.receivedAt, after.receivedAt, after.id]
        }
        return (clauses.joined(separator: " AND "), StatementArguments(arguments.map { $0.databaseValue }))
    }

    /// The text search: every word must occur in the complainant's name or
    /// contact, the description or the text of a history entry.
    ///
    /// It reads the records themselves, so an erasure (which blanks those
    /// fields and the history's text) leaves nothing findable and nothing to
    /// scrub: there is no separate index holding personal words. This is the
    /// one place the search is defined; a keyed blind index of words (for the
    /// encrypted fields of the confidentiality work) replaces this function
    /// and keeps its meaning.
    private static func textSearch(_ text: String) -> (String, [any DatabaseValueConvertible]) {
        let words = text.split(whereSeparator: \.isWhitespace).prefix(8).map { word in
            "%" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
        }
        guard !words.isEmpty else { return ("1", []) }
        // EXISTS, not IN: a correlated lookup through event_complaint for the
        // rows the scan reaches, where IN would scan the whole history first.
        let one = """
            (complainantName LIKE ? ESCAPE '\\' OR complainantContact LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\'
             OR EXISTS (SELECT 1 FROM event WHERE event.complaint = complaint.id AND event.text LIKE ? ESCAPE '\\'))
            """
        return (words.map { _ in one }.joined(separator: " AND "), words.flatMap { word in Array(repeating: word, count: 4) })
    }

    /// One complaint with its tags and whole history.
    public func complaint(_ id: String) throws(StoreError) -> Complaint {
        let found: Complaint? = try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, \(Self.complaintColumns) FROM complaint WHERE id = ? AND receivedAt IS NOT NULL",
                                             arguments: [id]) else { return nil }
            var complaint = Complaint(id: row[0], values: (1..<row.count).map { FieldValue(row[$0] as DatabaseValue) })
            complaint.tags = try String.fetchAll(db, sql: "SELECT tag FROM tag WHERE complaint = ? GROUP BY tag HAVING min(removed) = 0 ORDER BY tag",
                                                 arguments: [id])
            let events = try Row.fetchAll(db, sql: """
                SELECT replica.nodeId, event.counter, event.time, event.kind, event.user, event.text, event.fromStage, event.toStage
                FROM event JOIN replica ON replica.ordinal = event.origin
                WHERE event.complaint = ? ORDER BY event.time, replica.nodeId, event.counter
                """, arguments: [id])
            complaint.history = try events.map { row in
                guard let node = NodeID(row[0] as String), let kind = HistoryEvent.Kind(rawValue: row[3]) else {
                    throw StoreError.corruptRecord(detail: "a history entry of \(id) is damaged")
                }
                return HistoryEntry(node: node, counter: UInt64(row[1] as Int64), time: HybridTimestamp(rawValue: UInt64(bitPattern: row[2])),
                                    event: HistoryEvent(complaint: id, kind: kind, user: row[4], text: row[5], fromStage: row[6], toStage: row[7]))
            }
            return complaint
        }
        guard let found else { throw .unknownComplaint(id) }
        return found
    }

    /// Divisions with their promises, by code.
    public func divisions() throws(StoreError) -> [(code: String, name: String, conduct: CodeOfConduct)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT code, name, ackHours, respondDays FROM division ORDER BY code").map { row in
                (row[0], row[1] ?? row[0], CodeOfConduct(acknowledgeWithinHours: row[2] ?? 48, respondWithinDays: row[3] ?? 15))
            }
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
    public func resolveComplaintID(_ text: String, division: String? = nil) throws(StoreError) -> String {
        let lowered = text.lowercased()
        guard lowered.count >= 6, lowered.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw .unknownComplaint(text)
        }
        let matches = try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM complaint WHERE id >= ? AND id < ? AND receivedAt IS NOT NULL AND (? IS NULL OR division = ?) ORDER BY id LIMIT 2",
                                arguments: [lowered, lowered + "\u{10FFFF}", division, division])
        }
        switch matches.count {
        case 1: return matches[0]
        case 0: throw .unknownComplaint(text)
        default: throw .invalidValue(field: "complaint id", value: text, reason: "more than one complaint starts with it; give more characters")
        }
    }
}
