import Foundation
import RedressModel
import RedressStore
import Testing

/// Due times in working time, holds that stop the response clock, outcomes
/// and redress paid, as the store writes and merges them.
@Suite struct PromiseTests {
    let directory = TemporaryDirectory()
    /// Friday 2027-01-15 18:00 UTC: after working hours.
    let clock = ManualClock(1_800_036_000_000)
    let store: RedressStore
    static let hour: Int64 = 3_600_000

    init() throws {
        store = try RedressStore.create(at: directory.url, division: "retail", nodeName: "branch", user: "ann", configuration: clock.configuration)
        try store.write(user: "admin") {
            try $0.upsertDivision(code: "retail", name: "Retail", conduct: CodeOfConduct(
                acknowledge: try PromiseDuration(parsing: "2 working days"), respond: try PromiseDuration(parsing: "3 working days"),
                supervisorRespond: try PromiseDuration(parsing: "1 working day"), calendar: .standard))
        }
    }

    private func record() throws -> ComplaintID {
        try store.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) }
    }

    @Test func aComplaintReceivedOnFridayEveningIsDueInWorkingDays() throws {
        let id = try record()
        let complaint = try store.complaint(id)
        // The clock starts on Monday 09:00; two working days end on Tuesday 17:00.
        #expect(complaint.ackDueAt == 1_800_378_000_000)
        // Three working days end on Wednesday 17:00.
        #expect(complaint.respondDueAt == 1_800_378_000_000 + 24 * Self.hour)
        #expect(complaint.respondPromise == (try PromiseDuration(parsing: "3 working days")))
    }

    @Test func aHolidayMovesTheDueTimeOfComplaintsReceivedAfterIt() throws {
        try store.write(user: "admin") { try $0.setHolidays(of: "retail", add: [LocalDate("2027-01-18")!], remove: []) }
        let id = try record()
        // Monday is a holiday: Tuesday 09:00 to Wednesday 17:00.
        #expect(try store.complaint(id).ackDueAt == 1_800_378_000_000 + 24 * Self.hour)
        // Removed again, the next complaint is due on Tuesday as before.
        try store.write(user: "admin") { try $0.setHolidays(of: "retail", add: [], remove: [LocalDate("2027-01-18")!]) }
        #expect(try store.complaint(try record()).ackDueAt == 1_800_378_000_000)
    }

    @Test func aPromiseChangeAppliesToComplaintsReceivedFromThenOn() throws {
        let before = try record()
        try store.write(user: "admin") { try $0.upsertDivision(code: "retail", name: "Retail", conduct: CodeOfConduct(acknowledgeWithinHours: 1, respondWithinDays: 1)) }
        let after = try record()
        #expect(try store.complaint(before).ackDueAt == 1_800_378_000_000)
        #expect(try store.complaint(after).ackDueAt == Int64(clock.now) + Self.hour)
        #expect(try store.complaint(after).respondPromise?.description == "1 day")
    }

    @Test func aHoldStopsTheResponseClockAndResumingMovesTheDueTime() throws {
        let id = try record()
        // Monday 10:00: acknowledged; the response is due on Wednesday 17:00.
        clock.advance(by: UInt64(64 * Self.hour))
        try store.write(user: "ann") { try $0.take(.acknowledge, on: id) }
        let due = try #require(try store.complaint(id).respondDueAt)
        // Monday 11:00: on hold, awaiting a bank statement; it owes no response while it waits.
        clock.advance(by: UInt64(Self.hour))
        let heldAt = Int64(clock.now)
        try store.write(user: "ann") { try $0.hold(id, reason: "awaiting bank statement") }
        var complaint = try store.complaint(id)
        #expect(complaint.isOnHold)
        #expect(complaint.heldSince == heldAt)
        #expect(complaint.owedPromises.isEmpty)
        #expect(try store.complaints(.init(overdueAt: due + 100 * Self.hour)).isEmpty)
        // A second hold, and a resume without a hold, are refused.
        #expect(throws: StoreError.self) { try store.write(user: "ann") { try $0.hold(id, reason: "again") } }
        // Thursday 11:00 (three working days later): resumed; the due time moves by three working days.
        clock.advance(by: UInt64(72 * Self.hour))
        try store.write(user: "bob") { try $0.resume(id) }
        complaint = try store.complaint(id)
        #expect(!complaint.isOnHold)
        #expect(complaint.respondDueAt == due + 72 * Self.hour + 48 * Self.hour)  // Wed 17:00 + 3 working days = Mon 17:00
        #expect(throws: StoreError.self) { try store.write(user: "ann") { try $0.resume(id) } }
        // The history shows both, the reason with the hold.
        let holds = complaint.history.filter { [.hold, .resume].contains($0.event.kind) }
        #expect(holds.map(\.event.kind) == [.hold, .resume])
        #expect(holds.first?.event.text == "awaiting bank statement")
        #expect(holds.map(\.event.user) == ["ann", "bob"])
    }

    @Test func onlyAnAcknowledgedOpenComplaintCanBePutOnHold() throws {
        let id = try record()
        #expect(throws: StoreError.self) { try store.write(user: "ann") { try $0.hold(id, reason: "too early") } }
        try store.write(user: "ann") { try $0.take(.acknowledge, on: id) }
        #expect(throws: StoreError.self) { try store.write(user: "ann") { try $0.hold(id, reason: "  ") } }
        try store.write(user: "ann") { try $0.hold(id, reason: "awaiting a photo") }
        // Answering it ends the hold; reopened, its clocks run again.
        try store.write(user: "ann") {
            try $0.take(.respond, on: id, .init(decision: "Replaced", remedy: "replacement", outcome: .upheld))
            try $0.take(.close, on: id)
            try $0.take(.reopen, on: id)
        }
        let complaint = try store.complaint(id)
        #expect(!complaint.isOnHold)
        #expect(complaint.owedPromises.map(\.promise) == ["response"])
    }

    @Test func theResponseRecordsItsOutcomeAndTheRedressPaid() throws {
        let id = try record()
        try store.write(user: "ann") { try $0.take(.acknowledge, on: id) }
        // Without an outcome the response is refused, naming the field.
        #expect(throws: StoreError.missingField("outcome")) {
            try store.write(user: "ann") { try $0.take(.respond, on: id, .init(decision: "Refunded", remedy: "refund")) }
        }
        #expect(try store.complaint(id).stage.stage == .acknowledged)
        let paid = try MoneyAmount(parsing: "50.00 GBP")
        try store.write(user: "ann") { try $0.take(.respond, on: id, .init(decision: "Refunded", remedy: "refund", outcome: .partlyUpheld, redress: paid)) }
        let complaint = try store.complaint(id)
        #expect(complaint.outcome == .partlyUpheld)
        #expect(complaint.redressPaid == paid)
        #expect(complaint[.redressMinor] == .integer(5_000))
    }

    @Test func amountsAndPromisesFromElsewhereAreCheckedNotTrusted() throws {
        let id = try record()
        try store.write(user: "ann") { try $0.take(.acknowledge, on: id) }
        // A library caller's negative or unknown-currency amount is refused.
        for amount in [MoneyAmount(minorUnits: -1, currency: "GBP"), MoneyAmount(minorUnits: 100, currency: "XYZ")] {
            #expect(throws: StoreError.self) {
                try store.write(user: "ann") { try $0.take(.respond, on: id, .init(decision: "x", remedy: "refund", outcome: .upheld, redress: amount)) }
            }
        }
        // A division record whose values no promise can have (a peer's, a damaged one) reads as the defaults, never a crash.
        try store.write(user: "peer") {
            try $0.write(key: "odd", [DivisionField.name: "Odd", .ackHours: .integer(0), .respondDays: .integer(-4),
                                                 .ackPromise: "soon", .timeZone: "Mars/Olympus", .workingHours: "25:00-26:00"])
        }
        let odd = try #require(try store.divisions().first { $0.code == "odd" }).conduct
        #expect(odd.acknowledge == CodeOfConduct.default.acknowledge && odd.respond == CodeOfConduct.default.respond)
        #expect(odd.calendar == WorkingCalendar.standard)
    }

    @Test func anEscalationLevelWithAPromiseGetsItsOwnDeadline() throws {
        let id = try record()
        clock.advance(by: UInt64(64 * Self.hour))  // Monday 10:00
        try store.write(user: "ann") { try $0.take(.acknowledge, on: id); try $0.escalate(id) }
        var complaint = try store.complaint(id)
        #expect(complaint.escalationDueAt == Int64(clock.now) + 24 * Self.hour)  // one working day: Tuesday 10:00
        #expect(complaint.owedPromises.map(\.promise) == ["escalation", "response"])
        // Management level has no promise of its own here: the deadline goes.
        try store.write(user: "ann") { try $0.escalate(id) }
        complaint = try store.complaint(id)
        #expect(complaint.escalationDueAt == nil)
    }

    @Test func concurrentHoldsAndResumesConvergeWhateverTheOrder() throws {
        let seed: UInt64 = ProcessInfo.processInfo.environment["REDRESS_TEST_SEED"].flatMap { UInt64($0) } ?? 20_261_202
        print("PromiseTests.concurrentHoldsAndResumesConvergeWhateverTheOrder seed \(seed)")
        var random = SplitMix64(seed: seed)
        for round in 0..<12 {
            let other = TemporaryDirectory()
            let otherClock = ManualClock(clock.now)
            let peer = try RedressStore.create(at: other.url, division: "retail", nodeName: "peer", user: "bo", configuration: otherClock.configuration)
            let id = try record()
            try store.write(user: "ann") { try $0.take(.acknowledge, on: id) }
            try Fixture.sync(from: store, to: peer)
            try Fixture.sync(from: peer, to: store)
            // Each side takes a random run of holds and resumes while apart.
            for (side, sideClock) in [(store, clock), (peer, otherClock)] {
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    sideClock.advance(by: UInt64.random(in: 1...(50 * UInt64(Self.hour)), using: &random))
                    let complaint = try side.complaint(id)
                    try side.write(user: "x") { tx in
                        if complaint.isOnHold { try tx.resume(id) } else { try tx.hold(id, reason: "waiting \(round)") }
                    }
                }
            }
            // The clocks meet again before the sides sync (a wrong clock is refused).
            if clock.now > otherClock.now { otherClock.advance(by: clock.now - otherClock.now) } else { clock.advance(by: otherClock.now - clock.now) }
            // Synced in either order, with duplicates, both read the same.
            if Bool.random(using: &random) {
                try Fixture.sync(from: store, to: peer); try Fixture.sync(from: peer, to: store)
            } else {
                try Fixture.sync(from: peer, to: store); try Fixture.sync(from: store, to: peer)
            }
            try Fixture.sync(from: store, to: peer)
            let here = try store.complaint(id), there = try peer.complaint(id)
            // The peer is not a node of the division: only its personal values read differently (sealed).
            let differing = RecordSchema.complaint.fields.filter { !$0.isPersonal && here.values[$0.index] != there.values[$0.index] }.map(\.column)
            #expect(differing.isEmpty, "round \(round): \(differing)")
            #expect(here.isOnHold == there.isOnHold)
            #expect(try store.digest() == (try peer.digest()), "round \(round)")
            // A due time never comes earlier than the promise made when it was received.
            #expect((here.respondDueAt ?? 0) >= 1_800_378_000_000 + 24 * Self.hour)
        }
    }
}
