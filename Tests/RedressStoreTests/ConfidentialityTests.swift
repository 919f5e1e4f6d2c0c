import Foundation
import GRDB
import RedressKeys
import RedressModel
@_spi(Testing) @testable import RedressStore
import Testing

/// Personal data readable only in its own division (docs/ARCHITECTURE.md,
/// "Confidentiality"): three nodes of one cluster, head office, north and
/// south, each a member of its division, synced store to store.
@Suite struct ConfidentialityTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    /// A member node of `division`, as `cluster init` or `init --join` makes one.
    func member(_ name: String, division: String) throws -> RedressStore {
        let node = NodeID.random()
        return try RedressStore.create(at: directory.subdirectory(name), division: division, nodeName: name, node: node,
                                       user: "admin", configuration: clock.configuration) { tx in
            try tx.addMember(node, name: name, division: division, certificateSerial: nil)
        }
    }

    /// Syncs every pair both ways until a whole round moves nothing: grants
    /// made after learning of a node travel one sync later.
    func syncAll(_ stores: [RedressStore]) throws {
        for _ in 0..<6 {
            var moved = 0
            for from in stores { for to in stores where to !== from { moved += try Fixture.sync(from: from, to: to) } }
            if moved == 0 { return }
            clock.advance(by: 1_000)
        }
        Issue.record("the stores did not become quiet")
    }

    /// Head office (holding a recovery key), north and south, all synced.
    func cluster() throws -> (hq: RedressStore, north: RedressStore, south: RedressStore, recovery: RecoveryKey) {
        let hq = try member("hq", division: "hq"), north = try member("north", division: "north"), south = try member("south", division: "south")
        let recovery = RecoveryKey.generate()
        try hq.recordRecoveryKey(recovery)
        try syncAll([hq, north, south])
        return (hq, north, south, recovery)
    }

    func record(_ name: String, _ description: String, in store: RedressStore, division: String? = nil) throws -> ComplaintID {
        var input = Fixture.complaint(name: name, contact: "\(name.split(separator: " ")[0].lowercased())@example.org", description: description)
        input.division = division
        let id = try store.write(user: "agent") { tx in try tx.createComplaint(input) }
        try store.write(user: "agent") { tx in try tx.note(id, text: "Called \(name) back") }
        return id
    }

    @Test func aComplaintRecordedInNorthIsReadableOnlyInNorthAndCountedEverywhere() throws {
        let (hq, north, south, _) = try cluster()
        // Given a complaint recorded in north with words that occur nowhere else
        let name = "Wilhelmina Quorndon-Axby", story = "Xylophone repair fee charged to Wilhelmina twice"
        let id = try record(name, story, in: north)
        // When every node has synced
        try syncAll([hq, north, south])
        for store in [hq, north, south] { try store.checkpoint() }
        // Then no file of any node holds the text; head office's and south's
        // hold its sealed values, and north shows it
        let sealed = try north.storedPersonalValues(of: id)
        #expect(sealed.count == 4 && sealed.allSatisfy(SealedText.isSealed))
        for store in [hq, north, south] {
            for secret in [name, "Quorndon", story, "Xylophone"] {
                #expect(try Fixture.filesContain(secret, in: store.directory) == [], "\(store.nodeName) holds \(secret)")
            }
            for value in sealed { #expect(try !Fixture.filesContain(value, in: store.directory).isEmpty, "\(store.nodeName)") }
        }
        let shown = try north.complaint(id)
        #expect(shown[.complainantName].text == name && shown[.description].text == story && shown.personalDataReadable)
        #expect(shown.history.first { $0.event.kind == .note }?.event.text == "Called \(name) back")
        for store in [hq, south] {
            let elsewhere = try store.complaint(id)
            #expect(!elsewhere.personalDataReadable)
            #expect(elsewhere[.complainantName].text == RedressStore.unreadableText)
            #expect(elsewhere.history.first { $0.event.kind == .note }?.event.text == RedressStore.unreadableText)
            // Every non-personal field is there, and the complaint counts
            #expect(elsewhere[.category] == shown[.category] && elsewhere.stage == shown.stage)
            #expect(try store.complaintCount(ComplaintQuery(division: "north")) == 1)
        }
        // And the digests are equal
        #expect(try Set([hq, north, south].map { try $0.digest() }).count == 1)
    }

    @Test func headOfficeRecordsForNorthAndOnlyNorthReadsIt() throws {
        let (hq, north, south, _) = try cluster()
        let id = try record("Bartholomew Ffinch", "Standing order cancelled", in: hq, division: "north")
        try syncAll([hq, north, south])
        #expect(try north.complaint(id)[.complainantName].text == "Bartholomew Ffinch")
        // The writing node keeps no access: it sealed for north's key, which it never held
        for store in [hq, south] { #expect(try !store.complaint(id).personalDataReadable, "\(store.nodeName)") }
        #expect(try north.canReadPersonalData(of: "north") && !hq.canReadPersonalData(of: "north") && !south.canReadPersonalData(of: "north"))
    }

    @Test func aDivisionWithoutANodeIsHeldInCustodyUntilItsFirstNodeJoins() throws {
        let (hq, north, south, _) = try cluster()
        // Given complaints head office recorded for east, which has no node yet
        try hq.write(user: "admin") { tx in try tx.upsertDivision(code: "east", name: "East", conduct: .default) }
        let id = try record("Ottoline Marchbanks", "Overdraft fee", in: hq, division: "east")
        #expect(try hq.complaint(id)[.complainantName].text == "Ottoline Marchbanks", "the custodian reads it")
        // When east's first node joins and syncs
        let east = try member("east", division: "east")
        try syncAll([hq, north, south, east])
        // Then east reads it, and head office's custody has ended
        #expect(try east.complaint(id)[.complainantName].text == "Ottoline Marchbanks")
        #expect(try !hq.complaint(id).personalDataReadable)
        #expect(try !hq.canReadPersonalData(of: "east"))
        #expect(try Set([hq, north, south, east].map { try $0.digest() }).count == 1)
    }

    @Test func aNodeAddedToNorthReadsItsHistoryAndARetiredOneNothingWrittenAfter() throws {
        let (hq, north, south, _) = try cluster()
        let old = try record("Cordelia Pennywhistle", "Card swallowed", in: north)
        // When a second north node joins and syncs
        let north2 = try member("north-2", division: "north")
        try syncAll([hq, north, south, north2])
        // Then it reads north's history
        #expect(try north2.complaint(old)[.complainantName].text == "Cordelia Pennywhistle")
        #expect(try north2.complaint(old).history.first { $0.event.kind == .note }?.event.text == "Called Cordelia Pennywhistle back")
        // When it loses its key file (a restore without DATA/keys), it reads nothing, until north grants its new key
        try FileManager.default.removeItem(at: north2.directory.appendingPathComponent("keys"))
        let restored = try RedressStore.open(at: north2.directory, configuration: clock.configuration)
        #expect(try !restored.complaint(old).personalDataReadable)
        try syncAll([hq, north, south, restored])
        #expect(try restored.complaint(old)[.complainantName].text == "Cordelia Pennywhistle")
        // When head office retires it, and north writes afterwards
        clock.advance(by: 60_000)
        try hq.write(user: "admin") { tx in try tx.retireMember(north2.node) }
        try syncAll([hq, north, south, north2])
        let new = try record("Peregrine Oddlebury", "Mortgage letter lost", in: north)
        try syncAll([hq, north, south, north2])
        // Then the retired node holds the new complaint sealed but cannot read it; it still reads the old
        #expect(try north.complaint(new)[.complainantName].text == "Peregrine Oddlebury")
        #expect(try !north2.complaint(new).personalDataReadable)
        #expect(try north2.complaint(old).personalDataReadable)
    }

    @Test func keysAndDataReachADivisionThroughNodesThatCannotReadThem() throws {
        // Given north and a new north node that never meet: each syncs only with head office
        let (hq, north, _, _) = try cluster()
        let id = try record("Leopoldine Rathbone", "Cheque lost in the post", in: north)
        let north2 = try member("north-2", division: "north")
        for _ in 0..<3 {
            try Fixture.sync(from: north, to: hq); try Fixture.sync(from: hq, to: north)
            try Fixture.sync(from: north2, to: hq); try Fixture.sync(from: hq, to: north2)
        }
        // Then the new node reads north's complaint, relayed with its grant by a node that cannot read either
        #expect(try north2.complaint(id)[.complainantName].text == "Leopoldine Rathbone")
        #expect(try !hq.complaint(id).personalDataReadable)
        #expect(try north2.digest() == north.digest())
    }

    @Test func aReplacementNorthNodeWithTheRecoveryKeyReadsAllOfNorthsHistory() throws {
        let (hq, north, south, recovery) = try cluster()
        let ids = try (0..<3).map { try record("Hortensia Vane \($0)", "Loan statement \($0)", in: north) }
        try syncAll([hq, north, south])
        // When north's data folder is lost
        try FileManager.default.removeItem(at: north.directory)
        let replacement = try member("north-new", division: "north")
        try syncAll([hq, south, replacement])
        // Then without the recovery key nobody reads north's history
        for store in [hq, south, replacement] { #expect(try ids.allSatisfy { try !store.complaint($0).personalDataReadable }) }
        // And a wrong recovery key is refused with a clear error
        #expect(throws: StoreError.keys(.wrongRecoveryKey)) { try replacement.recoverKeys(with: RecoveryKey.generate()) }
        // With the right one, the replacement reads all of it, and the others still nothing
        #expect(try replacement.recoverKeys(with: recovery) >= 1)
        for (n, id) in ids.enumerated() {
            #expect(try replacement.complaint(id)[.complainantName].text == "Hortensia Vane \(n)")
        }
        #expect(try replacement.complaints(ComplaintQuery(text: "Hortensia")).count == 3, "its search index is rebuilt")
        try syncAll([hq, south, replacement])
        #expect(try !hq.complaint(ids[0]).personalDataReadable)
    }

    @Test func theSearchFindsWordsOnlyWhereTheyAreReadableAndNotAfterAnErasure() throws {
        let (hq, north, south, _) = try cluster()
        let id = try record("Evangeline Thistlewood", "Interest charged on a closed account", in: north)
        _ = try record("Someone Else", "Card blocked abroad", in: north)
        try syncAll([hq, north, south])
        #expect(try north.complaints(ComplaintQuery(text: "thistlewood")).map(\.id) == [id])
        #expect(try north.complaints(ComplaintQuery(text: "evan")).map(\.id) == [id], "a name is found by its beginning")
        #expect(try north.complaints(ComplaintQuery(text: "INTEREST closed")).map(\.id) == [id])
        #expect(try north.complaints(ComplaintQuery(text: "called back thistlewood")).map(\.id) == [id], "notes are searched")
        #expect(try north.complaints(ComplaintQuery(text: "interest abroad")).isEmpty)
        for store in [hq, south] { #expect(try store.complaints(ComplaintQuery(text: "thistlewood")).isEmpty) }
        // When the complaint is erased (here, and on north through a sync)
        try hq.write(user: "dpo") { tx in try tx.erasePersonalData(id) }
        try syncAll([hq, north, south])
        #expect(try north.complaints(ComplaintQuery(text: "thistlewood")).isEmpty)
        #expect(try north.complaints(ComplaintQuery(text: "interest")).isEmpty)
    }

    /// Changes a stored value behind the store's back, as a failing disk or an attacker with the file would.
    func overwrite(_ store: RedressStore, _ id: String, _ column: String, with value: String) throws {
        try store.pool.write { db in try db.execute(sql: "UPDATE complaint SET \(column) = ? WHERE id = ?", arguments: [value, id]) }
    }

    @Test func aTamperedValueOrAMissingKeyReadsAsNotReadableAndTheNodeGoesOn() throws {
        let (hq, north, south, _) = try cluster()
        let id = try record("Montgomery Blenkinsop", "Fee refunded late", in: north)
        let other = try record("Araminta Quill", "Branch closed early", in: north)
        // When a sealed value is altered (one character of its ciphertext) or moved to another complaint
        let sealed = try north.storedPersonalValues(of: id)
        var bytes = Array(sealed[0].utf8)
        bytes[bytes.count - 6] = bytes[bytes.count - 6] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try overwrite(north, id.description, "complainantName", with: String(decoding: bytes, as: UTF8.self))
        try overwrite(north, other.description, "description", with: sealed[2])
        // Then those values read as not readable, the rest still reads
        let tampered = try north.complaint(id), moved = try north.complaint(other)
        #expect(tampered[.complainantName].text == RedressStore.unreadableText && !tampered.personalDataReadable)
        #expect(tampered[.description].text == "Fee refunded late")
        #expect(moved[.description].text == RedressStore.unreadableText && moved[.complainantName].text == "Araminta Quill")
        // A value sealed with a key no node has heard of, and one that is not a sealed value at all
        try overwrite(north, other.description, "complainantContact", with: "rs1:" + Data(repeating: 7, count: 60).base64EncodedString())
        try overwrite(north, id.description, "complainantContact", with: "rs1:not base64")
        #expect(try north.complaint(other)[.complainantContact].text == RedressStore.unreadableText)
        #expect(try north.complaint(id)[.complainantContact].text == RedressStore.unreadableText)
        // And the node goes on: it lists, searches, writes and syncs
        #expect(try north.complaints().count == 2)
        #expect(try north.complaints(ComplaintQuery(text: "araminta")).map(\.id) == [other])
        try north.write(user: "agent") { tx in try tx.note(id, text: "Checked again") }
        try syncAll([hq, north, south])
        #expect(try hq.complaintCount(ComplaintQuery(division: "north")) == 2)
    }

    @Test func plainTextFromAPeerOfAnEarlierVersionIsSealedOnArrival() throws {
        // Given north's changes as a peer of an earlier version would send them: the name in plain text
        let (hq, north, _, _) = try cluster()
        let id = try record("Sealed Name", "A description", in: north)
        try syncAll([hq, north])
        var batch = try north.changes(after: VersionVector(), maxFields: 100_000)
        let nameIndex = ComplaintField.complainantName.index
        batch.changes = batch.changes.map { change in
            guard case .record(.complaint, let key, let fields) = change.payload else { return change }
            var plain = change
            plain.payload = .record(kind: .complaint, key: key, fields: fields + [FieldWrite(nameIndex, .text("Plainly Oldversion"))])
            return plain
        }
        let late = try member("late", division: "south")
        // When a node applies them
        let outcome = try late.apply(batch)
        #expect(outcome.plainTextArrived && outcome.applied > 0)
        try late.checkpoint()
        // Then it keeps them sealed, as if written now, and no file holds the text
        #expect(try late.storedPersonalValues(of: id).allSatisfy(SealedText.isSealed))
        #expect(try Fixture.filesContain("Plainly Oldversion", in: late.directory) == [])
        #expect(try !late.complaint(id).personalDataReadable)
    }

    @Test func aKeyWrittenIntoAnotherNodesMemberRecordIsNeverGrantedAnything() throws {
        // Given south writing its own key into a north member's record (and a made-up north member)
        let (hq, north, south, _) = try cluster()
        let north2 = try member("north-2", division: "north")
        let southKey = south.keyring.nodeKey.publicKey.recordText
        try south.write(user: "mallory") { tx in
            try tx.write(key: north2.node.description, [MemberField.name: "north-2", .division: "north", .encryptionKey: .text(southKey)])
            try tx.addMember(NodeID.random(), name: "fake", division: "north", certificateSerial: nil)
        }
        _ = try record("Clementine Oakes", "Card declined", in: north)
        try syncAll([hq, north, south])
        // Then north grants nothing to those keys: no grant wraps south's key
        let granted = try north.readOnlyTransaction { db in
            try String.fetchAll(db, sql: "SELECT recipientKey FROM keyGrant WHERE recipientKey IS NOT NULL")
        }
        #expect(!granted.contains(southKey))
        #expect(try !south.canReadPersonalData(of: "north"))
    }

    @Test func inputThatLooksSealedIsSealedToo() throws {
        let (_, north, _, _) = try cluster()
        let lookalike = "rs1:" + Data(repeating: 1, count: 40).base64EncodedString()
        let id = try record("Trick Ster", lookalike, in: north)
        #expect(try north.complaint(id)[.description].text == lookalike)
        let stored = try north.storedPersonalValues(of: id)
        #expect(!stored.contains(lookalike), "typed text never decides whether it is encrypted")
    }

    @Test func theDecisionIsPersonalAndSealedToo() throws {
        let (hq, north, south, _) = try cluster()
        let id = try record("Ignatius Wobble", "Charged twice", in: north)
        try north.write(user: "agent") { tx in
            try tx.take(.acknowledge, on: id)
            try tx.take(.respond, on: id, .init(decision: "Refunded Ignatius in full", remedy: "refund", outcome: .upheld))
        }
        try syncAll([hq, north, south])
        #expect(try north.complaint(id)[.decision].text == "Refunded Ignatius in full")
        #expect(try hq.complaint(id)[.decision].text == RedressStore.unreadableText)
        #expect(try hq.complaint(id)[.remedy].text == "refund")
        try hq.checkpoint()
        #expect(try Fixture.filesContain("Refunded Ignatius", in: hq.directory) == [])
    }
}
