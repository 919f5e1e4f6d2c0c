import Foundation
import RedressModel
import RedressStore
import Testing

@Suite struct LifecycleTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()
    let store: RedressStore

    init() throws {
        store = try RedressStore.create(at: directory.url, division: "retail", nodeName: "branch", user: "ann", configuration: clock.configuration)
    }

    @Test func aComplaintWalksThroughItsLifecycleAndEveryStageChangeIsAttributed() throws {
        // Given a new complaint
        let id = try store.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) }
        // When it is acknowledged, assessed, investigated, answered and closed
        for step in [LifecycleStep.acknowledge, .assess, .investigate] {
            clock.advance(by: 60_000)
            try store.write(user: "bob") { try $0.take(step, on: id) }
        }
        try store.write(user: "bob") { try $0.take(.respond, on: id, .init(decision: "Refunded the fee", remedy: "refund", rootCause: "process", outcome: .upheld)) }
        try store.write(user: "cat") { try $0.take(.close, on: id, .init(csat: 4, nps: 9, firstContact: false)) }
        // Then it is closed with its outcome and a history of each step by whom and where
        let complaint = try store.complaint(id)
        #expect(complaint.stage == StageState(stage: .closed))
        #expect(complaint[.remedy] == "refund")
        #expect(complaint[.csat] == .integer(4))
        #expect(complaint[.nps] == .integer(9))
        #expect(complaint[.createdBy] == "ann")
        let stages = complaint.history.filter { $0.event.kind == .stage }
        #expect(stages.map { StageState(encoded: $0.event.toStage!)!.stage } == [.acknowledged, .assessed, .investigating, .responded, .closed])
        #expect(stages.map(\.event.user) == ["bob", "bob", "bob", "bob", "cat"])
        #expect(stages.allSatisfy { $0.node == store.node })
    }

    @Test func dueTimesFollowTheDivisionsPromisesAndOverdueListsBrokenOnes() throws {
        // Given a division that acknowledges within 24 h and responds within 5 days
        try store.write(user: "admin") { try $0.upsertDivision(code: "retail", name: "Retail", conduct: .init(acknowledgeWithinHours: 24, respondWithinDays: 5)) }
        let received = Int64(clock.now)
        let late = try store.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) }
        let acknowledged = try store.write(user: "ann") { try $0.createComplaint(Fixture.complaint(name: "Bo")) }
        try store.write(user: "ann") { try $0.take(.acknowledge, on: acknowledged) }
        let complaint = try store.complaint(late)
        #expect(complaint.ackDueAt == received + 24 * 3_600_000)
        #expect(complaint.respondDueAt == received + 5 * 86_400_000)

        // When 25 hours pass, only the unacknowledged one breaks a promise
        let after25h = received + 25 * 3_600_000
        #expect(try store.complaints(.init(overdueAt: after25h)).map(\.id) == [late])
        #expect(complaint.brokenPromises(now: after25h) == ["acknowledgement"])
        // When 6 days pass, both owe a response
        let after6d = received + 6 * 86_400_000
        #expect(Set(try store.complaints(.init(overdueAt: after6d)).map(\.id)) == [late, acknowledged])
        #expect(try store.complaint(acknowledged).brokenPromises(now: after6d) == ["response"])
    }

    @Test func reopeningRestartsTheResponsePromise() throws {
        let id = try store.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) }
        try store.write(user: "ann") { try $0.take(.close, on: id, .init(firstContact: true)) }
        clock.advance(by: 30 * 86_400_000)
        try store.write(user: "ann") { try $0.take(.reopen, on: id) }
        let complaint = try store.complaint(id)
        #expect(complaint.stage.name == "reopened")
        #expect(complaint.respondDueAt == Int64(clock.now) + 15 * 86_400_000)
        #expect(try store.complaints(.init(stage: "reopened")).map(\.id) == [id])
    }

    @Test func escalationClimbsToManagementAndReferralReachesExternalResolution() throws {
        let id = try store.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) }
        try store.write(user: "ann") { try $0.escalate(id) }
        try store.write(user: "ann") { try $0.escalate(id) }
        #expect(try store.complaint(id).level == 3)
        #expect(throws: StoreError.self) { try store.write(user: "ann") { try $0.escalate(id) } }
        try store.write(user: "ann") { try $0.take(.acknowledge, on: id) }
        try store.write(user: "ann") { try $0.take(.respond, on: id, .init(decision: "No fault found", remedy: "explanation", outcome: .notUpheld)) }
        try store.write(user: "ann") { try $0.take(.refer, on: id, .init(scheme: "Financial Ombudsman")) }
        let complaint = try store.complaint(id)
        #expect(complaint.level == 4)
        #expect(complaint.stage.stage == .referred)
        #expect(complaint[.scheme] == "Financial Ombudsman")
    }

    @Test func tagsCanBeAddedAndRemoved() throws {
        let id = try store.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) }
        try store.write(user: "ann") { try $0.tag(id, add: ["vip", "press"], remove: []) }
        try store.write(user: "ann") { try $0.tag(id, add: [], remove: ["press"]) }
        #expect(try store.complaint(id).tags == ["vip"])
    }
}
