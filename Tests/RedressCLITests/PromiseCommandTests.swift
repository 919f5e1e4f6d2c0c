import Foundation
import Testing

/// The command forms of promises, calendars, holidays, the taxonomy, holds
/// and outcomes, as scripts use them, and their refusals of nonsense.
@Suite struct PromiseCommandTests {
    let folder: URL
    let cli: CLIRunner

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-cli-\(UUID().uuidString)")
        cli = CLIRunner(dataDir: folder.appendingPathComponent("node"))
    }

    func run(_ arguments: [String], stdin: String? = nil) throws -> CLIRunner.Result {
        let result = try cli.run(arguments, stdin: stdin)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result
    }

    func shown(_ id: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(try run(["show", id, "--json"]).stdout.utf8)) as? [String: Any])
    }

    @Test func anAdminSetsWorkingDayPromisesAndHolidaysAndStaffHoldAndAnswer() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try run(["init", "--division", "retail", "--node-name", "branch-1"])
        let set = try run(["division", "set", "retail", "--name", "Retail", "--acknowledge", "2 working days", "--respond", "8 weeks",
                           "--time-zone", "Europe/London", "--working-days", "mon-fri", "--working-hours", "09:00-17:00"])
        #expect(set.stdout.contains("acknowledge within 2 working days, respond within 8 weeks"))
        let holidays = folder.appendingPathComponent("holidays.csv")
        try "date,name\n2025-12-25,Christmas Day\n2025-12-26,Boxing Day\n".write(to: holidays, atomically: true, encoding: .utf8)
        _ = try run(["division", "holidays", "retail", "--import", holidays.path])
        _ = try run(["division", "holidays", "retail", "--add", "2026-01-01"])
        #expect(try run(["division", "holidays", "retail"]).stdout == "2025-12-25\n2025-12-26\n2026-01-01\n")
        _ = try run(["taxonomy", "add", "category", "mis-selling", "--label", "Mis-selling"])
        _ = try run(["taxonomy", "retire", "category", "staff"])
        #expect(try run(["divisions", "--taxonomy"]).stdout.contains("mis-selling"))

        // Received on Wednesday 24 December 2025 at 16:00 London time (GMT): one working hour that day;
        // the 25th and 26th are holidays, the 27th–28th a weekend; eight hours on Monday 29th, seven on Tuesday 30th.
        let complaint = #"{"channel":"phone","complainant":{"name":"Ada Moss"},"category":"mis-selling","description":"Sold the wrong cover","received_at":"2025-12-24T16:00:00Z"}"#
        let id = try run(["complaint", "add"], stdin: complaint).lastLine
        var record = try shown(id)
        #expect(record["ack_due_at"] as? String == "2025-12-30T16:00:00Z")
        #expect(record["respond_promise"] as? String == "8 weeks")
        #expect(record["on_hold"] as? Bool == false)

        _ = try run(["acknowledge", id])
        _ = try run(["hold", id, "--reason", "awaiting the policy schedule"])
        record = try shown(id)
        #expect(record["on_hold"] as? Bool == true)
        let due = record["respond_due_at"] as? String
        _ = try run(["resume", id])
        record = try shown(id)
        #expect(record["on_hold"] as? Bool == false)
        #expect((record["respond_due_at"] as? String).map { $0 >= due ?? "" } == true)
        _ = try run(["respond", id, "--decision", "Cover changed and premium refunded", "--remedy", "refund",
                     "--outcome", "partly-upheld", "--redress", "50.00 GBP"])
        record = try shown(id)
        #expect(record["outcome"] as? String == "partly-upheld")
        #expect(record["redress_paid"] as? [String: String] == ["amount": "50.00", "currency": "GBP"])
        let kinds = (record["history"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
        #expect(kinds.contains("hold") && kinds.contains("resume"))
    }

    @Test func productsAreATaxonomyAndTheReferenceHistorySaysWhoChangedWhat() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try run(["init", "--division", "retail", "--node-name", "branch-1"])
        _ = try run(["division", "set", "retail", "--acknowledge", "2 working days", "--working-hours", "08:30-16:30"])
        _ = try run(["division", "holidays", "retail", "--add", "2026-12-25", "2026-12-26"])
        _ = try run(["division", "holidays", "retail", "--remove", "2026-12-26", "2026-12-31"])
        _ = try run(["taxonomy", "add", "product", "current-account", "--label", "Current account"])
        _ = try run(["taxonomy", "add", "product", "old-loan", "--label", "Old loan"])
        _ = try run(["taxonomy", "add", "product", "old-loan", "--label", "Personal loan (closed)"])
        _ = try run(["taxonomy", "retire", "product", "old-loan"])
        #expect(try run(["taxonomy", "list", "product"]).stdout.contains("current-account  Current account"))
        #expect(!(try run(["taxonomy", "list", "product"]).stdout.contains("old-loan")))

        // A product stays open text, but a retired product's code is refused.
        let complaint = #"{"channel":"phone","complainant":{"name":"Ada Moss"},"category":"fees","description":"Charged twice","product":"PRODUCT"}"#
        _ = try run(["complaint", "add"], stdin: complaint.replacingOccurrences(of: "PRODUCT", with: "current-account"))
        _ = try run(["complaint", "add"], stdin: complaint.replacingOccurrences(of: "PRODUCT", with: "A card from 1998"))
        let refused = try cli.run(["complaint", "add"], stdin: complaint.replacingOccurrences(of: "PRODUCT", with: "old-loan"))
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("product") && refused.stderr.contains("retired"), "stderr: \(refused.stderr)")

        let division = try #require(try JSONSerialization.jsonObject(with: Data(try run(["division", "history", "retail", "--json"]).stdout.utf8)) as? [[String: Any]])
        let summaries = division.compactMap { $0["summary"] as? String }
        // Newest first; the holiday already gone (2026-12-31) is no change.
        #expect(summaries.first == "holidays removed: 2026-12-26")
        #expect(summaries.contains("holidays added: 2026-12-25, 2026-12-26"))
        #expect(summaries.contains("acknowledge: 48 hours → 2 working days; working hours: 09:00-17:00 → 08:30-16:30"))
        #expect(summaries.count == 3, "the node's own division is a default, created by no one: \(summaries)")
        #expect(division.allSatisfy { ($0["subject"] as? String) == "division/retail" && ($0["user"] as? String)?.isEmpty == false
                                      && ($0["at"] as? String)?.hasSuffix("Z") == true })

        let products = try #require(try JSONSerialization.jsonObject(with: Data(try run(["taxonomy", "history", "product", "old-loan", "--json"]).stdout.utf8)) as? [[String: Any]])
        #expect(products.compactMap { $0["summary"] as? String } == ["retired", "label: Old loan → Personal loan (closed)", "added as \"Old loan\""])
        let table = try run(["taxonomy", "history"]).stdout
        #expect(table.contains("taxonomy/product/current-account") && !table.contains("division/retail"))
        // Saving what is already there is no change.
        _ = try run(["division", "set", "retail", "--acknowledge", "2 working days"])
        #expect(try run(["division", "history", "retail", "--json", "--limit", "1"]).stdout.contains("holidays removed: 2026-12-26"))
    }

    @Test(arguments: [
        (["division", "set", "retail", "--acknowledge", "2 fortnights"], "promise"),
        (["division", "set", "retail", "--working-hours", "17:00-09:00"], "closing"),
        (["division", "set", "retail", "--time-zone", "Mars/Olympus"], "time zone"),
        (["division", "set", "retail", "--working-days", "mon-xyz"], "working days"),
        (["division", "holidays", "retail", "--add", "2026-02-30"], "YYYY-MM-DD"),
        (["taxonomy", "add", "flavour", "x", "--label", "X"], "unknown taxonomy kind"),
        (["taxonomy", "history", "flavour"], "unknown taxonomy kind"),
        (["division", "history", "retail", "--limit", "0"], "limit"),
        (["resume", "ID"], "not on hold"),
        (["hold", "ID", "--reason", "before acknowledging"], "acknowledged"),
        (["respond", "ID", "--decision", "x", "--remedy", "refund", "--outcome", "maybe"], "--outcome"),
        (["respond", "ID", "--decision", "x", "--remedy", "refund", "--outcome", "upheld", "--redress=-5.00 GBP"], "negative"),
        (["respond", "ID", "--decision", "x", "--remedy", "refund", "--outcome", "upheld", "--redress", "5.00 XYZ"], "ISO 4217"),
        (["respond", "ID", "--decision", "x", "--remedy", "refund", "--outcome", "upheld", "--redress", "10.5 JPY"], "decimal"),
    ])
    func nonsenseIsRefusedByNameAndChangesNothing(arguments: [String], message: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try run(["init", "--division", "retail", "--node-name", "branch-1"])
        let id = try run(["complaint", "add"], stdin: CommandLineTests.ada).lastLine
        let before = try run(["digest"]).stdout
        let result = try cli.run(arguments.map { $0 == "ID" ? id : $0 })
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(try run(["digest"]).stdout == before)
    }
}
