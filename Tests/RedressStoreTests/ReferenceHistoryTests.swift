import Foundation
import RedressModel
import RedressStore
import Testing

/// The reference history: every change to a division or a taxonomy entry is
/// noted, by whom, when and how, in the transaction that makes it, and the
/// notes replicate like any record (written once, so merging is trivial).
@Suite struct ReferenceHistoryTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock(1_800_036_000_000)

    @Test func eachChangeIsNotedOnceWithWhoAndHowAndReachesEveryPeer() throws {
        let hq = try RedressStore.create(at: directory.subdirectory("hq"), division: "hq", nodeName: "hq", user: "setup", configuration: clock.configuration)
        let branch = try RedressStore.create(at: directory.subdirectory("branch"), division: "retail", nodeName: "branch", user: "setup",
                                             configuration: clock.configuration)
        try hq.write(user: "ann") { tx in try tx.upsertDivision(code: "retail", name: "Retail", conduct: .default) }
        clock.advance(by: 1_000)
        try hq.write(user: "ann") { tx in
            try tx.upsertDivision(code: "retail", name: "Retail banking", conduct: CodeOfConduct(
                acknowledge: try PromiseDuration(parsing: "2 working days"), respond: .init(amount: 15, unit: .days),
                supervisorRespond: try PromiseDuration(parsing: "5 working days"), calendar: .standard))
        }
        clock.advance(by: 1_000)
        try hq.write(user: "bob") { tx in
            try tx.setHolidays(of: "retail", add: [LocalDate("2027-01-01")!, LocalDate("2027-01-02")!], remove: [LocalDate("2027-03-01")!])
            try tx.saveTaxon(.product, code: "mortgage", label: "Mortgage")
            try tx.saveTaxon(.product, code: "mortgage", label: "Mortgage")  // the same label again: no change
            try tx.retireTaxon(.category, code: "staff")
            try tx.retireTaxon(.category, code: "staff")  // already retired: no change
        }
        let summaries = try hq.referenceChanges(under: "division/retail").map { "\($0.user): \($0.summary)" }
        #expect(summaries == [
            "bob: holidays added: 2027-01-01, 2027-01-02",
            "ann: name: Retail → Retail banking; acknowledge: 48 hours → 2 working days; respond at supervisor level: none → 5 working days",
            "ann: created as \"Retail\"; acknowledge: 48 hours; respond: 15 days; working mon-fri 09:00-17:00 \(WorkingCalendar.standard.timeZone.identifier)",
        ])
        #expect(try hq.referenceChanges(under: "taxonomy").map(\.summary) == ["retired", "added as \"Mortgage\""])
        #expect(try hq.referenceChanges(under: "taxonomy/category").map(\.subject) == [.taxon(.category, "staff")])
        // "division/retail" is not under "division/ret".
        #expect(try hq.referenceChanges(under: "division/ret").isEmpty)

        try Fixture.sync(from: hq, to: branch)
        try Fixture.sync(from: branch, to: hq)
        // A store's own division is a default, noted by no one: the branch has only hq's notes.
        let atBranch = try branch.referenceChanges()
        #expect(atBranch == (try hq.referenceChanges()))
        #expect(atBranch.count == 5 && atBranch.allSatisfy { $0.node == hq.node }, "retail's creation and change, its holidays, two taxonomy")
        #expect(try branch.digest() == hq.digest())
        // Syncing again changes nothing: each note is one record, written once.
        #expect(try Fixture.sync(from: hq, to: branch) == 0)
    }

    @Test func defaultsThatYieldAreNoOnesChange() throws {
        let store = try RedressStore.create(at: directory.subdirectory("node"), division: "retail", nodeName: "n", user: "setup",
                                            configuration: clock.configuration)
        let before = try store.referenceChanges().count
        try store.write(user: "seed", at: 0) { tx in try tx.upsertDivision(code: "east", name: "East", conduct: .default) }
        #expect(try store.referenceChanges().count == before)
        try store.write(user: "admin") { tx in try tx.upsertDivision(code: "west", name: "West", conduct: .default) }
        #expect(try store.referenceChanges().count == before + 1)
    }
}
