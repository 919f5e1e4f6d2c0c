import Foundation
import RedressModel
@_spi(Testing) import RedressStore
import Testing

/// `complaintCount` (what `serve` prints at start) counts in SQL what
/// `complaints` lists and what the model calls open and overdue.
@Suite struct ComplaintCountTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    @Test func countsAgreeWithTheListAndTheModel() throws {
        let store = try RedressStore.create(at: directory.subdirectory("a"), division: "retail", nodeName: "a", user: "ann",
                                            configuration: clock.configuration)
        var ids: [ComplaintID] = []
        for n in 0..<12 {
            clock.advance(by: 3_600_000)
            let id = try store.write(user: "ann") { tx in
                try tx.createComplaint(Fixture.complaint(category: n % 3 == 0 ? "delay" : "fees"))
            }
            ids.append(id)
            try store.write(user: "ann") { tx in
                if n % 2 == 0 { try tx.take(.acknowledge, on: id) }
                if n % 4 == 0 { try tx.take(.close, on: id) }
                if n == 5 { try tx.take(.withdraw, on: id) }
            }
        }
        // Three days on: past the 48-hour acknowledgement promise of every complaint still unacknowledged.
        let now = Int64(clock.configuration.wallClock()) + 3 * 86_400_000
        let everything = try store.complaints()
        let modelOpen = everything.filter { $0.stage.stage.isOpen }.count
        let modelOverdue = everything.filter { !$0.brokenPromises(now: now).isEmpty }.count
        #expect(try store.complaintCount() == 12)
        #expect(try store.complaintCount(ComplaintQuery(stage: "open")) == modelOpen)
        #expect(try store.complaintCount(ComplaintQuery(overdueAt: now)) == modelOverdue)
        #expect(modelOverdue > 0 && modelOverdue <= modelOpen)
        for query in [ComplaintQuery(category: "delay"), ComplaintQuery(stage: "closed"), ComplaintQuery(stage: "withdrawn"),
                      ComplaintQuery(division: "retail"), ComplaintQuery(division: "other")] {
            #expect(try store.complaintCount(query) == store.complaints(query).count)
        }
        #expect(throws: StoreError.self) { try store.complaintCount(ComplaintQuery(stage: "lost")) }
    }

    /// The inbox's queues as `complaintCounts` takes them (RedressNode's
    /// `InboxQueue`, which this module does not see), asked at `now`; "due
    /// today" ends at the next midnight (UTC here).
    static func queues(at now: Int64, division: String) -> [ComplaintQuery] {
        let endOfDay = (now / 86_400_000 + 1) * 86_400_000
        return [ComplaintQuery(stage: "open", assignee: "ann", division: division),
         ComplaintQuery(stage: "open", unassigned: true, division: division),
         ComplaintQuery(dueIn: now..<max(now + 1, endOfDay), division: division),
         ComplaintQuery(overdueAt: now, division: division),
         ComplaintQuery(levels: 2...3, division: division),
         ComplaintQuery(stage: "open", division: division)]
    }

    /// Each queue counted alone, without the cache, within the open complaints of the division.
    static func expected(_ store: RedressStore, at now: Int64, division: String) throws -> [Int] {
        try queues(at: now, division: division).map { query in
            var query = query
            query.stage = query.stage ?? "open"
            return try store.complaintCount(query)
        }
    }

    /// The kept counts are always those a fresh count gives: random writes
    /// (new complaints, steps, assignments, escalations, holds) and random
    /// moments, forwards past due times and backwards, with repeats.
    @Test func keptQueueCountsAlwaysEqualAFreshCount() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["REDRESS_TEST_SEED"] ?? "") ?? 20261203
        print("keptQueueCountsAlwaysEqualAFreshCount seed \(seed) (REDRESS_TEST_SEED)")
        var random = SplitMix64(seed: seed)
        let store = try RedressStore.create(at: directory.subdirectory("a"), division: "retail", nodeName: "a", user: "ann",
                                            configuration: clock.configuration)
        var ids: [ComplaintID] = []
        var moment = Int64(clock.now)
        var hits = 0
        for step in 0..<300 {
            switch random.next() % 10 {
            case 0, 1:
                clock.advance(by: random.next() % 7_200_000)
                ids.append(try store.write(user: "ann") { tx in try tx.createComplaint(Fixture.complaint()) })
            case 2 where !ids.isEmpty:
                let id = ids[Int(random.next() % UInt64(ids.count))]
                let steps: [LifecycleStep] = [.acknowledge, .respond, .close, .reopen, .withdraw]
                try? store.write(user: "ann") { tx in try tx.take(steps[Int(random.next() % UInt64(steps.count))], on: id) }
            case 3 where !ids.isEmpty:
                let id = ids[Int(random.next() % UInt64(ids.count))]
                try? store.write(user: "ann") { tx in
                    switch random.next() % 4 {
                    case 0: try tx.assign(id, to: "ann")
                    case 1: try tx.escalate(id)
                    case 2: try tx.hold(id, reason: "waiting")
                    default: try tx.resume(id)
                    }
                }
            case 4:
                // Anywhere from a day before the clock to four days after it,
                // back in time too: never answered from counts made later.
                moment = Int64(clock.now) - 86_400_000 + Int64(random.next() % (5 * 86_400_000))
            default:
                // On by up to two hours: across the due times of the complaints near it.
                moment += Int64(random.next() % 7_200_000)
            }
            for _ in 0..<(1 + random.next() % 2) {
                let counts = try store.complaintCounts(Self.queues(at: moment, division: "retail"),
                                                       within: ComplaintQuery(stage: "open", division: "retail"))
                let fresh = try Self.expected(store, at: moment, division: "retail")
                #expect(counts == fresh, "step \(step), moment \(moment): kept \(counts), fresh \(fresh)")
                if counts == fresh { hits += 1 }
            }
        }
        #expect(ids.count > 20 && hits > 300)
        // The cache answered often enough for the comparison to mean something.
        print("kept counts used \(store.keptCountsUsed) times")
        #expect(store.keptCountsUsed > 50)
    }

    /// Another process's write (a `redress` command while `serve` runs)
    /// shows in the next counts, though it bypassed this store's own commits.
    @Test func anotherProcesssWriteShowsInTheNextCounts() throws {
        let folder = directory.subdirectory("a")
        let store = try RedressStore.create(at: folder, division: "retail", nodeName: "a", user: "ann", configuration: clock.configuration)
        let now = Int64(clock.now)
        let scope = ComplaintQuery(stage: "open", division: "retail")
        #expect(try store.complaintCounts(Self.queues(at: now, division: "retail"), within: scope).last == 0)
        let other = try RedressStore.open(at: folder, configuration: clock.configuration)
        _ = try other.write(user: "ann") { tx in try tx.createComplaint(Fixture.complaint()) }
        #expect(try store.complaintCounts(Self.queues(at: now, division: "retail"), within: scope).last == 1)
    }
}
