import Foundation
import RedressTestSupport
import RedressBench
import Testing

/// `redress bench report` at a tiny scale: it imports, generates, reports and
/// cleans up, and its JSON has the keys the issue names. No time is asserted;
/// speed is measured by release runs recorded in docs/BENCHMARKS.md.
@Suite struct ReportBenchmarkSmokeTests {
    let directory = TemporaryDirectory()

    static let csv = """
        Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,Company public response,Company,State,ZIP code,Tags,Consumer consent provided?,Submitted via,Date sent to company,Company response to consumer,Timely response?,Consumer disputed?,Complaint ID
        2019-09-24,Debt collection,I do not know,Attempts to collect debt not owed,Debt is not yours,,,"TRANSWORLD SYSTEMS INC",FL,335XX,,Consent not provided,Web,2019-09-24,Closed with explanation,Yes,N/A,3384392
        2019-09-19,Credit reporting,Credit reporting,Incorrect information on your report,Account status incorrect,,,"Experian Information Solutions Inc.",PA,15206,,Consent not provided,Web,2019-09-20,Closed with non-monetary relief,Yes,N/A,3379500
        2019-10-25,Credit reporting,Credit reporting,Incorrect information on your report,Information belongs to someone else,,,"EQUIFAX, INC.",GA,30084,,Consent not provided,Phone,2019-10-25,Closed with explanation,Yes,N/A,3417821

        """

    @Test func aTinyRunImportsGeneratesAndReports() throws {
        let file = directory.url.appendingPathComponent("sample.csv")
        try Self.csv.write(to: file, atomically: true, encoding: .utf8)
        let benchmark = ReportBenchmark(complaints: 3_000, divisions: 5, importFile: file, directory: directory.subdirectory("work"),
                                        reportRuns: 2)
        // It throws if a report run does not add up to the generated complaints.
        let result = try benchmark.run()
        #expect(result.rowsImported == 3 && result.importRejected == 0)
        #expect(result.complaints == 3_000 && result.reportGroups == 5)
        #expect(result.reportSecondsRuns.count == 2 && result.reportSeconds > 0 && result.importRowsPerSecond > 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.json().utf8)) as? [String: Any])
        for key in ["import_rows_per_second", "report_seconds", "complaints", "divisions", "baseline_seconds", "peak_rss_mb"] {
            #expect(json[key] != nil, "\(key)")
        }
        // Issue 14's names: every grouping, the filtered view and the dashboard, each against the baseline.
        for view in ["division", "category", "channel", "month", "quarter", "filtered", "dashboard"] {
            #expect((json["\(view)_seconds"] as? Double).map { $0 > 0 } == true, "\(view)_seconds")
            #expect(json["\(view)_over_baseline"] is Double, "\(view)_over_baseline")
        }
        // Nothing is left behind in the work folder.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: directory.subdirectory("work").path)) ?? []
        #expect(left.isEmpty)
    }
}
