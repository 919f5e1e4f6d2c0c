import Foundation
import RedressModel
import RedressStore
import Testing

/// A local transaction keeps the taxonomy entries and divisions it has read
/// (creating a complaint checks several); what it writes itself must still be
/// seen by its later checks.
@Suite struct ReferenceRecordCacheTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    func makeStore() throws -> RedressStore {
        try RedressStore.create(at: directory.subdirectory("a"), division: "retail", nodeName: "a", user: "ann",
                                configuration: clock.configuration)
    }

    @Test func aCategoryRetiredEarlierInTheTransactionIsRefusedLaterInIt() throws {
        // Given a transaction that has already created a complaint in "fees"
        let store = try makeStore()
        let digest = try store.digest()

        // When it retires "fees" and creates another complaint in it
        #expect(throws: StoreError.self) {
            try store.write(user: "ann") { tx in
                try tx.createComplaint(Fixture.complaint(category: "fees"))
                try tx.write(key: Taxonomy.key(.category, "fees"), [TaxonField.retired: 1])
                try tx.createComplaint(Fixture.complaint(category: "fees"))
            }
        }

        // Then the second complaint was refused, and with it the whole transaction
        #expect(try store.digest() == digest)
    }

    @Test func promisesChangedEarlierInTheTransactionSetLaterDueTimes() throws {
        // Given a transaction that has already read the division's promises
        let store = try makeStore()
        let ids = try store.write(user: "ann") { tx in
            let first = try tx.createComplaint(Fixture.complaint())
            // When it changes them and records another complaint
            try tx.upsertDivision(code: "retail", name: "Retail", conduct: CodeOfConduct(acknowledgeWithinHours: 2, respondWithinDays: 3))
            return (first, try tx.createComplaint(Fixture.complaint()))
        }

        // Then the later complaint's due times follow the new promises
        let before = try store.complaint(ids.0)
        let after = try store.complaint(ids.1)
        #expect(before.ackDueAt == before.receivedAt + 48 * 3_600_000)
        #expect(after.ackDueAt == after.receivedAt + 2 * 3_600_000)
        #expect(after.respondDueAt == after.receivedAt + 3 * 86_400_000)
    }
}
