import Foundation
import RedressModel
import RedressStore
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
}
