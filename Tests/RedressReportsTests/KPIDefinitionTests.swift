import Foundation
import RedressModel
import RedressReports
import RedressStore
import Testing

/// Each KPI of docs/KPIS.md on a small division whose every step is placed in
/// time, with the expected figures worked out by hand from the definitions.
@Suite struct KPIDefinitionTests {
    static let t0 = TestStore.day("2026-01-01")
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000
    /// Sixty days on: every promise of the cohort has fallen due.
    static let now = t0 + 60 * day

    /// Fifteen complaints of division `x` (see the comments for their stories).
    static func scenario() throws -> (TestStore, [ComplaintID]) {
        let test = try TestStore()
        let store = test.store
        var ids: [ComplaintID] = []
        try store.write(user: "staff", at: t0) { tx in
            try tx.upsertDivision(code: "x", name: "Division X", conduct: .default)  // 48 hours, 15 days
            for n in 1...15 {
                let id = try tx.createComplaint(NewComplaint(
                    channel: n <= 12 ? "email" : "phone", complainant: .init(name: "C\(n)"),
                    category: n <= 10 ? "fees" : "delay", description: "complaint \(n)", division: "x", receivedAt: t0))
                ids.append(id)
            }
        }
        func at(_ offset: Int64, _ body: (LocalTransaction) throws -> Void) throws {
            try store.write(user: "staff", at: t0 + offset, body)
        }
        func c(_ n: Int) -> ComplaintID { ids[n - 1] }
        typealias Details = LocalTransaction.StepDetails
        // c1…c6: acknowledged after 1 hour, responded after d days, closed an hour later with scores.
        let days: [Int64] = [1, 2, 3, 4, 20, 30], csat = [5, 4, 3, 5, 1, 2], nps = [10, 9, 7, 8, 0, 3]
        for n in 1...6 {
            try at(hour) { try $0.take(.acknowledge, on: c(n)) }
            try at(days[n - 1] * day) { try $0.take(.respond, on: c(n), Details(decision: "ok", remedy: "explanation", outcome: .notUpheld)) }
            try at(days[n - 1] * day + hour) {
                try $0.take(.close, on: c(n), Details(csat: csat[n - 1], nps: nps[n - 1], firstContact: n == 1))
            }
        }
        // c7: closed at first contact after 2 hours.
        try at(2 * hour) { try $0.take(.close, on: c(7), Details(csat: 5, nps: 10, firstContact: true)) }
        // c8: withdrawn before anyone acknowledged it.
        try at(hour) { try $0.take(.withdraw, on: c(8)) }
        // c9: nobody ever touched it.
        // c10: acknowledged late (50 hours), escalated to management, still open.
        try at(50 * hour) { try $0.take(.acknowledge, on: c(10)) }
        try at(51 * hour) { try $0.escalate(c(10)); try $0.escalate(c(10)) }
        // c11: closed after 6 days, reopened on day 10, re-acknowledged, responded day 12, closed day 13.
        try at(hour) { try $0.take(.acknowledge, on: c(11)) }
        try at(5 * day) { try $0.take(.respond, on: c(11), Details(decision: "ok", remedy: "refund", outcome: .upheld)) }
        try at(6 * day) { try $0.take(.close, on: c(11)) }
        try at(10 * day) { try $0.take(.reopen, on: c(11)) }
        try at(10 * day + hour) { try $0.take(.acknowledge, on: c(11)) }
        try at(12 * day) { try $0.take(.respond, on: c(11), Details(decision: "ok", remedy: "refund", outcome: .upheld)) }
        try at(13 * day) { try $0.take(.close, on: c(11), Details(csat: 4, nps: 6, firstContact: true)) }
        // c12: responded on day 3, referred to an ombudsman on day 7.
        try at(hour) { try $0.take(.acknowledge, on: c(12)) }
        try at(3 * day) { try $0.take(.respond, on: c(12), Details(decision: "no", remedy: "none", outcome: .notUpheld)) }
        try at(7 * day) { try $0.take(.refer, on: c(12), Details(scheme: "Ombudsman")) }
        // c13: escalated to a supervisor, responded on day 6, not closed yet.
        try at(hour) { try $0.take(.acknowledge, on: c(13)) }
        try at(2 * hour) { try $0.escalate(c(13)) }
        try at(6 * day) { try $0.take(.respond, on: c(13), Details(decision: "ok", remedy: "apology", outcome: .partlyUpheld)) }
        // c14, c15: closed at first contact after 3 hours.
        try at(3 * hour) { try $0.take(.close, on: c(14), Details(csat: 5, nps: 9, firstContact: true)) }
        try at(3 * hour) { try $0.take(.close, on: c(15), Details(csat: 5, nps: 8, firstContact: true)) }
        // 5,000 customers in January 2026.
        try store.write(user: "staff") { try $0.setCustomerCount(division: "x", period: "2026-01", customers: 5_000) }
        return (test, ids)
    }

