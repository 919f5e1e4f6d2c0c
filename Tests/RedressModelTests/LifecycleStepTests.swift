import RedressModel
import Testing

@Suite struct LifecycleStepTests {
    @Test func theHappyPathReachesClosed() throws {
        var state = StageState()
        for step in [LifecycleStep.acknowledge, .assess, .investigate, .respond, .close] {
            state = try step.apply(to: state, complaint: "c")
        }
        #expect(state == StageState(generation: 0, stage: .closed))
    }

    @Test(arguments: LifecycleStep.allCases)
    func everyStepIsRefusedFromEveryStageItIsNotAllowedFrom(step: LifecycleStep) {
        for stage in Stage.allCases where !step.allowedFrom.contains(stage) {
            #expect(throws: LifecycleError.self) { try step.apply(to: StageState(stage: stage), complaint: "c") }
        }
    }

    @Test(arguments: LifecycleStep.allCases)
    func everyAllowedStepMovesUpTheLattice(step: LifecycleStep) throws {
        // Local steps only ever move a complaint up the merge lattice, so a
        // step can never be undone by merging with an older replica.
        for stage in step.allowedFrom {
            let before = StageState(generation: 2, stage: stage)
            #expect(try step.apply(to: before, complaint: "c") > before)
        }
    }

    @Test func reopenStartsANewGeneration() throws {
        let reopened = try LifecycleStep.reopen.apply(to: StageState(stage: .closed), complaint: "c")
        #expect(reopened == StageState(generation: 1, stage: .received))
        #expect(try LifecycleStep.acknowledge.apply(to: reopened, complaint: "c").generation == 1)
    }

    @Test func theRefusalNamesTheStageAndWhatIsAllowed() {
        let error = #expect(throws: LifecycleError.self) {
            try LifecycleStep.respond.apply(to: StageState(stage: .closed), complaint: "abc")
        }
        let message = error?.description ?? ""
        #expect(message.contains("abc"))
        #expect(message.contains("closed"))
        #expect(message.contains("acknowledged"))
    }

    @Test func promisesGiveDueTimes() {
        let conduct = CodeOfConduct(acknowledgeWithinHours: 48, respondWithinDays: 15)
        #expect(conduct.acknowledgementDue(receivedAt: 0) == 48 * 3_600_000)
        #expect(conduct.responseDue(from: 1_000) == 1_000 + 15 * 86_400_000)
    }
}
