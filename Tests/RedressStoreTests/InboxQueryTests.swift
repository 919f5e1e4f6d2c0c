import Foundation
import RedressModel
import RedressStore
import Testing

/// The inbox's filters (`ComplaintQuery`'s due window, unassigned, levels,
/// channel, received range, newest-first paging) select in SQL exactly the
/// complaints the model's own reading of each complaint selects, over random
/// complaints and random steps.
@Suite struct InboxQueryTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    @Test(arguments: [11, 29, 4242])
    func eachFilterSelectsWhatTheModelSays(seed: UInt64) throws {
        print("InboxQueryTests seed \(seed)")
        var random = SplitMix64(seed: seed)
        let store = try RedressStore.create(at: directory.subdirectory("s\(seed)"), division: "retail", nodeName: "a", user: "ann",
                                            configuration: clock.configuration)
        let channels = ["phone", "email", "letter"]
        for _ in 0..<60 {
            clock.advance(by: UInt64(random.next() % 20 + 1) * 600_000)
            var input = Fixture.complaint()
            input.channel = channels[Int(random.next() % 3)]
            let id = try store.write(user: "ann") { tx in try tx.createComplaint(input) }
            try store.write(user: "ann") { tx in
                switch random.next() % 6 {
                case 0: try tx.take(.acknowledge, on: id)
                case 1: try tx.take(.acknowledge, on: id); try tx.take(.respond, on: id, .init(decision: "upheld", remedy: "refund", outcome: .upheld))
                case 2: try tx.take(.close, on: id)
                default: break
                }
                if random.next() % 3 == 0, tx.complaintIsOpen(id) { try tx.assign(id, to: "ann") }
                if random.next() % 4 == 0, tx.complaintIsOpen(id) { try tx.escalate(id) }
            }
        }
        let all = try store.complaints()
        let now = Int64(clock.configuration.wallClock()) + Int64(random.next() % 30) * 3_600_000
        let window = now..<(now + 36 * 3_600_000)
        let from = all[all.count / 3].receivedAt, before = all[2 * all.count / 3].receivedAt
        let cases: [(ComplaintQuery, (Complaint) -> Bool)] = [
            (ComplaintQuery(dueIn: window), { $0.owedPromises.contains { window.contains($0.due) } }),
            (ComplaintQuery(unassigned: true), { $0[.assignee].text == nil }),
            (ComplaintQuery(levels: 2...2), { $0.stage.stage.isOpen && $0.level == 2 }),
            (ComplaintQuery(channel: "letter"), { $0[.channel].text == "letter" }),
            (ComplaintQuery(receivedFrom: from, receivedBefore: before), { $0.receivedAt >= from && $0.receivedAt < before }),
            (ComplaintQuery(overdueAt: now), { !$0.brokenPromises(now: now).isEmpty }),
        ]
        for (query, predicate) in cases {
            let expected = Set(all.filter(predicate).map(\.id))
            #expect(Set(try store.complaints(query).map(\.id)) == expected, "seed \(seed): \(query)")
            #expect(try store.complaintCount(query) == expected.count)
        }
        // All of them in one pass, within everything and within the open complaints.
        let counts = try cases.map { try store.complaintCount($0.0) }
        #expect(try store.complaintCounts(cases.map(\.0), within: ComplaintQuery()) == counts)
        let open = ComplaintQuery(stage: "open")
        let openCounts = cases.map { query, predicate in all.filter { $0.stage.stage.isOpen && predicate($0) }.count }
        #expect(try store.complaintCounts(cases.map(\.0), within: open) == openCounts)
        // Newest first, a page at a time: every complaint once, in reverse order.
        var pages: [ComplaintID] = []
        var query = ComplaintQuery(limit: 7, newestFirst: true)
        while true {
            let page = try store.complaints(query)
            pages += page.map(\.id)
            guard page.count == 7, let last = page.last else { break }
            query.after = ComplaintCursor(after: last)
        }
        #expect(pages == all.reversed().map(\.id))
    }
}

extension LocalTransaction {
    func complaintIsOpen(_ id: ComplaintID) -> Bool { ((try? complaint(id))?.stage.stage.isOpen) ?? false }
}
