/// The tags an import leaves where its source gives a verdict on a
/// response's timeliness but no date (the CFPB's "Timely response?"), and
/// that `resolved_within_promise` counts for a complaint whose resolution
/// time is unknown (docs/KPIS.md). Named once, for the importer and the report.
public enum TimelinessTag: String, CaseIterable, Sendable {
    case timely = "response-timely"
    case late = "response-late"

    /// `'response-timely', 'response-late'`, for an SQL `IN (…)`.
    public static let sqlList = allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
}
