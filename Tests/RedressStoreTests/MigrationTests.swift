import Foundation
import GRDB
@_spi(Testing) @testable import RedressStore
import RedressModel
import Testing

/// A node upgraded later keeps its data and its change history.
@Suite struct MigrationTests {
    @Test func aStoreMadeByTheFirstSchemaOpensWithEveryLaterMigrationAndKeepsItsHistory() throws {
        // Given a store written by a build that knew only the first migration
        let directory = TemporaryDirectory()
        let path = directory.url.appendingPathComponent(RedressStore.databaseFileName).path
        let node = NodeID.random()
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: "v1-crdtStore")
        let id = ComplaintID.make().description
        try queue.write { db in
            try db.execute(sql: "INSERT INTO localNode (id, nodeId, name, division, clock, createdAt) VALUES (1, ?, 'old', 'retail', 0, 0)",
                           arguments: [node.description])
            try db.execute(sql: "INSERT INTO replica (ordinal, nodeId, counter) VALUES (1, ?, 2)", arguments: [node.description])
            // One complaint written as the first schema stores it: its fields, their packed stamps, one change-log row.
            let schema = RecordSchema.complaint
            var clocks = ClockVector(fieldCount: schema.fields.count)
            let written = ["division", "receivedAt", "channel", "complainantName", "category", "description", "stage", "erased"]
            for column in written { clocks[schema.index(of: column)] = .init(time: 1_000 << 16, ordinal: 1) }
            try db.execute(sql: """
                INSERT INTO complaint (id, division, receivedAt, channel, complainantName, category, description, stage, erased, clocks)
                VALUES (?, 'retail', 1000, 'email', 'Ada Moss', 'fees', 'Charged twice', 0, 0, ?)
                """, arguments: [id, clocks.encoded()])
            let mask = written.reduce(Int64(0)) { $0 | (1 << Int64(schema.index(of: $1))) }
            try db.execute(sql: "INSERT INTO change (origin, counter, time, kind, ref, mask) VALUES (1, 1, ?, 1, ?, ?)",
                           arguments: [1_000 << 16, db.lastInsertedRowID, mask])
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
        let upgraded = try reopened.complaint(id)
        #expect(upgraded["complainantName"] == "Ada Moss" && upgraded["description"] == "Charged twice")
        #expect(upgraded.history.first?.event.text == "Called Ada Moss back")
        #expect(try reopened.complaints(ComplaintQuery(text: "moss")).map(\.id) == [id], "the migration queues old complaints for the search index")
        // And the upgrade sealed the plain text: no file holds it any more, WAL included
        for secret in ["Ada Moss", "Charged twice", "Called Ada"] {
            #expect(try Fixture.filesContain(secret, in: directory.url) == [], "\(secret) is still in plain text")
        }
        #expect(try reopened.storedPersonalValues(of: id).count == 3)
        #expect(try reopened.storedPersonalValues(of: id).allSatisfy { $0.hasPrefix("rs1:") })
        let counter = try reopened.versionVector()[node]
        #expect(counter > 2, "the sealed values are new writes, so they replace the plain ones on every peer")
        let fresh = try RedressStore.create(at: directory.subdirectory("fresh"), division: "retail", nodeName: "new", user: "bob")
        try Fixture.sync(from: reopened, to: fresh)
        try Fixture.sync(from: fresh, to: reopened)
        #expect(try fresh.digest() == reopened.digest())
        #expect(try fresh.complaint(id)["category"] == "fees")
        // And it takes new writes on top of the old history
        try reopened.write(user: "ann") { try $0.take(.acknowledge, on: id) }
        #expect(try reopened.versionVector()[node] == counter + 2)
        #expect(try reopened.complaint(id).history.count == 2)
    }
}
