import Foundation
import Mustache
import RedressModel
import RedressNode
import RedressStore

/// The inbox page's data: the queues with their counts, the filters as
/// typed, one page of rows, and the links to the next page.
struct InboxView {
    struct Queue {
        let name: String
        let title: String
        let count: Int
        let href: String
        let current: Bool
    }

    struct Filters {
        let q: String
        let assignee: String
        let from: String
        let to: String
        let stages: [Option]
        let categories: [Option]
        let channels: [Option]
        let sorts: [Option]
        let divisions: [Option]
        /// Mustache reads stored properties only: the tests are data.
        let hasDivisions: Bool
    }

    struct Row {
        let id: String
        let shortID: String
        let href: String
        let received: String
        let channel: String
        let division: String
        let showDivision: Bool
        let complainant: String
        let category: String
        let stage: String
        let escalation: String?
        let assignee: String?
        let promise: String
        let dueAt: String?
        let dueMillis: Int64?
        let timeLeft: String?
        let overdue: Bool
    }

    let title = "Inbox"
    let page = "inbox"
    var frame: PageFrame
    var notice: String?
    var warning: String?
    let queue: String
    let queues: [Queue]
    let filters: Filters
    let filterError: String?
    /// The rows, written out (`InboxRowsHTML`).
    let rows: InboxRowsHTML
    let hasRows: Bool
    let summary: String
    let colleagues: [Option]
    let firstHref: String?
    let nextHref: String?

    static let pageSize = 50

    /// The inbox's request, read from its query string: the queue, each
    /// filter as typed (shown back in the form) and the page's cursor.
    struct Request {
        let queue: InboxQueue
        let division: String
        let q: String?
        let stage: String?
        let category: String?
        let channel: String?
        let assignee: String?
        let from: String?
        let to: String?
        let newestFirst: Bool
        let after: ComplaintCursor?

        init(_ fields: FormFields, actor: Account, node: NodeService) {
            queue = fields.filled("queue").flatMap(InboxQueue.init(rawValue:)).flatMap { $0.applies(to: actor) ? $0 : nil } ?? .mine
            let chosen = fields.filled("division")
            division = chosen.flatMap { node.mayActEverywhere(actor, .read) ? $0 : nil } ?? actor.division
            q = fields.filled("q")
            stage = fields.filled("stage")
            category = fields.filled("category")
            channel = fields.filled("channel")
            assignee = fields.filled("assignee")
            from = fields.filled("from")
            to = fields.filled("to")
            newestFirst = fields["sort"].map { $0 == "newest" } ?? (queue == .all)
            after = fields.filled("after").flatMap(ComplaintCursor.init(text:))
        }

        /// Whether a filter narrows the queue (the list is then not the queue's whole count).
        var narrowsQueue: Bool {
            [q, category, channel, assignee, from, to].contains { $0 != nil } || (stage != nil && !(stage == "open" && queue == .all))
        }

        /// The query of this page, or the reason a filter is not understood.
        func query(actor: Account, now: Int64) throws -> ComplaintQuery {
            var query = queue.query(for: actor, division: division, now: now, endOfDay: DisplayTime.endOfDay(after: now))
            if let stage {
                query.stage = stage == "any" ? nil : stage
            } else if q != nil, queue == .all {
                // A search of the division looks through closed complaints too, unless a stage is chosen.
                query.stage = nil
            }
            query.category = category
            query.channel = channel
            if let assignee { query.assignee = assignee }
            query.text = q
            if let from {
                guard let day = DisplayTime.day(from) else { throw APIError(.invalidInput, "“Received from” must be a date such as 2026-12-01", field: "from") }
                query.receivedFrom = day
            }
            if let to {
                guard let day = DisplayTime.day(to) else { throw APIError(.invalidInput, "“Received to” must be a date such as 2026-12-01", field: "to") }
                query.receivedBefore = day + 86_400_000
            }
            query.newestFirst = newestFirst
            query.after = after
            query.limit = InboxView.pageSize
            // A row shows the complainant's name and no other personal field.
            query.personalFields = [.complainantName]
            return query
        }

        /// This view's link with some parameters changed (`nil` removes one).
        func link(_ changes: [String: String?]) -> String {
            var items: [String: String] = [:]
            items["queue"] = queue.rawValue
            items["division"] = division
            items["q"] = q
            items["stage"] = stage
            items["category"] = category
            items["channel"] = channel
            items["assignee"] = assignee
            items["from"] = from
            items["to"] = to
            items["sort"] = newestFirst ? "newest" : "oldest"
            for (key, value) in changes { items[key] = value }
            var components = URLComponents()
            components.path = "/"
            components.queryItems = items.keys.sorted().compactMap { key in items[key].map { URLQueryItem(name: key, value: $0) } }
            return components.string ?? "/"
        }
    }

