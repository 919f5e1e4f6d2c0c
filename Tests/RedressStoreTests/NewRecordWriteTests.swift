import Foundation
import RedressModel
import RedressStore
import Testing

/// `createComplaint` inserts without reading the record first (the id is
/// almost always new); when the id exists after all, the write must merge by
/// the rules exactly as any other write does.
@Suite struct NewRecordWriteTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    func makeStore(_ name: String) throws -> RedressStore {
        try RedressStore.create(at: directory.subdirectory(name), division: "retail", nodeName: name, user: "ann",
                                configuration: clock.configuration)
    }

    @Test func creatingAnExistingIdMergesAndKeepsTheErasure() throws {
        // Given a complaint made and erased on node b, and known to node a
        let a = try makeStore("a"), b = try makeStore("b")
        let id = try b.write(user: "bo") { tx in try tx.createComplaint(Fixture.complaint(name: "Ada Moss", description: "first")) }
        try b.write(user: "bo") { tx in try tx.erasePersonalData(id) }
        try Fixture.sync(from: b, to: a)

        // When node a creates a complaint with the same id (an import replayed, say)
        clock.advance(by: 1_000)
        try a.write(user: "ann") { tx in
            try tx.createComplaint(Fixture.complaint(name: "Ada Moss", category: "delay", description: "second"), id: id)
        }

        // Then the newer plain fields win, the erasure still blanks the personal ones
        let merged = try a.complaint(id)
        #expect(merged[.category].text == "delay")
        #expect(merged.isErased)
        #expect(merged[.description].isNull && merged[.complainantName].isNull)
        // And both nodes converge on it
        try Fixture.sync(from: a, to: b)
        #expect(try a.digest() == b.digest())
        // And the refused personal text never reached node a's files
        try a.checkpoint()
        #expect(try Fixture.filesContain("Ada Moss", in: directory.subdirectory("a")).isEmpty)
    }

    @Test func aNewComplaintIsStampedLikeAnyOtherWrite() throws {
        // Given a complaint created on a, and a later change to one field on b
        let a = try makeStore("a"), b = try makeStore("b")
        let id = try a.write(user: "ann") { tx in try tx.createComplaint(Fixture.complaint()) }
        try Fixture.sync(from: a, to: b)
        clock.advance(by: 1_000)
        try b.write(user: "bo") { tx in try tx.assign(id, to: "kim") }

        // When they sync both ways
        try Fixture.sync(from: b, to: a)
        try Fixture.sync(from: a, to: b)

        // Then both hold b's newer assignee and the same state: the creation's stamps merge like any others
        #expect(try a.complaint(id)[.assignee].text == "kim")
        #expect(try a.digest() == b.digest())
        #expect(try a.versionVector() == b.versionVector())
    }
}
