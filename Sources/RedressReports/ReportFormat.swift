import RedressModel
import Foundation

/// The machine-readable renderings of a report; the terminal table lives in the CLI.
public enum ReportFormat {
    /// A JSON array with one object per group, keys sorted so that output is stable.
    public static func json(_ groups: [GroupKPIs]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(groups), as: UTF8.self)
    }

    /// KPIs added after the first CSV layout: their columns come last, so
    /// that every earlier column keeps its position.
    static let laterKPIs: [KPI] = [.upheldRate]
    /// KPIs added after the outcome columns: at the very end.
    static let latestKPIs: [KPI] = [.escalationWithinPromise]
    static let firstKPIs = KPI.allCases.filter { !laterKPIs.contains($0) && !latestKPIs.contains($0) }

    /// The CSV columns, in order. Never reorder or rename: tools read them by
    /// name and position; new columns are appended.
    public static let csvColumns: [String] =
        ["group", "complaints", "customers"] + firstKPIs.map(\.rawValue)
        + ["csat_1", "csat_2", "csat_3", "csat_4", "csat_5",
           "top_category", "top_category_share", "top_root_cause", "top_root_cause_share", "channel_mix",
           "backlog", "overdue", "too_few"]
        + laterKPIs.map(\.rawValue) + ["remedy_mix", "redress_paid_total", "redress_paid_median"]
        + latestKPIs.map(\.rawValue)

    /// RFC 4180 CSV with a header row; a too-few KPI is an empty cell and is named in `too_few`.
    public static func csv(_ groups: [GroupKPIs]) -> String {
        var lines = [csvColumns.joined(separator: ",")]
        for group in groups {
            var cells = [group.group, String(group.complaints), group.customers.map(String.init) ?? ""]
            cells += firstKPIs.map { number(group[$0].value) }
            cells += (1...5).map { number(group.csatDistribution?[$0]) }
            cells += [group.topCategories.entries?.first?.code ?? "", number(group.topCategories.entries?.first?.share)]
            cells += [group.topRootCauses.entries?.first?.code ?? "", number(group.topRootCauses.entries?.first?.share)]
            cells.append(group.channelMix.entries?.map { "\($0.code):\(number($0.share))" }.joined(separator: ";") ?? "")
            cells += [String(group.backlog), String(group.overdue), group.tooFew.joined(separator: ";")]
            cells += laterKPIs.map { number(group[$0].value) }
            cells.append(group.remedyMix.entries?.map { "\($0.code):\(number($0.share))" }.joined(separator: ";") ?? "")
            // Per currency, as `GBP:1234.50;EUR:80.00`: exact decimal text.
            cells.append(group.redressPaid.map { "\($0.currency):\($0.total.amountText)" }.joined(separator: ";"))
            cells.append(group.redressPaid.compactMap { paid in paid.median.map { "\(paid.currency):\($0.amountText)" } }.joined(separator: ";"))
            cells += latestKPIs.map { number(group[$0].value) }
            lines.append(cells.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number as JSON would print it (shortest exact form), empty for nil.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
