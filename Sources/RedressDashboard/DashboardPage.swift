import RedressModel
import Foundation
import RedressReports

/// The dashboard's one HTML page: divisions side by side on each KPI, trends
/// by month, a comparison table and a table per division.
///
/// Self-contained (inline CSS and SVG, no scripts, no external assets), so it
/// works in an office with no internet access and passes a strict content
/// security policy. Filters are a plain GET form: bookmarkable, and the same
/// parameters work on the JSON endpoints.
enum DashboardPage {
    /// How many divisions get their own line in the volume trend; the rest are summed.
    static let trendDivisions = 7

    /// - Parameter base: the path the dashboard is mounted at ("" or "/dashboard"), for its links.
    static func render(_ snapshot: DashboardSnapshot, base: String = "") -> String {
        var html = head(snapshot)
        html += filterForm(snapshot, base: base)
        html += sideBySide(snapshot)
        html += trends(snapshot)
        html += comparisonTable(snapshot)
        html += divisionTables(snapshot)
        html += """
            <footer><p>Definitions of every figure: docs/KPIS.md. A figure with too few complaints behind it \
            (fewer than \(KPI.minimumSample); customers: fewer than \(KPI.minimumCustomers)) is shown as “too few”, not as a number. \
            The same data as JSON: <a href="\(link(base + "/api/snapshot", snapshot))">/api/snapshot</a>, \
            <a href="\(link(base + "/api/kpis", snapshot))">/api/kpis</a> (with by=division|category|channel|month|quarter), \
            <a href="\(link(base + "/api/trend", snapshot))">/api/trend</a>.</p></footer>
            </body></html>

            """
        return html
    }

    // MARK: - Parts

