import Foundation
import RedressModel
@_spi(Testing) import RedressStore
import Testing

/// Erasure of personal data: gone from every file of every replica, for good.
@Suite struct ErasureTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    func makeStore(_ name: String) throws -> RedressStore {
        try RedressStore.create(at: directory.subdirectory(name), division: "retail", nodeName: name, user: name, configuration: clock.configuration)
    }

    @Test func erasureLeavesNoTraceInAnyFileOfTheDataFolder() throws {
        // Given a complaint whose personal data is in the record, its history, and
        // already checkpointed into the main database file
        let store = try makeStore("a")
        let name = "Zebulon Quixotic-Vandermeer"
        let contact = "zq.vandermeer@example.org"
        let story = "Zebulon says the branch in Upper Wallop lost his passport"
        let id = try store.write(user: "ann") { try $0.createComplaint(Fixture.complaint(name: name, contact: contact, description: story)) }
        try store.write(user: "ann") { try $0.note(id, text: "Called \(name) on his mobile") }
        try store.write(user: "ann") { try $0.take(.acknowledge, on: id) }
        try store.checkpoint()
        for _ in 0..<30 { try store.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) } }
        // The personal data is on disk only sealed: the store reads it, no file holds its text.
        #expect(try store.complaint(id)[.complainantName].text == name)
        for secret in [name, contact, story, "Zebulon"] {
            #expect(try Fixture.filesContain(secret, in: store.directory) == [], "\(secret) is on disk in plain text")
        }
        let sealed = try store.storedPersonalValues(of: id)
        #expect(sealed.count == 4 && sealed.allSatisfy { $0.hasPrefix("rs1:") })
        for value in sealed { #expect(try !Fixture.filesContain(value, in: store.directory).isEmpty) }

        // When it is erased
        try store.write(user: "ann") { try $0.erasePersonalData(id) }
        try store.checkpoint()

        // Then no file holds any of it, sealed or not, and the rest of the record remains
        #expect(try store.storedPersonalValues(of: id) == [])
        for secret in [name, contact, story, "Zebulon"] + sealed {
            #expect(try Fixture.filesContain(secret, in: store.directory) == [], "\(secret) is still on disk")
        }
        let complaint = try store.complaint(id)
        #expect(complaint.isErased)
        #expect(complaint[.complainantName] == .null)
        #expect(complaint[.category] == "fees")
        #expect(complaint.stage.stage == .acknowledged)
        #expect(complaint.history.filter { $0.event.kind == .note }.allSatisfy { $0.event.text == nil })
    }

    @Test func erasureReachesEveryReplicaAndBeatsConcurrentAndLaterWrites() throws {
        // Given three replicas that all hold a complaint
        let a = try makeStore("a"), b = try makeStore("b"), c = try makeStore("c")
        let name = "Philippa Xanthopoulou"
        let id = try a.write(user: "ann") { try $0.createComplaint(Fixture.complaint(name: name)) }
        for peer in [b, c] { try Fixture.sync(from: a, to: peer) }
        let sealed = try a.storedPersonalValues(of: id)
        #expect(try sealed.allSatisfy { try !Fixture.filesContain($0, in: c.directory).isEmpty }, "c holds the sealed values")
        // When a erases it while c, not knowing, corrects the name and adds a note
        try a.write(user: "ann") { try $0.erasePersonalData(id) }
        clock.advance(by: 1_000)
        try c.write(user: "cy") { tx in
            try tx.write(key: id.description, [ComplaintField.complainantName: .text(name + " Jr")])
            try tx.note(id, text: "Spoke to \(name) again")
        }
        // And the erasure travels a → b → c while c's writes travel c → b → a
        for (from, to) in [(a, b), (c, b), (b, c), (b, a), (a, b), (c, a)] { try Fixture.sync(from: from, to: to) }
        // Then every replica converges with the personal data gone from its files
        let digests = try Set([a, b, c].map { try $0.digest() })
        #expect(digests.count == 1)
        for store in [a, b, c] {
            #expect(try store.complaint(id)[.complainantName] == .null)
            #expect(try Fixture.filesContain("Xanthopoulou", in: store.directory) == [], "\(store.nodeName) still holds the name")
            for value in sealed {
                #expect(try Fixture.filesContain(value, in: store.directory) == [], "\(store.nodeName) still holds a sealed value")
            }
        }
    }
}
