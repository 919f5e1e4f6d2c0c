public import ArgumentParser
import Foundation
import RedressModel
import RedressNode
import RedressReports
import RedressStore

extension ReportGrouping: ExpressibleByArgument {}

extension Redress {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Head-office KPIs side by side: per division, category, channel, month or quarter.",
            discussion: """
                Every figure is defined in docs/KPIS.md and computed by SQL aggregation from this node's \
                replicated data. A figure with fewer than \(KPI.minimumSample) complaints behind it is shown \
                as n<\(KPI.minimumSample) (JSON: null, and named in too_few).
                """)

        enum Format: String, CaseIterable, ExpressibleByArgument {
            case table, csv, json, html
        }

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("One row per \(ReportGrouping.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "grouping"))
        var by: ReportGrouping = .division
        @Option(help: ArgumentHelp("Only complaints received on or after this day (UTC).", valueName: "YYYY-MM-DD"))
        var from: String?
        @Option(help: ArgumentHelp("Only complaints received on or before this day (UTC).", valueName: "YYYY-MM-DD"))
        var to: String?
        @Option(help: ArgumentHelp("Only this division.", valueName: "code"))
        var division: String?
        @Option(help: ArgumentHelp("table, csv, json or html.", valueName: "format"))
        var format: Format = .table

        func validate() throws {
            for (name, value) in [("--from", from), ("--to", to)] {
                if let value, Self.day(value) == nil { throw ValidationError("\(name) must be a day, YYYY-MM-DD (got \(value.debugDescription))") }
            }
            if let from, let to, let start = Self.day(from), let end = Self.day(to), start > end {
                throw ValidationError("--from \(from) is after --to \(to)")
            }
        }

        func run() throws {
            let (node, actor) = try options.openNode()
            try node.authorizeReports(division: division, by: actor)
            let store = node.store
            if let division, try !store.divisions().contains(where: { $0.code == division }) {
                throw StoreError.unknownDivision(division)
            }
            let scope = ReportScope(fromDay: from.flatMap(Self.day), toDay: to.flatMap(Self.day), division: division)
            // `serve` keeps the report cells current; a command only catches
            // up on what changed since (best effort: a read-only store reports from what it has).
            _ = try? store.refreshReportCells(limit: .max, startOver: false)
            let groups = try store.report(by: by, scope: scope)
            switch format {
            case .json: print(try ReportFormat.json(groups))
            case .csv: print(ReportFormat.csv(groups), terminator: "")
            case .html: print(ReportHTML.render(groups, title: "Complaints by \(by.rawValue)", subtitle: scopeDescription), terminator: "")
            case .table:
                print(ReportTable.render(groups, grouping: by))
                print("\(groups.count) group\(groups.count == 1 ? "" : "s"), \(groups.map(\.complaints).reduce(0, +)) complaints \(scopeDescription); "
                      + "shares in %, times in hours (ACK) and days (RESOLVE); n<\(KPI.minimumSample): too few to mean anything (docs/KPIS.md)")
            }
        }

        private var scopeDescription: String {
            ReportScope.describe(fromDay: from, toDay: to, division: division)
        }

        /// Unix ms of midnight UTC of a `YYYY-MM-DD` day.
        static func day(_ text: String) -> Int64? {
            ReportScope.utcDay(text)
        }
    }
}