    private static func head(_ snapshot: DashboardSnapshot) -> String {
        let node = snapshot.node
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Redress — complaints by division</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 0 2em 2em; color: #222; background: #fff; }
            header { border-bottom: 1px solid #ccc; margin-bottom: 1em; }
            h1 { margin: 0.6em 0 0.2em; font-size: 1.6em; }
            h2 { margin-top: 1.6em; border-bottom: 1px solid #eee; }
            .meta, .note { color: #666; }
            .warning { color: #8a4b00; background: #fff4e0; border: 1px solid #e8b060; padding: 0.4em 0.6em; border-radius: 4px; }
            nav a { margin-right: 1em; }
            form { margin: 1em 0; display: flex; gap: 1em; align-items: end; flex-wrap: wrap; }
            label { display: flex; flex-direction: column; font-size: 0.85em; color: #444; }
            .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(470px, 1fr)); gap: 1em; }
            figure { margin: 0; padding: 0.5em; border: 1px solid #e4e4e4; border-radius: 4px; }
            figcaption { font-weight: 600; margin-bottom: 0.3em; }
            svg.chart { font-size: 11px; max-width: 100%; height: auto; }
            svg.chart text { fill: #333; }
            svg.chart text.note { fill: #999; }
            table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; }
            th { background: #f2f2f2; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            td.few { color: #999; text-align: center; }
            .scroll { overflow-x: auto; }
            .division { display: inline-block; vertical-align: top; margin: 0 1.5em 1em 0; }
            </style></head><body>
            <header>
            <h1>Complaints by division</h1>
            <p class="meta">Node <strong>\(ReportHTML.escape(node.name))</strong> (division \(ReportHTML.escape(node.division))) · \
            complaints \(ReportHTML.escape(snapshot.query.description)) · figures as of \(timestamp(snapshot.computedAt)) · \
            \(snapshot.divisions.count) division\(snapshot.divisions.count == 1 ? "" : "s"), \
            \(snapshot.divisions.reduce(0) { $0 + $1.complaints }) complaints</p>
            \(clockWarnings(snapshot))<nav><a href="#compare">Side by side</a><a href="#trends">Trends</a><a href="#table">All KPIs</a><a href="#divisions">Each division</a></nav>
            </header>

            """
    }

    /// One line per peer whose clock is off: its changes may soon be refused, and until then it wins ties it should not.
    private static func clockWarnings(_ snapshot: DashboardSnapshot) -> String {
        snapshot.clockWarnings.map { warning in
            let direction = warning.offsetSeconds > 0 ? "ahead of" : "behind"
            return "<p class=\"warning\" role=\"alert\">The clock of node <strong>\(ReportHTML.escape(warning.peer))</strong> was "
                + "\(String(format: "%.0f", warning.offsetSeconds.magnitude)) s \(direction) this node’s at its last sync: "
                + "its changes are refused once they are more than the drift limit ahead. Fix its clock (NTP).</p>\n"
        }.joined()
    }

    private static func filterForm(_ snapshot: DashboardSnapshot, base: String) -> String {
        let query = snapshot.query
        var options = "<option value=\"\">all divisions</option>"
        for code in snapshot.divisionNames.keys.sorted() {
            let selected = code == query.division ? " selected" : ""
            let label = DashboardSnapshot.label(code, names: snapshot.divisionNames)
            options += "<option value=\"\(ReportHTML.escape(code))\"\(selected)>\(ReportHTML.escape(label))</option>"
        }
        return """
            <form method="get" action="\(base)/">
            <label>Received from <input type="date" name="from" value="\(ReportHTML.escape(query.from ?? ""))"></label>
            <label>to <input type="date" name="to" value="\(ReportHTML.escape(query.to ?? ""))"></label>
            <label>Division <select name="division">\(options)</select></label>
            <button type="submit">Show</button> <a href="\(base)/">reset</a>
            </form>

            """
    }

    private static func sideBySide(_ snapshot: DashboardSnapshot) -> String {
        var html = "<section id=\"compare\"><h2>Divisions side by side</h2><div class=\"grid\">\n"
        for metric in DashboardMetric.sideBySide {
            let chart = metric.chart(snapshot.divisions, names: snapshot.divisionNames)
            html += "<figure id=\"chart-\(metric.key)\"><figcaption>\(ReportHTML.escape(metric.title))</figcaption>\n\(chart.svg())\n</figure>\n"
        }
        return html + "</div></section>\n"
    }

    private static func trends(_ snapshot: DashboardSnapshot) -> String {
        let months = Array(Set(snapshot.volumes.map(\.month) + snapshot.months.map(\.group))).sorted()
        let index = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
        // The busiest divisions get a line each; the others share one, so the chart stays readable with 50 divisions.
        var totals: [String: Int] = [:]
        for volume in snapshot.volumes { totals[volume.division, default: 0] += volume.complaints }
        let ranked = totals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let named = Array(ranked.prefix(ranked.count == trendDivisions + 1 ? trendDivisions + 1 : trendDivisions))
        var lines: [String: [Double?]] = [:]
        var others = [Double?](repeating: nil, count: months.count)
        for volume in snapshot.volumes {
            guard let at = index[volume.month] else { continue }
            if named.contains(volume.division) {
                lines[volume.division, default: [Double?](repeating: 0, count: months.count)][at] = Double(volume.complaints)
            } else {
                others[at] = (others[at] ?? 0) + Double(volume.complaints)
            }
        }
        var series = named.enumerated().map { offset, division in
            LineChart.Series(name: division, values: lines[division] ?? [], color: ChartPalette.color(offset))
        }
        if ranked.count > named.count {
            series.append(LineChart.Series(name: "\(ranked.count - named.count) other divisions", values: others.map { $0 ?? 0 },
                                           color: ChartPalette.others))
        }
        let volume = LineChart(title: "Complaints received per month", xLabels: months, series: series,
                               format: { ReportFormat.number($0.rounded()) })
        func kpiSeries(_ kpi: KPI, color: Int) -> LineChart.Series {
            let byMonth = Dictionary(uniqueKeysWithValues: snapshot.months.map { ($0.group, $0[kpi].value) })
            return LineChart.Series(name: kpi.title, values: months.map { byMonth[$0] ?? nil }, color: ChartPalette.color(color))
        }
        let promises = LineChart(title: "Promises kept, by month of receipt", xLabels: months,
                                 series: [kpiSeries(.ackWithinPromise, color: 0), kpiSeries(.resolvedWithinPromise, color: 1)],
                                 format: { ReportHTML.percent($0) }, maximum: 1)
        let satisfaction = LineChart(title: "Satisfaction (CSAT mean), by month of receipt", xLabels: months,
                                     series: [kpiSeries(.csatMean, color: 2)], format: { ReportFormat.number($0) }, maximum: 5)
        let outcomes = LineChart(title: "Escalation, reopen and referral rates, by month of receipt", xLabels: months,
                                 series: [kpiSeries(.escalationRate, color: 3), kpiSeries(.reopenRate, color: 4),
                                          kpiSeries(.referralRate, color: 5)],
                                 format: { ReportHTML.percent($0) })
        var html = "<section id=\"trends\"><h2>Trends</h2>\n"
        html += "<p class=\"note\">Months of receipt, UTC; a gap means too few complaints that month for the figure to mean anything.</p>\n"
        for (id, chart) in [("trend-volume", volume), ("trend-promises", promises), ("trend-satisfaction", satisfaction),
                            ("trend-outcomes", outcomes)] {
            html += "<figure id=\"\(id)\"><figcaption>\(ReportHTML.escape(chart.title))</figcaption>\n\(chart.svg())\n</figure>\n"
        }
        return html + "</section>\n"
    }

    private static func comparisonTable(_ snapshot: DashboardSnapshot) -> String {
        var html = "<section id=\"table\"><h2>All KPIs, divisions side by side</h2><div class=\"scroll\"><table><thead><tr><th>division</th><th>complaints</th>"
        html += KPI.allCases.map { "<th title=\"\(ReportHTML.escape($0.title))\">\(ReportHTML.escape($0.rawValue))</th>" }.joined()
        html += "<th>backlog</th><th>overdue</th></tr></thead><tbody>\n"
        for group in snapshot.divisions {
            html += "<tr><td><a href=\"#division-\(anchor(group.group))\">\(ReportHTML.escape(group.group))</a></td><td class=\"num\">\(group.complaints)</td>"
            html += KPI.allCases.map { cell($0, group) }.joined()
            html += "<td class=\"num\">\(group.backlog)</td><td class=\"num\">\(group.overdue)</td></tr>\n"
        }
        return html + "</tbody></table></div></section>\n"
    }

    private static func divisionTables(_ snapshot: DashboardSnapshot) -> String {
        var html = "<section id=\"divisions\"><h2>Each division</h2>\n"
        for group in snapshot.divisions {
            let heading = DashboardSnapshot.label(group.group, names: snapshot.divisionNames)
            html += "<div class=\"division\" id=\"division-\(anchor(group.group))\"><h3>\(ReportHTML.escape(heading))</h3><table>"
            html += "<tr><th>figure</th><th>value</th><th>n</th></tr>"
            html += "<tr><td>Complaints</td><td class=\"num\">\(group.complaints)</td><td></td></tr>"
            html += "<tr><td>Open now</td><td class=\"num\">\(group.backlog)</td><td></td></tr>"
            html += "<tr><td>Overdue now</td><td class=\"num\">\(group.overdue)</td><td></td></tr>"
            for kpi in KPI.allCases {
                html += "<tr><td>\(ReportHTML.escape(kpi.title))</td>\(cell(kpi, group))<td class=\"num\">\(group[kpi].sample)</td></tr>"
            }
            for (title, list) in [("Top categories", group.topCategories), ("Top root causes", group.topRootCauses),
                                  ("Channels", group.channelMix), ("Remedies", group.remedyMix)] {
                let text = list.entries.map { entries in
                    entries.prefix(3).map { "\(ReportHTML.escape($0.code)) \(ReportHTML.percent($0.share))" }.joined(separator: "<br>")
                } ?? "too few"
                html += "<tr><td>\(title)</td><td colspan=\"2\">\(text.isEmpty ? "none recorded" : text)</td></tr>"
            }
            if !group.redressPaid.isEmpty {
                let text = group.redressPaid.map { paid in
                    "\(ReportHTML.escape(paid.total.description)) in all, median \(paid.median.map { ReportHTML.escape($0.description) } ?? "too few")"
                }.joined(separator: "<br>")
                html += "<tr><td>Redress paid</td><td>\(text)</td><td class=\"num\">\(group.redressPaid.reduce(0) { $0 + $1.complaints })</td></tr>"
            }
            html += "</table></div>\n"
        }
        return html + "</section>\n"
    }

    // MARK: - Helpers

    private static func cell(_ kpi: KPI, _ group: GroupKPIs) -> String {
        let figure = group[kpi]
        guard let value = figure.value else {
            return "<td class=\"few\" title=\"n=\(figure.sample)\">too few</td>"
        }
        return "<td class=\"num\" title=\"n=\(figure.sample)\">\(ReportHTML.escape(kpi.text(value)))</td>"
    }

    /// An element id for a division code: letters, digits and dashes only.
    static func anchor(_ code: String) -> String {
        String(code.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// A link to an endpoint carrying the page's filters.
    private static func link(_ path: String, _ snapshot: DashboardSnapshot) -> String {
        var items: [URLQueryItem] = []
        if let from = snapshot.query.from { items.append(URLQueryItem(name: "from", value: from)) }
        if let to = snapshot.query.to { items.append(URLQueryItem(name: "to", value: to)) }
        if let division = snapshot.query.division { items.append(URLQueryItem(name: "division", value: division)) }
        guard !items.isEmpty else { return path }
        var components = URLComponents()
        components.path = path
        components.queryItems = items
        return ReportHTML.escape(components.string ?? path)
    }

    private static func timestamp(_ millis: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000)) + " UTC"
    }
}
