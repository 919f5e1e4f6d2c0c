import Foundation
import RedressModel
import RedressStore
import Testing

/// History that reads true (issues 12 and 15): each entry carries when its
/// event happened, which history shows, while the change's hybrid stamp
/// stays the merge order.
@Suite struct EventTimeTests {
    /// A node whose hybrid clock a fast peer dragged forward still shows
    /// its own wall time for what it writes, on itself and on its peers.
    @Test func historyShowsTheWallTimeNotAStampDraggedForwardByAFastPeer() throws {
        let directory = TemporaryDirectory()
        let correct = ManualClock(1_800_000_000_000), fast = ManualClock(1_800_000_000_000 + 40_000)
        let here = try RedressStore.create(at: directory.subdirectory("here"), division: "retail", nodeName: "here", user: "ann",
                                           configuration: correct.configuration)
        let ahead = try RedressStore.create(at: directory.subdirectory("ahead"), division: "retail", nodeName: "ahead", user: "bob",
                                            configuration: fast.configuration)
        let id = try ahead.write(user: "bob") { try $0.createComplaint(Fixture.complaint()) }
        try Fixture.sync(from: ahead, to: here)
        try here.write(user: "ann") { try $0.note(id, text: "called back") }

        let note = try #require(try here.complaint(id).history.first { $0.event.kind == .note })
        #expect(note.time.millis >= fast.now, "the stamp was dragged to the fast peer's time (the merge order)")
        #expect(note.event.at == Int64(correct.now))
        #expect(note.occurredAt == Int64(correct.now), "history shows when it happened here, not the dragged stamp")

        try Fixture.sync(from: here, to: ahead)
        let relayed = try #require(try ahead.complaint(id).history.first { $0.event.kind == .note })
        #expect(relayed.occurredAt == Int64(correct.now), "the event's time travels with it")
        #expect(try here.digest() == ahead.digest())
    }

    /// Every entry a transaction writes takes that transaction's wall time,
    /// including one written "at" an earlier time (sample data, imports).
    @Test func entriesWrittenAtAnEarlierTimeCarryThatTime() throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock()
        let store = try RedressStore.create(at: directory.subdirectory("n"), division: "retail", nodeName: "n", user: "ann",
                                            configuration: clock.configuration)
        let received = Int64(clock.now) - 30 * 86_400_000, acknowledged = received + 86_400_000
        var input = Fixture.complaint()
        input.receivedAt = received
        let id = try store.write(user: "ann", at: received) { try $0.createComplaint(input) }
        try store.write(user: "ann", at: acknowledged) { try $0.take(.acknowledge, on: id) }
        let entry = try #require(try store.complaint(id).history.last)
        #expect(entry.occurredAt == acknowledged)
    }

    /// A copy of an event without its time (relayed by a node of an earlier
    /// version) converges with the writer's: the time is filled in whichever
    /// copy comes first, once the node fetches again. The digest leaves the
    /// time out, so that nodes of earlier versions agree with this one.
    @Test func aCopyWithoutItsTimeIsFilledInAndConverges() throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock()
        func store(_ name: String) throws -> RedressStore {
            try RedressStore.create(at: directory.subdirectory(name), division: "retail", nodeName: name, user: "ann",
                                    configuration: clock.configuration)
        }
        let writer = try store("writer")
        let id = try writer.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) }
        clock.advance(by: 60_000)
        try writer.write(user: "ann") { try $0.note(id, text: "called back") }
        let batch = try writer.changes(after: VersionVector())
        var stripped = batch
        stripped.changes = batch.changes.map { change in
            guard case .event(var event) = change.payload else { return change }
            event.at = nil
            return Change(origin: change.origin, counter: change.counter, time: change.time, payload: .event(event))
        }
        #expect(stripped != batch, "the batch has events whose time is stripped")

        let late = try store("late")
        try late.apply(stripped)
        #expect(try late.digest() == writer.digest(), "an earlier version's digest of the same state")
        #expect(try late.complaint(id).history.contains { $0.event.at == nil })
        try late.refetchEverything(reason: "test")
        try late.apply(batch)
        let filled = try late.complaint(id).history
        #expect(filled.allSatisfy { $0.event.at != nil })
        #expect(filled.map(\.occurredAt) == (try writer.complaint(id).history.map(\.occurredAt)))

        let early = try store("early")
        try early.apply(batch)
        try early.refetchEverything(reason: "test")
        try early.apply(stripped)
        #expect(try early.complaint(id).history.map(\.event.at) == (try writer.complaint(id).history.map(\.event.at)),
                "a copy without the time never removes it")
        #expect(try early.check().damagedRecords.isEmpty, "the filled-in rows' checksums hold")
    }
}
