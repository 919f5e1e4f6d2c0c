import Foundation
import Hummingbird
import RedressNode
import RedressStore

/// The query of `GET /api/v1/complaints`: the filters of `redress list`
/// plus `q` (text search) and paging (`limit`, `cursor`).
struct ComplaintListParameters {
    static let known: Set<String> = ["stage", "division", "category", "assignee", "overdue", "q", "limit", "cursor"]
    static let defaultLimit = 50
    static let maxLimit = 500

    var query: ComplaintQuery
    var limit: Int

    init(_ request: Request, now: Int64) throws {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let key = String(key)
            guard Self.known.contains(key) else {
                throw APIError(.invalidInput, "unknown parameter \"\(key)\"; known: \(Self.known.sorted().joined(separator: ", "))", field: key)
            }
            values[key] = String(value)
        }
        limit = Self.defaultLimit
        if let text = values["limit"] {
            guard let value = Int(text), (1...Self.maxLimit).contains(value) else {
                throw APIError(.invalidInput, "limit must be a whole number from 1 to \(Self.maxLimit)", field: "limit")
            }
            limit = value
        }
        var overdue = false
        if let text = values["overdue"] {
            guard let value = Bool(text) else { throw APIError(.invalidInput, "overdue must be true or false", field: "overdue") }
            overdue = value
        }
        var cursor: ComplaintCursor?
        if let text = values["cursor"] {
            guard let value = ComplaintCursor(text: text) else {
                throw APIError(.invalidInput, "cursor must be a next_cursor this API returned", field: "cursor")
            }
            cursor = value
        }
        let text = values["q"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        query = ComplaintQuery(stage: values["stage"], overdueAt: overdue ? now : nil, category: values["category"],
                               assignee: values["assignee"], division: values["division"], text: text, after: cursor,
                               limit: limit)
    }
}
