import Mustache
import RedressReports

/// The inbox's fifty rows as HTML, written in Swift rather than by the
/// template: each row has some twenty values, and Mustache's lookup of a
/// name (splitting it, casting each object on the context stack, reflecting
/// on plain values) made the rows most of an inbox page's time (`bench
/// web`: about 70% of the page's CPU). Every value passes through
/// `HTMLEscaping`, the templates' own escaping.
///
/// It reaches the page through the one triple mustache of the templates,
/// `{{{rows}}}`; `WorkspaceTemplates` refuses any other.
struct InboxRowsHTML: MustacheCustomRenderable {
    let renderText: String
    var isNull: Bool { renderText.isEmpty }

    init(_ rows: [InboxView.Row]) {
        var html = ""
        html.reserveCapacity(rows.count * 900)
        func text(_ value: String) { html += HTMLEscaping.escape(value) }
        for row in rows {
            html += row.overdue ? #"<tr class="overdue" data-href=""# : #"<tr class="" data-href=""#
            text(row.href)
            html += "\">\n<td><input type=\"checkbox\" name=\"id\" value=\""
            text(row.id)
            html += "\" aria-label=\"Select "
            text(row.shortID)
            html += "\"></td>\n<td data-label=\"Complaint\"><a href=\""
            text(row.href)
            html += "\" class=\"open\">"
            text(row.shortID)
            html += "</a><br><small>"
            text(row.received)
            html += " · "
            text(row.channel)
            if row.showDivision {
                html += " · "
                text(row.division)
            }
            html += "</small></td>\n<td data-label=\"Complainant\">"
            text(row.complainant)
            html += "</td>\n<td data-label=\"Category\">"
            text(row.category)
            html += "</td>\n<td data-label=\"Stage\">"
            text(row.stage)
            if let escalation = row.escalation {
                html += " <span class=\"badge\">"
                text(escalation)
                html += "</span>"
            }
            html += "</td>\n<td data-label=\"Assignee\">"
            text(row.assignee ?? "")
            html += "</td>\n<td data-label=\"Promise\">"
            text(row.promise)
            if let dueAt = row.dueAt {
                html += "<br><small>due "
                text(dueAt)
                html += "</small>"
            }
            html += "</td>\n<td data-label=\"Time left\">"
            if let timeLeft = row.timeLeft {
                html += row.overdue ? "<span class=\"countdown late\" data-due=\"" : "<span class=\"countdown \" data-due=\""
                text(row.dueMillis.map { String($0) } ?? "")
                html += "\">"
                text(timeLeft)
                html += "</span>"
            }
            html += "</td>\n</tr>\n"
        }
        renderText = html
    }
}
