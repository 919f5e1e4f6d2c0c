import Foundation
import RedressModel
import RedressReports
import RedressStore
import Testing

/// `upheld_rate`, `remedy_mix` and the redress paid per currency (docs/KPIS.md,
/// "Outcomes"), on responses whose figures are worked out by hand.
@Suite struct OutcomeKPITests {
    static let t0 = TestStore.day("2026-01-01")
    static let day: Int64 = 86_400_000

    @Test func outcomesAndRedressAreReportedExactlyPerCurrency() throws {
        let test = try TestStore()
        // 14 responses: 8 upheld (refunds of 10…80 GBP), 2 partly upheld (an apology, with 0 GBP and 5 EUR),
        // 4 not upheld (explanations, nothing paid); and one complaint still open.
        let answers: [(Outcome, String, String?)] = (1...8).map { (.upheld, "refund", "\($0 * 10).00 GBP") }
            + [(.partlyUpheld, "apology", "0 GBP"), (.partlyUpheld, "apology", "5.00 EUR")]
            + Array(repeating: (.notUpheld, "explanation", nil), count: 4)
        try test.store.write(user: "staff", at: Self.t0) { tx in
            try tx.upsertDivision(code: "x", name: "X", conduct: .default)
            for (n, answer) in answers.enumerated() {
                let id = try tx.createComplaint(NewComplaint(channel: "email", complainant: .init(name: "C\(n)"), category: "fees",
                                                             description: "complaint \(n)", division: "x", receivedAt: Self.t0))
                try tx.take(.acknowledge, on: id)
                try tx.take(.respond, on: id, .init(decision: "decided", remedy: answer.1, outcome: answer.0,
                                                    redress: try answer.2.map { try MoneyAmount(parsing: $0) }))
            }
            _ = try tx.createComplaint(NewComplaint(channel: "email", complainant: .init(name: "Open"), category: "fees",
                                                    description: "still open", division: "x", receivedAt: Self.t0))
        }
        let group = try #require(try test.store.report(by: .division, now: Self.t0 + 30 * Self.day).first { $0.group == "x" })
        #expect(group[.upheldRate] == Figure(value: 0.7143, sample: 14))  // 10 of 14
        #expect(group.remedyMix.entries?.map(\.code) == ["refund", "explanation", "apology"])
        #expect(group.remedyMix.entries?.map(\.share) == [0.5714, 0.2857, 0.1429])
        let gbp = try #require(group.redressPaid.first { $0.currency == "GBP" })
        #expect(gbp.complaints == 9 && gbp.total.description == "360.00 GBP")
        #expect(gbp.median == nil, "nine amounts are too few for a median")
        let eur = try #require(group.redressPaid.first { $0.currency == "EUR" })
        #expect(eur.total.amountText == "5.00")
        // JSON carries the amounts as decimal text, per currency.
        let json = try ReportFormat.json([group])
        #expect(json.contains(#""redress_paid_total" : {"#) && json.contains(#""GBP" : "360.00""#) && json.contains(#""EUR" : "5.00""#))
        #expect(json.contains(#""upheld_rate" : 0.7143"#))
        let csv = ReportFormat.csv([group])
        #expect(csv.contains("refund:0.5714;explanation:0.2857;apology:0.1429") && csv.contains("EUR:5.00;GBP:360.00"))
    }

    /// `escalation_within_promise`, and `overdue` counting an escalation
    /// level's due time as `list --overdue` does.
    @Test func escalationPromisesAreJudgedAndCountAsOverdue() throws {
        let test = try TestStore()
        var ids: [ComplaintID] = []
        try test.store.write(user: "staff", at: Self.t0) { tx in
            try tx.upsertDivision(code: "x", name: "X", conduct: CodeOfConduct(
                acknowledge: .init(amount: 48, unit: .hours), respond: .init(amount: 15, unit: .days),
                supervisorRespond: .init(amount: 2, unit: .days), calendar: .standard))
            for n in 0..<13 {
                let id = try tx.createComplaint(NewComplaint(channel: "email", complainant: .init(name: "C\(n)"), category: "fees",
                                                             description: "complaint \(n)", division: "x", receivedAt: Self.t0))
                try tx.take(.acknowledge, on: id)
                if n < 12 { try tx.escalate(id) }  // due at supervisor level two days later; the 13th stays with its agent
                ids.append(id)
            }
        }
        func respond(_ range: Range<Int>, at time: Int64) throws {
            try test.store.write(user: "staff", at: time) { tx in
                for id in ids[range] { try tx.take(.respond, on: id, .init(decision: "decided", remedy: "apology", outcome: .upheld)) }
            }
        }
        try respond(0..<6, at: Self.t0 + Self.day)        // within the escalation promise
        try respond(6..<9, at: Self.t0 + 3 * Self.day)    // after it
        try test.store.write(user: "staff", at: Self.t0 + Self.day) { tx in try tx.hold(ids[11], reason: "awaiting a statement") }
        // ids 9 and 10 stay open past their escalation due time: misses, and overdue now; 11 waits on hold.
        let now = Self.t0 + 5 * Self.day
        let group = try #require(try test.store.report(by: .division, now: now).first { $0.group == "x" })
        #expect(group[.escalationWithinPromise] == Figure(value: 0.5455, sample: 11))  // 6 of 11
        #expect(group.overdue == 2)
        #expect(group.overdue == (try test.store.complaints(ComplaintQuery(overdueAt: now, division: "x"))).count)
        let csv = ReportFormat.csv([group]).split(separator: "\n").map(String.init)
        #expect(csv[0].hasSuffix(",redress_paid_median,escalation_within_promise") && csv[1].hasSuffix(",0.5455"))
    }

    @Test func theMedianIsTheNearestRankAmount() throws {
        let test = try TestStore()
        try test.store.write(user: "staff", at: Self.t0) { tx in
            try tx.upsertDivision(code: "x", name: "X", conduct: .default)
            for n in 1...11 {
                let id = try tx.createComplaint(NewComplaint(channel: "email", complainant: .init(name: "C\(n)"), category: "fees",
                                                             description: "c\(n)", division: "x", receivedAt: Self.t0))
                try tx.take(.acknowledge, on: id)
                try tx.take(.respond, on: id, .init(decision: "paid", remedy: "compensation", outcome: .upheld,
                                                    redress: MoneyAmount(minorUnits: Int64(n * n), currency: "USD")))
            }
        }
        let group = try #require(try test.store.report(by: .division, now: Self.t0).first { $0.group == "x" })
        let usd = try #require(group.redressPaid.first)
        // 1, 4, 9, …, 121 cents: rank ⌈0.5 × 11⌉ = 6 → 36 cents; total 506 cents.
        #expect(usd.median?.amountText == "0.36" && usd.total.amountText == "5.06")
    }
}