    /// Builds the page for `actor`. A filter that is not understood is shown
    /// next to the form with an empty list, not as a failure of the page.
    static func build(_ request: Request, visitor: WorkspaceVisitor, node: NodeService) throws -> (InboxView, ok: Bool) {
        let actor = visitor.account, now = node.now
        let endOfDay = DisplayTime.endOfDay(after: now)
        let shown = InboxQueue.allCases.filter { $0.applies(to: actor) }
        let counts = try APIError.mapping {
            try node.complaintCounts(shown.map { $0.query(for: actor, division: request.division, now: now, endOfDay: endOfDay) },
                                     within: InboxQueue.scope(division: request.division), by: actor)
        }
        let queues = zip(shown, counts).map { queue, count in
            Queue(name: queue.rawValue, title: queue.title, count: count,
                  href: request.link(["queue": queue.rawValue, "after": nil, "stage": nil]), current: queue == request.queue)
        }
        var filterError: String?
        var complaints: [Complaint] = []
        var total: Int?
        do {
            let query = try request.query(actor: actor, now: now)
            complaints = try APIError.mapping { try node.complaints(query, by: actor) }
            // Counting every match of a text search would read every complaint
            // of the division; the page says whether there are more instead.
            if !request.narrowsQueue, let index = shown.firstIndex(of: request.queue) {
                // The page lists the queue as it is: its count is the total.
                total = counts[index]
            } else if query.text == nil {
                var whole = query
                whole.after = nil
                whole.limit = nil
                total = try APIError.mapping { try node.complaintCount(whole, by: actor) }
            }
        } catch let error as APIError where error.code == .invalidInput {
            filterError = error.message
        }
        let channels = try APIError.mapping { try node.taxonomy(.channel) }
        let categories = try APIError.mapping { try node.taxonomy(.category) }
        let channelLabels = Dictionary(channels.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        let categoryLabels = Dictionary(categories.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        let showDivision = node.mayActEverywhere(actor, .read)
        let rows = complaints.map { complaint in
            row(complaint, now: now, channels: channelLabels, categories: categoryLabels, showDivision: showDivision)
        }
        let divisions = showDivision
            ? Option.list(try APIError.mapping { try node.divisions() }.map { ($0.code, "\($0.name) (\($0.code))") }, selected: request.division)
            : []
        let colleagues = (try? node.colleagues(in: request.division, by: actor)) ?? []
        let stageChoices = [(value: "any", label: "any stage")] + ComplaintQuery.stageNames.map { (value: $0, label: $0) }
        let filters = Filters(
            q: request.q ?? "", assignee: request.assignee ?? "", from: request.from ?? "", to: request.to ?? "",
            stages: Option.list(stageChoices, selected: request.stage, none: "as the queue has it"),
            categories: Option.list(categories.map { ($0.code, $0.label) }, selected: request.category, none: "any"),
            channels: Option.list(channels.map { ($0.code, $0.label) }, selected: request.channel, none: "any"),
            sorts: Option.list([("oldest", "oldest first"), ("newest", "newest first")], selected: request.newestFirst ? "newest" : "oldest"),
            divisions: divisions, hasDivisions: !divisions.isEmpty)
        let next = complaints.count == pageSize ? complaints.last.map { ComplaintCursor(after: $0).text } : nil
        let view = InboxView(
            frame: { var frame = PageFrame(actor, csrf: visitor.csrf, node: node); frame.onInbox = true; return frame }(),
            queue: request.queue.rawValue, queues: queues, filters: filters, filterError: filterError, rows: InboxRowsHTML(rows), hasRows: !rows.isEmpty,
            summary: filterError == nil ? summary(total: total, shown: complaints.count, more: next != nil, request: request) : "",
            colleagues: Option.list(colleagues.map { ($0.login, $0.name) }, selected: nil),
            firstHref: request.after == nil ? nil : request.link(["after": nil]),
            nextHref: next.map { request.link(["after": $0]) })
        return (view, filterError == nil)
    }

    static func summary(total: Int?, shown: Int, more: Bool, request: Request) -> String {
        let page = request.after == nil ? "" : " (a later page)"
        guard let total else {
            return "\(shown) match\(shown == 1 ? "" : "es") in \(request.queue.title.lowercased())\(page)\(more ? "; more on the next page" : "")"
        }
        return "\(total) complaint\(total == 1 ? "" : "s") in \(request.queue.title.lowercased())\(page)"
    }

    static func row(_ complaint: Complaint, now: Int64, channels: [String: String], categories: [String: String], showDivision: Bool) -> Row {
        let owed = complaint.owedPromises.first
        return Row(
            id: complaint.id.description, shortID: complaint.id.shortForm, href: "/complaints/\(complaint.id)",
            received: DisplayTime.absolute(complaint.receivedAt) ?? "",
            channel: complaint[.channel].text.map { channels[$0] ?? $0 } ?? "",
            division: complaint.division, showDivision: showDivision,
            complainant: complaint.isErased ? "(erased)" : complaint[.complainantName].text ?? "",
            category: complaint[.category].text.map { categories[$0] ?? $0 } ?? "",
            stage: complaint.stage.name,
            escalation: complaint.level > EscalationLevel.agent.rawValue ? EscalationLevel(rawValue: complaint.level)?.description : nil,
            assignee: complaint[.assignee].text,
            promise: owed.map { $0.promise == "response" ? "response (\(complaint.respondPromise?.description ?? "promised"))" : $0.promise }
                ?? (complaint.isOnHold ? "response: on hold" : complaint.stage.stage.isOpen ? "responded" : "none (\(complaint.stage.name))"),
            dueAt: owed.flatMap { DisplayTime.absolute($0.due) },
            dueMillis: owed?.due,
            timeLeft: owed.map { DisplayTime.left(until: $0.due, now: now) },
            overdue: owed.map { $0.due < now } ?? false)
    }
}
