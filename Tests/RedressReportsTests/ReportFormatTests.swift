import Foundation
import RedressModel
import RedressReports
import RedressStore
import Testing

/// The shapes other tools rely on: JSON keys per group and the CSV columns.
@Suite struct ReportFormatTests {
    @Test func jsonHasOneObjectPerGroupWithEveryKPIKey() throws {
        let (test, _) = try KPIDefinitionTests.scenario()
        let groups = try test.store.report(by: .category, now: KPIDefinitionTests.now)
        let json = try ReportFormat.json(groups)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(array.map { $0["group"] as? String } == ["delay", "fees"])
        let keys = Set(array[0].keys)
        let required = ["group", "complaints", "customers", "backlog", "overdue", "csat_distribution", "top_categories",
                        "top_root_causes", "channel_mix", "remedy_mix", "redress_paid_total", "redress_paid_median",
                        "too_few", "samples"] + KPI.allCases.map(\.rawValue)
        #expect(keys == Set(required))
        #expect(array[0]["complaints"] as? Int == 5)
        // Five complaints: every derived KPI is null and flagged.
        #expect(array[0]["ack_within_promise"] is NSNull)
        #expect((array[0]["too_few"] as? [String])?.contains("ack_within_promise") == true)
        #expect((array[0]["samples"] as? [String: Int])?["escalation_rate"] == 5)
        // Customers are not split by category: every group shares the scope's total.
        #expect(array[1]["customers"] as? Int == 5_000)
        #expect(array[1]["complaints_per_1000_customers"] as? Double == 2)
        // The same input gives byte-identical output.
        #expect(try ReportFormat.json(try test.store.report(by: .category, now: KPIDefinitionTests.now)) == json)
    }

    @Test func csvHasTheDocumentedColumnsAndEmptyCellsForTooFew() throws {
        let (test, _) = try KPIDefinitionTests.scenario()
        let csv = ReportFormat.csv(try test.store.report(by: .channel, now: KPIDefinitionTests.now))
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == ReportFormat.csvColumns.joined(separator: ","))
        #expect(lines[0].hasPrefix("group,complaints,customers,complaints_per_1000_customers,ack_hours_median,"))
        let email = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let phone = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let column = Dictionary(uniqueKeysWithValues: ReportFormat.csvColumns.enumerated().map { ($1, $0) })
        #expect(email.count == ReportFormat.csvColumns.count)
        #expect(email[column["group"]!] == "email")
        #expect(email[column["complaints"]!] == "12")
        #expect(email[column["escalation_rate"]!] == "0.1667")  // c10, c12 of 12
        #expect(phone[column["complaints"]!] == "3")
        #expect(phone[column["escalation_rate"]!] == "")
        #expect(phone[column["too_few"]!].split(separator: ";").contains("escalation_rate"))
    }

    @Test func htmlIsSelfContainedAndEscaped() throws {
        let (test, _) = try KPIDefinitionTests.scenario()
        let html = ReportHTML.render(try test.store.report(by: .division, now: KPIDefinitionTests.now),
                                     title: "Complaints <by> division", subtitle: "all")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Complaints &lt;by&gt; division"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        #expect(html.contains("<td>x</td>"))
    }
}

/// `HTMLEscaping`, the one escape of every page: against a plain
/// definition over Unicode scalars, on random text mixing the five
/// characters it replaces with multi-byte letters and combining marks.
@Suite struct HTMLEscapingTests {
    static func reference(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    @Test func escapesEveryScalarAsThePlainDefinitionDoes() {
        let seed = UInt64(ProcessInfo.processInfo.environment["REDRESS_TEST_SEED"] ?? "") ?? 20261203
        print("HTMLEscapingTests seed \(seed) (REDRESS_TEST_SEED)")
        var random = SplitMix64(seed: seed)
        let alphabet: [String] = ["a", "Z", " ", "&", "<", ">", "\"", "'", "\u{301}", "é", "ß", "€", "😀", "\r\n", "\u{200D}", "\u{0}", ";"]
        for _ in 0..<2_000 {
            let length = Int(random.next() % 24)
            let text = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
            // Bytes, not `==`: String equality is canonical equivalence.
            #expect(Array(HTMLEscaping.escape(text).utf8) == Array(Self.reference(text).utf8), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // The case a comparison of `Character`s misses: a quote that starts a
        // grapheme (outside `#expect`, whose macro does not expand such a literal).
        let accent = "\u{301}"
        let quote = Array(HTMLEscaping.escape("\"\(accent)").utf8), report = Array(ReportHTML.escape("<b>\"\(accent)'").utf8)
        #expect(quote == Array("&quot;\(accent)".utf8))
        #expect(report == Array("&lt;b&gt;&quot;\(accent)&#39;".utf8))
    }
}
