import RedressModel
/// A self-contained HTML page of a report (no scripts, no external assets),
/// for mailing or archiving; the live dashboard is `redress serve`'s.
public enum ReportHTML {
    /// - Parameters:
    ///   - title: e.g. "Complaints by division".
    ///   - subtitle: the scope in words, e.g. "received 2026-01-01 to 2026-03-31".
    public static func render(_ groups: [GroupKPIs], title: String, subtitle: String) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; }
            th { background: #f2f2f2; position: sticky; top: 0; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            td.few { color: #999; text-align: center; }
            </style></head><body>
            <h1>\(escape(title))</h1>
            <p>\(escape(subtitle)). Definitions: docs/KPIS.md. <span style="color:#999">n&lt;\(KPI.minimumSample)</span> marks a figure with too few complaints behind it.</p>
            <table><thead><tr><th>group</th><th>complaints</th>
            """
        html += KPI.allCases.map { "<th>\(escape($0.rawValue))</th>" }.joined()
        html += "<th>top categories</th><th>top root causes</th><th>channel mix</th><th>remedy mix</th><th>redress paid</th><th>backlog</th><th>overdue</th></tr></thead><tbody>\n"
        for group in groups {
            html += "<tr><td>\(escape(group.group))</td><td class=\"num\">\(group.complaints)</td>"
            for kpi in KPI.allCases {
                let figure = group[kpi]
                if let value = figure.value {
                    let text = kpi.isShare ? percent(value) : ReportFormat.number(value)
                    html += "<td class=\"num\" title=\"n=\(figure.sample)\">\(text)</td>"
                } else {
                    html += "<td class=\"few\" title=\"n=\(figure.sample)\">n&lt;\(kpi.minimumSample)</td>"
                }
            }
            for list in [group.topCategories, group.topRootCauses, group.channelMix, group.remedyMix] {
                if let entries = list.entries {
                    html += "<td>" + entries.prefix(3).map { "\(escape($0.code)) \(percent($0.share))" }.joined(separator: "<br>") + "</td>"
                } else {
                    html += "<td class=\"few\">n&lt;\(KPI.minimumSample)</td>"
                }
            }
            html += "<td>" + group.redressPaid.map { escape($0.total.description) }.joined(separator: "<br>") + "</td>"
            html += "<td class=\"num\">\(group.backlog)</td><td class=\"num\">\(group.overdue)</td></tr>\n"
        }
        html += "</tbody></table></body></html>\n"
        return html
    }

    /// A share as a percentage with one decimal, e.g. `87.5%`.
    public static func percent(_ share: Double) -> String {
        let tenths = (share * 1000).rounded()
        return "\(Int(tenths) / 10).\(abs(Int(tenths)) % 10)%"
    }

    /// Text made safe for HTML and SVG element content and attribute values.
    public static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