    @Test func everyKPIFollowsItsDefinition() throws {
        let (test, _) = try Self.scenario()
        let groups = try test.store.report(by: .division, scope: ReportScope(division: "x"), now: Self.now)
        let x = try #require(groups.first)
        #expect(groups.count == 1)
        #expect(x.group == "x")
        #expect(x.complaints == 15)
        #expect(x.backlog == 3)  // c9, c10, c13
        #expect(x.overdue == 2)  // c9 (nothing done), c10 (no response); c13 has responded
        #expect(x.customers == 5_000)
        let expected: [KPI: Double] = [
            .complaintsPer1000Customers: 3,
            // Acknowledged: 1 h ×8, 2, 3, 3, 50 (c11 reopened: left out). Rank ⌈6⌉ = 6 and ⌈10.8⌉ = 11.
            .ackHoursMedian: 1, .ackHoursP90: 3,
            // 11 of 12 acknowledged in time, plus c9 never acknowledged (a miss); c8 withdrawn: left out.
            .ackWithinPromise: 0.8462,
            // Days: 2/24, 3/24, 3/24, 1, 2, 3, 3, 4, 6, 12, 20, 30. Ranks 6 and 11.
            .resolveDaysMedian: 3, .resolveDaysP90: 20,
            // 10 in time of 12 resolved plus 2 open and overdue (c9, c10).
            .resolvedWithinPromise: 0.7143,
            // Closed with a flag: c1…c7, c11, c14, c15; at first contact and never reopened: c1, c7, c14, c15.
            .firstContactResolution: 0.4,
            .escalationRate: 0.2, .reachedLevel2: 0.2, .reachedLevel3: 0.1333, .reachedLevel4: 0.0667,
            // Ended: c1…c8, c11, c12, c14, c15; reopened: c11. Referable: the same without c8, plus c13.
            .reopenRate: 0.0833, .referralRate: 0.0833,
            .csatMean: 3.9,
            // Promoters 10, 9, 10, 9; detractors 0, 3, 6 of 10 answers.
            .nps: 10,
        ]
        for kpi in KPI.allCases {
            #expect(x[kpi].value == expected[kpi], "\(kpi.rawValue)")
        }
        // Nobody recorded a root cause, fewer than ten responses recorded an outcome, and no level has its own promise.
        #expect(x.tooFew == ["upheld_rate", "escalation_within_promise", "top_root_causes", "remedy_mix"])
        #expect(x.csatDistribution == [1: 0.1, 2: 0.1, 3: 0.1, 4: 0.2, 5: 0.5])
        #expect(x.topCategories.entries == [
            ParetoEntry(code: "fees", complaints: 10, share: 0.6667, cumulativeShare: 0.6667),
            ParetoEntry(code: "delay", complaints: 5, share: 0.3333, cumulativeShare: 1),
        ])
        #expect(x.channelMix.entries?.map(\.code) == ["email", "phone"])
        #expect(x.topRootCauses.isTooFew)
    }

    @Test func percentilesUseNearestRank() throws {
        // Given ten complaints acknowledged after 1…10 hours and four after 1…4 hours
        let test = try TestStore()
        let store = test.store
        var ids: [String: [ComplaintID]] = [:]
        try store.write(user: "staff", at: Self.t0) { tx in
            for division in ["ten", "four"] {
                try tx.upsertDivision(code: division, name: division, conduct: .default)
                for n in 1...(division == "ten" ? 10 : 4) {
                    ids[division, default: []].append(try tx.createComplaint(NewComplaint(
                        channel: "email", complainant: .init(name: "C"), category: "fees", description: "d\(n)",
                        division: division, receivedAt: Self.t0)))
                }
            }
        }
        for (division, list) in ids {
            for (index, id) in list.enumerated().reversed() {
                try store.write(user: "staff", at: Self.t0 + Int64(index + 1) * Self.hour) { try $0.take(.acknowledge, on: id) }
            }
            _ = division
        }
        // When reported
        let groups = try store.report(by: .division, now: Self.now)
        let ten = try #require(groups.first { $0.group == "ten" })
        let four = try #require(groups.first { $0.group == "four" })
        // Then the median of 1…10 is the value at rank 5 (the lower middle), the p90 at rank 9
        #expect(ten[.ackHoursMedian] == Figure(value: 5, sample: 10))
        #expect(ten[.ackHoursP90] == Figure(value: 9, sample: 10))
        // and four values are too few: null, flagged, with their sample size
        #expect(four[.ackHoursMedian] == Figure(value: nil, sample: 4))
        #expect(four.tooFew.contains("ack_hours_median"))
        #expect(four.tooFew.contains("escalation_rate"))
    }

    @Test func customerCountsAreValidatedAndReplicatedRecords() throws {
        let test = try TestStore()
        let store = test.store
        #expect(throws: StoreError.unknownDivision("nowhere")) {
            try store.write(user: "staff") { try $0.setCustomerCount(division: "nowhere", period: "2026-01", customers: 10) }
        }
        #expect(throws: StoreError.self) {
            try store.write(user: "staff") { try $0.setCustomerCount(division: "head-office", period: "2026-13", customers: 10) }
        }
        #expect(throws: StoreError.self) {
            try store.write(user: "staff") { try $0.setCustomerCount(division: "head-office", period: "2026-01", customers: -1) }
        }
        try store.write(user: "staff") { try $0.setCustomerCount(division: "head-office", period: "2026-01", customers: 10) }
        try store.write(user: "staff") { try $0.setCustomerCount(division: "head-office", period: "2026-01", customers: 2_500) }
        // The later write of the same month wins.
        #expect(try store.customerCounts() == [CustomerCount(division: "head-office", period: "2026-01", customers: 2_500)])
    }
}
