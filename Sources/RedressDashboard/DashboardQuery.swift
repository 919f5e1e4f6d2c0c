public import RedressReports

/// What one dashboard request asks for: a period, a division and, for the
/// JSON report endpoint, a grouping. Parsed from the URL's query, strictly:
/// a typo in a bookmark should say so rather than show other figures.
public struct DashboardQuery: Sendable, Hashable {
    /// `YYYY-MM-DD`, inclusive; kept as given so the page can show it back.
    public var from: String?
    public var to: String?
    public var division: String?
    public var grouping: ReportGrouping = .division

    public init(from: String? = nil, to: String? = nil, division: String? = nil, grouping: ReportGrouping = .division) {
        self.from = from
        self.to = to
        self.division = division
        self.grouping = grouping
    }

    /// The parameters the dashboard takes.
    public static let parameterNames = ["from", "to", "division", "by"]

    /// Reads `from`, `to`, `division` and `by` from query parameters; an
    /// empty value means "not given", and any other parameter is refused.
    public init(parameters: [String: String]) throws(DashboardError) {
        if let unknown = parameters.keys.sorted().first(where: { !Self.parameterNames.contains($0) }) {
            throw .unknownParameter(name: unknown, known: Self.parameterNames)
        }
        func value(_ name: String) -> String? {
            guard let text = parameters[name]?.trimmingWhitespace, !text.isEmpty else { return nil }
            return text
        }
        from = value("from")
        to = value("to")
        division = value("division")
        for (name, day) in [("from", from), ("to", to)] {
            if let day, ReportScope.utcDay(day) == nil {
                throw .badParameter(name: name, value: day, expected: "a day as YYYY-MM-DD")
            }
        }
        if let from, let to, let start = ReportScope.utcDay(from), let end = ReportScope.utcDay(to), start > end {
            throw .badParameter(name: "from", value: from, expected: "a day no later than to=\(to)")
        }
        if let by = value("by") {
            guard let grouping = ReportGrouping(rawValue: by) else {
                throw .badParameter(name: "by", value: by,
                                    expected: "one of " + ReportGrouping.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self.grouping = grouping
        }
    }

    public var scope: ReportScope {
        ReportScope(fromDay: from.flatMap(ReportScope.utcDay), toDay: to.flatMap(ReportScope.utcDay), division: division)
    }

    /// The same query without its grouping: the page always shows divisions and months.
    var pageKey: DashboardQuery { DashboardQuery(from: from, to: to, division: division) }

    /// The scope in words, e.g. "received 2026-01-01 to 2026-03-31 in division retail".
    public var scopeDescription: String {
        ReportScope.describe(fromDay: from, toDay: to, division: division)
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
