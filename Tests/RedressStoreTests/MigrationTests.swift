import Foundation
import GRDB
@_spi(Testing) @testable import RedressStore
import RedressModel
import Testing

/// A node upgraded later keeps its data and its change history.
@Suite struct MigrationTests {
    /// The change log's kind column holds a record kind's raw value, or 16
    /// and 17 for the history and tag sets: a record kind numbered so would
    /// be read back as one of them.
    @Test func recordKindsStayBelowTheSetKindsOfTheChangeLog() {
        #expect(RecordKind.allCases.allSatisfy { Int64($0.rawValue) > 0 && Int64($0.rawValue) < ChangeLog.eventKind })
        #expect(ChangeLog.tagKind == ChangeLog.eventKind + 1)
    }

    @Test func aStoreMadeByTheFirstSchemaOpensWithEveryLaterMigrationAndKeepsItsHistory() throws {
        // Given a store written by a build that knew only the first migration
        let directory = TemporaryDirectory()
        let path = directory.url.appendingPathComponent(RedressStore.databaseFileName).path
        let node = NodeID.random()
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: "v1-crdtStore")
        let complaintID = ComplaintID.make(), id = complaintID.description
        try queue.write { db in
            try db.execute(sql: "INSERT INTO localNode (id, nodeId, name, division, clock, createdAt) VALUES (1, ?, 'old', 'retail', 0, 0)",
                           arguments: [node.description])
            try db.execute(sql: "INSERT INTO replica (ordinal, nodeId, counter) VALUES (1, ?, 2)", arguments: [node.description])
            // One complaint written as the first schema stores it: its fields, their packed stamps, one change-log row.
            // The first schema's complaint had 29 fields, its division 3: their clock vectors are that long.
            var clocks = ClockVector(fieldCount: 29)
            let written: [ComplaintField] = [.division, .receivedAt, .channel, .complainantName, .category, .description, .stage, .erased]
            for field in written { clocks[field.index] = .init(time: 1_000 << 16, ordinal: 1) }
            try db.execute(sql: """
                INSERT INTO complaint (id, division, receivedAt, channel, complainantName, category, description, stage, erased, clocks)
                VALUES (?, 'retail', 1000, 'email', 'Ada Moss', 'fees', 'Charged twice', 0, 0, ?)
                """, arguments: [id, clocks.encoded()])
            let mask = written.reduce(Int64(0)) { $0 | (1 << Int64($1.index)) }
            try db.execute(sql: "INSERT INTO change (origin, counter, time, kind, ref, mask) VALUES (1, 1, ?, 1, ?, ?)",
                           arguments: [1_000 << 16, db.lastInsertedRowID, mask])
            // Its division, with the promises of the first schema: acknowledge within 24 hours, respond within 10 days.
            var divisionClocks = ClockVector(fieldCount: 3)
            for field in 0..<3 { divisionClocks[field] = .init(time: 500 << 16, ordinal: 1) }
            try db.execute(sql: "INSERT INTO division (code, name, ackHours, respondDays, clocks) VALUES ('retail', 'Retail', 24, 10, ?)",
                           arguments: [divisionClocks.encoded()])
            // And a note in its history, in plain text as every version before confidentiality wrote it.
            try db.execute(sql: "INSERT INTO event (origin, counter, time, complaint, kind, user, text) VALUES (1, 2, ?, ?, 'note', 'ann', 'Called Ada Moss back')",
                           arguments: [2_000 << 16, id])
            try db.execute(sql: "INSERT INTO change (origin, counter, time, kind, ref, mask) VALUES (1, 2, ?, 16, ?, 1)",
                           arguments: [2_000 << 16, db.lastInsertedRowID])
        }
        try queue.close()

        // When the current build opens it
        let reopened = try RedressStore.open(at: directory.url)

        // Then every migration has run, and its data and change history are intact and still replicate
        let applied = try reopened.read { db in try StoreMigrations.migrator.appliedIdentifiers(db) }
        #expect(applied == Set(StoreMigrations.migrator.migrations))
        // The division's promises keep their meaning: 24 calendar hours, 10 calendar days
        let conduct = try #require(try reopened.divisions().first { $0.code == "retail" }).conduct
        #expect(conduct.acknowledge == PromiseDuration(amount: 24, unit: .hours) && conduct.respond == PromiseDuration(amount: 10, unit: .days))
        #expect(conduct.acknowledgementDue(receivedAt: 1_000) == 1_000 + 24 * 3_600_000)
        let upgraded = try reopened.complaint(complaintID)
        #expect(upgraded[.complainantName] == "Ada Moss" && upgraded[.description] == "Charged twice")
        #expect(upgraded.history.first?.event.text == "Called Ada Moss back")
        #expect(try reopened.complaints(ComplaintQuery(text: "moss")).map(\.id) == [complaintID], "the migration queues old complaints for the search index")
        // And the upgrade sealed the plain text: no file holds it any more, WAL included
        for secret in ["Ada Moss", "Charged twice", "Called Ada"] {
            #expect(try Fixture.filesContain(secret, in: directory.url) == [], "\(secret) is still in plain text")
        }
        #expect(try reopened.storedPersonalValues(of: complaintID).count == 3)
        #expect(try reopened.storedPersonalValues(of: complaintID).allSatisfy { $0.hasPrefix("rs1:") })
        let counter = try reopened.versionVector()[node]
        #expect(counter > 2, "the sealed values are new writes, so they replace the plain ones on every peer")
        let fresh = try RedressStore.create(at: directory.subdirectory("fresh"), division: "retail", nodeName: "new", user: "bob")
        try Fixture.sync(from: reopened, to: fresh)
        try Fixture.sync(from: fresh, to: reopened)
        #expect(try fresh.digest() == reopened.digest())
        #expect(try fresh.complaint(complaintID)[.category] == "fees")
        // And it takes new writes on top of the old history, to fields the first schema did not have too
        try reopened.write(user: "ann") { try $0.take(.acknowledge, on: complaintID) }
        #expect(try reopened.versionVector()[node] == counter + 2)
        try reopened.write(user: "ann") { try $0.hold(complaintID, reason: "awaiting a statement") }
        #expect(try reopened.complaint(complaintID).isOnHold)
        #expect(try reopened.complaint(complaintID).history.count == 3)

    }
}
