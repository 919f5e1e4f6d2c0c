import Foundation
import GRDB
import RedressModel
import RedressStore
import Testing

/// Every refused input names what is wrong and changes nothing.
@Suite struct RefusalTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()
    let store: RedressStore
    let id: ComplaintID

    init() throws {
        store = try RedressStore.create(at: directory.url, division: "retail", nodeName: "branch", user: "ann", configuration: clock.configuration)
        id = try store.write(user: "ann") { try $0.createComplaint(Fixture.complaint()) }
    }

    /// Runs `body`, expects a `StoreError` whose message contains `words`, and checks the digest did not move.
    func expectRefusal(mentioning words: [String], _ body: () throws -> Void) throws {
        let before = try store.digest()
        let vector = try store.versionVector()
        var caught: StoreError?
        do { try body() } catch let error as StoreError { caught = error }
        let error = try #require(caught)
        for word in words { #expect(error.description.contains(word), "\(error) should mention \(word)") }
        #expect(try store.digest() == before)
        #expect(try store.versionVector() == vector)
    }

    @Test func respondingToAClosedComplaint() throws {
        try store.write(user: "ann") { try $0.take(.close, on: id) }
        try expectRefusal(mentioning: ["respond", "closed"]) {
            try store.write(user: "ann") { try $0.take(.respond, on: id, .init(decision: "x", remedy: "refund", outcome: .upheld)) }
        }
    }

    @Test func closingAnUnknownComplaint() throws {
        try expectRefusal(mentioning: ["no complaint", "0190aaaa"]) {
            try store.write(user: "ann") { try $0.take(.close, on: ComplaintID("0190aaaa-0000-7000-8000-000000000000")!) }
        }
    }

    @Test func anOutOfRangeSatisfactionScore() throws {
        try expectRefusal(mentioning: ["csat", "1 and 5"]) {
            try store.write(user: "ann") { try $0.take(.close, on: id, .init(csat: 7)) }
        }
        try expectRefusal(mentioning: ["nps", "0 and 10"]) {
            try store.write(user: "ann") { try $0.take(.close, on: id, .init(nps: 11)) }
        }
    }

    @Test func anUnknownChannelOrCategory() throws {
        try expectRefusal(mentioning: ["channel", "pigeon", "email"]) {
            try store.write(user: "ann") { _ = try $0.createComplaint(Fixture.complaint(channel: "pigeon")) }
        }
        try expectRefusal(mentioning: ["category", "weather"]) {
            try store.write(user: "ann") { _ = try $0.createComplaint(Fixture.complaint(category: "weather")) }
        }
    }

    @Test func aMissingComplainantNameWithoutEchoingPersonalData() throws {
        try expectRefusal(mentioning: ["complainant.name"]) {
            try store.write(user: "ann") { _ = try $0.createComplaint(Fixture.complaint(name: "  ")) }
        }
    }

    @Test func aFailedStepInsideATransactionRollsBackItsEarlierWrites() throws {
        // The first write of the transaction succeeds, the second is refused: neither lands.
        try expectRefusal(mentioning: ["respond"]) {
            try store.write(user: "ann") { tx in
                try tx.assign(id, to: "bob")
                try tx.take(.respond, on: id, .init(decision: "x", remedy: "refund", outcome: .upheld))
            }
        }
        #expect(try store.complaint(id)[.assignee] == .null)
    }

    @Test func initOnAnExistingStoreChangesNothing() throws {
        let before = try store.digest()
        #expect(throws: StoreError.alreadyInitialized(path: directory.url.path)) {
            _ = try RedressStore.create(at: directory.url, division: "other", nodeName: "x", user: "ann")
        }
        #expect(try RedressStore.open(at: directory.url).digest() == before)
    }

    @Test func aMissingStoreSaysHowToCreateOne() throws {
        let missing = directory.subdirectory("nowhere")
        do {
            _ = try RedressStore.open(at: missing)
            Issue.record("opened a store that does not exist")
        } catch {
            #expect(error == .notInitialized(path: missing.path))
            #expect(error.description.contains("redress init"))
        }
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test func aCorruptFileIsReportedNotCrashedOn() throws {
        let folder = directory.subdirectory("corrupt")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try garbage.write(to: folder.appendingPathComponent(RedressStore.databaseFileName))
        do {
            _ = try RedressStore.open(at: folder)
            Issue.record("opened a corrupt store")
        } catch {
            guard case .corrupt = error else { Issue.record("expected corrupt, got \(error)"); return }
        }
        #expect(try Data(contentsOf: folder.appendingPathComponent(RedressStore.databaseFileName)) == garbage)
    }

    @Test func someoneElsesDatabaseIsRefusedAndLeftAlone() throws {
        let folder = directory.subdirectory("foreign")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(RedressStore.databaseFileName).path
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE payroll (name TEXT)") }
        #expect {
            _ = try RedressStore.open(at: folder)
        } throws: { error in
            guard let error = error as? StoreError, case .corrupt = error else { return false }
            return error.description.contains("no Redress tables")
        }
        let tables = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(tables == ["payroll"])
    }

    @Test func aLockedDatabaseIsReportedAsLocked() throws {
        var configuration = clock.configuration
        configuration.busyTimeoutSeconds = 0.05
        let second = try RedressStore.open(at: directory.url, configuration: configuration)
        let blocker = try DatabaseQueue(path: store.databasePath)
        let before = try store.digest()
        try blocker.inDatabase { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            #expect(throws: StoreError.locked(path: store.databasePath)) {
                try second.write(user: "ann") { try $0.assign(id, to: "bob") }
            }
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try store.digest() == before)
    }

    @Test func aPeerWithAClockFarAheadIsRefusedAndNothingIsApplied() throws {
        // Given a peer whose clock runs 10 minutes ahead
        let peerClock = ManualClock(clock.now + 10 * 60_000)
        let peer = try RedressStore.create(at: directory.subdirectory("peer"), division: "retail", nodeName: "peer", user: "p",
                                           configuration: peerClock.configuration)
        try peer.write(user: "p") { try $0.createComplaint(Fixture.complaint(name: "Far Ahead")) }
        let before = try store.digest()
        // When its changes arrive, they are refused with the reason
        let batch = try peer.changes(after: store.versionVector())
        #expect {
            try store.apply(batch)
        } throws: { error in
            guard let error = error as? StoreError, case .clockDrift(let drift) = error else { return false }
            return drift.node == peer.node && error.description.contains("ahead")
        }
        #expect(try store.digest() == before)
        // And once its clock is back within the bound (one minute), they are accepted
        clock.advance(by: 9 * 60_000 + 30_000)
        try Fixture.sync(from: peer, to: store)
        try Fixture.sync(from: store, to: peer)
        #expect(try store.digest() == peer.digest())
        #expect(try store.complaints().count == 2)
    }

    /// A peer's values are checked as local input is: a batch with one value of
    /// the wrong type, too large, or holding a control character is refused
    /// whole, names the change and the field, and moves no counter.
    @Test(arguments: [
        (FieldWrite(1, .text("yesterday")), "receivedAt", "text where a number belongs"),
        (FieldWrite(6, .integer(7)), "category", "a number where text belongs"),
        (FieldWrite(5, .text("Current\u{0}account")), "product", "control character"),
        // A C1 control (U+0085, two UTF-8 bytes), which local input refuses too.
        (FieldWrite(5, .text("Current\u{85}account")), "product", "control character"),
        (FieldWrite(5, .text(String(repeating: "x", count: 300_000))), "product", "longer than"),
        (FieldWrite(16, .real(4.5)), "csat", "floating-point"),
    ])
    func aPeerValueLocalInputCouldNotHaveIsRefusedWhole(write: FieldWrite, field: String, reason: String) throws {
        let peer = try RedressStore.create(at: directory.subdirectory("peer"), division: "retail", nodeName: "peer", user: "p",
                                           configuration: clock.configuration)
        try peer.write(user: "p") { _ = try $0.createComplaint(Fixture.complaint(name: "Fine")) }
        var batch = try peer.changes(after: store.versionVector())
        let good = batch.changes.count
        // A second, bad change of a record after the good ones, inside the batch's coverage.
        let last = try #require(batch.changes.last)
        batch.changes.append(Change(origin: peer.node, counter: last.counter + 1, time: last.time,
                                    payload: .record(kind: .complaint, key: "0190aaaa-0000-7000-8000-000000000001", fields: [write])))
        batch.coverage[peer.node] = CounterRange(after: 0, upTo: last.counter + 1)
        let before = try store.digest()
        let vector = try store.versionVector()
        #expect {
            try store.apply(batch)
        } throws: { error in
            guard let error = error as? StoreError, case .invalidBatch(let message) = error else { return false }
            return message.contains(field) && message.contains(reason) && message.contains("\(peer.node):\(last.counter + 1)")
                && !message.contains("xxxxxxxx")
        }
        #expect(good > 0)
        #expect(try store.digest() == before)
        #expect(try store.versionVector() == vector)
    }
}
