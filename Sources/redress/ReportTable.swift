import Foundation
import RedressReports

/// The terminal rendering of a report: the KPIs that fit a wide terminal,
/// numbers right-aligned. CSV, JSON and HTML carry every KPI.
enum ReportTable {
    private static let columns: [(title: String, kpi: KPI?)] = [
        ("PER 1K", .complaintsPer1000Customers),
        ("ACK MED", .ackHoursMedian), ("ACK P90", .ackHoursP90), ("ACK OK", .ackWithinPromise),
        ("RESOLVE MED", .resolveDaysMedian), ("RESOLVE P90", .resolveDaysP90), ("RESOLVE OK", .resolvedWithinPromise),
        ("FCR", .firstContactResolution), ("ESCAL", .escalationRate), ("ESCAL OK", .escalationWithinPromise), ("REOPEN", .reopenRate), ("REFER", .referralRate), ("UPHELD", .upheldRate),
        ("CSAT", .csatMean), ("NPS", .nps),
    ]

    static func render(_ groups: [GroupKPIs], grouping: ReportGrouping) -> String {
        let headers = [grouping.rawValue.uppercased(), "N"] + columns.map(\.title) + ["BACKLOG", "OVERDUE", "TOP CATEGORY"]
        var rows: [[String]] = []
        for group in groups {
            var row = [group.group, String(group.complaints)]
            for column in columns { row.append(cell(group, column.kpi!)) }
            row += [String(group.backlog), String(group.overdue)]
            if let top = group.topCategories.entries?.first {
                row.append("\(top.code) \(percent(top.share))")
            } else {
                row.append("n<\(KPI.minimumSample)")
            }
            rows.append(row)
        }
        // TextTable pads on the right; numbers read better right-aligned, so pad them here.
        let numeric = Set(1..<(headers.count - 1))
        var widths = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var table = TextTable(headers.enumerated().map { i, title in numeric.contains(i) ? pad(title, widths[i]) : title })
        for row in rows { table.append(row.enumerated().map { i, cell in numeric.contains(i) ? pad(cell, widths[i]) : cell }) }
        return table.render()
    }

    private static func cell(_ group: GroupKPIs, _ kpi: KPI) -> String {
        guard let value = group[kpi].value else { return "n<\(kpi.minimumSample)" }
        if kpi.isShare { return percent(value) }
        return String(format: kpi == .complaintsPer1000Customers ? "%.2f" : "%.1f", value)
    }

    private static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
