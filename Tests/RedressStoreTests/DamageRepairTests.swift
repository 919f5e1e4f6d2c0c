import Foundation
import RedressModel
import RedressStore
import Testing

/// Damage to a store's file is found, is never sent to a peer, and heals from
/// a peer at the next sync (issue 12, "Corruption is detected, never spreads").
@Suite struct DamageRepairTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    func makeStore(_ name: String, division: String = "retail") throws -> RedressStore {
        try RedressStore.create(at: directory.subdirectory(name), division: division, nodeName: name, user: "ann",
                                configuration: clock.configuration)
    }

    func reopen(_ name: String) throws -> RedressStore {
        try RedressStore.open(at: directory.subdirectory(name), configuration: clock.configuration)
    }

    /// Replaces `from` by `to` (same length) in the bytes of a store's database
    /// file, as a failing disk would: SQLite's structure stays valid, a value changes.
    func flip(_ from: String, to: String, inStore name: String) throws {
        precondition(from.utf8.count == to.utf8.count)
        let url = directory.subdirectory(name).appendingPathComponent(RedressStore.databaseFileName)
        var bytes = try Data(contentsOf: url)
        let range = try #require(bytes.range(of: Data(from.utf8)), "\(from) is not in the database file")
        bytes.replaceSubrange(range, with: Data(to.utf8))
        try bytes.write(to: url)
    }

    /// Every kind of write (creation, steps, notes, tags added and removed,
    /// holidays, a retired taxon, an erasure, a peer's batch) leaves checksums that hold.
    @Test func everyWritePathKeepsItsChecksums() throws {
        let a = try makeStore("a"), b = try makeStore("b", division: "online")
        let id = try a.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) }
        let erased = try a.write(user: "ann") { try $0.createComplaint(Fixture.complaint(name: "Bo Erased")) }
        try a.write(user: "ann") { tx in
            try tx.take(.acknowledge, on: id)
            try tx.note(id, text: "Called the customer")
            try tx.addTag("urgent", complaint: id)
            try tx.addTag("later", complaint: id)
        }
        try a.write(user: "ann") { tx in
            try tx.removeTag("later", complaint: id)
            try tx.setHolidays(of: "retail", add: [LocalDate(year: 2026, month: 12, day: 25)!], remove: [])
            try tx.retireTaxon(.category, code: "staff")  // an UPDATE that brings its checksum, and a reference note
            try tx.note(erased, text: "Bo called")
            try tx.erasePersonalData(erased)
        }
        _ = try b.write(user: "bob") { try $0.createComplaint(Fixture.complaint(category: "service")) }
        try Fixture.sync(from: a, to: b)
        try Fixture.sync(from: b, to: a)
        for store in [a, b] {
            let report = try store.check()
            #expect(report.isHealthy, "\(report)")
            #expect(report.damagedRecords.isEmpty)
            #expect(report.recordsChecked > 20)
        }
        #expect(try a.digest() == b.digest())
    }

    /// A value changed in the file is found by the check, is not sent to a
    /// new peer, and comes back from a peer that has it.
    @Test func aDamagedRecordIsNotSentAndComesBackFromAPeer() throws {
        var a: RedressStore? = try makeStore("a")
        let b = try makeStore("b")
        let c = try makeStore("c")
        let id = try a!.write(user: "ann") {
            try $0.createComplaint(NewComplaint(channel: "email", complainant: .init(name: "Ada"), product: "Zephyrine widget 4711",
                                                category: "fees", description: "Charged twice"))
        }
        _ = try a!.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) }
        try Fixture.sync(from: a!, to: b)
        let healthy = try b.digest()
        try a!.checkpoint()
        a = nil

        try flip("Zephyrine widget 4711", to: "Zephyrine widget 4712", inStore: "a")
        let damaged = try reopen("a")
        // Read for a peer: the damaged record is not sent, and not claimed as sent.
        try Fixture.sync(from: damaged, to: c)
        #expect(throws: StoreError.unknownComplaint(id.description)) { try c.complaint(id) }
        #expect(try c.versionVector()[damaged.node] < b.versionVector()[damaged.node])
        // Reading it for the peer set it aside: the check confirms nothing is left damaged.
        #expect(try damaged.check().isHealthy)
        #expect(throws: StoreError.unknownComplaint(id.description)) { try damaged.complaint(id) }
        #expect(try damaged.versionVector()[damaged.node] < b.versionVector()[damaged.node])

        // A peer that has it sends it again; then the repaired node passes it on.
        try Fixture.sync(from: b, to: damaged)
        #expect(try damaged.complaint(id)[.product].text == "Zephyrine widget 4711")
        #expect(try damaged.digest() == healthy)
        #expect(try damaged.versionVector() == b.versionVector())
        try Fixture.sync(from: damaged, to: c)
        #expect(try c.complaint(id)[.product].text == "Zephyrine widget 4711")
        let report = try damaged.check()
        #expect(report.isHealthy && report.awaitingRepair == 0, "\(report)")
    }

    /// The scrub (`check`) finds a damaged record before any peer asks for it.
    @Test func theCheckFindsADamagedValueAndNamesTheRecord() throws {
        var a: RedressStore? = try makeStore("a")
        let b = try makeStore("b")
        let id = try a!.write(user: "ann") {
            try $0.createComplaint(NewComplaint(channel: "email", complainant: .init(name: "Ada"), product: "Quintessa gadget 9001",
                                                category: "fees", description: "Charged twice"))
        }
        try Fixture.sync(from: a!, to: b)
        try a!.checkpoint()
        a = nil
        try flip("Quintessa gadget 9001", to: "Quintessa gadget 9002", inStore: "a")
        let damaged = try reopen("a")
        let report = try damaged.check()
        #expect(!report.isHealthy)
        #expect(report.sqliteProblems.isEmpty)
        #expect(report.damagedRecords.map(\.table) == ["complaint"])
        #expect(report.damagedRecords.map(\.label) == [id.description])
        #expect(report.awaitingRepair == 1)
        #expect(report.advice.contains("fetched again from a peer"))
        try Fixture.sync(from: b, to: damaged)
        #expect(try damaged.complaint(id)[.product].text == "Quintessa gadget 9001")
        #expect(try damaged.digest() == b.digest())
    }

    /// A file marked damaged is refused by every open with one message, until a
    /// check finds it sound and clears the mark.
    @Test func aStoreMarkedDamagedIsRefusedUntilACheckFindsItSound() throws {
        var a: RedressStore? = try makeStore("a")
        _ = try a!.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) }
        a = nil
        let marker = directory.subdirectory("a").appendingPathComponent(RedressStore.databaseFileName + ".damaged")
        try Data("SQLite: database disk image is malformed".utf8).write(to: marker)
        var refusal: StoreError?
        do { _ = try reopen("a") } catch let error as StoreError { refusal = error }
        guard case .damaged(_, let detail)? = refusal else {
            Issue.record("expected a refusal of the damaged store, got \(String(describing: refusal))")
            return
        }
        #expect(detail.contains("malformed"))
        #expect(refusal!.description.contains("redress check"))

        var configuration = clock.configuration
        configuration.opensDamagedStore = true
        let report = try RedressStore.open(at: directory.subdirectory("a"), configuration: configuration).check()
        #expect(report.isHealthy)
        #expect(!FileManager.default.fileExists(atPath: marker.path))
        #expect(try reopen("a").complaints().count == 1)
    }

    /// A page of the file overwritten with zeros: SQLite's check reports it,
    /// the store is marked, and later opens refuse it.
    @Test func aDamagedPageIsReportedAndMarked() throws {
        var a: RedressStore? = try makeStore("a")
        for index in 0..<300 {
            _ = try a!.write(user: "ann") { try $0.createComplaint(Fixture.complaint(name: "Customer \(index)")) }
        }
        try a!.checkpoint()
        a = nil
        let url = directory.subdirectory("a").appendingPathComponent(RedressStore.databaseFileName)
        var bytes = try Data(contentsOf: url)
        let pageSize = 4096
        #expect(bytes.count > 12 * pageSize)
        // A page in the middle: a table or index page, never the header.
        let page = bytes.count / pageSize / 2
        bytes.replaceSubrange(page * pageSize..<(page + 1) * pageSize, with: Data(repeating: 0x5A, count: pageSize))
        try bytes.write(to: url)

        var configuration = clock.configuration
        configuration.opensDamagedStore = true
        let report = try RedressStore.open(at: directory.subdirectory("a"), configuration: configuration).check()
        #expect(!report.sqliteProblems.isEmpty, "\(report)")
        #expect(report.advice.contains("rejoin"))
        var refusal: StoreError?
        do { _ = try reopen("a") } catch let error as StoreError { refusal = error }
        guard case .damaged? = refusal else {
            Issue.record("expected the damaged store to be refused, got \(String(describing: refusal))")
            return
        }
    }
}
