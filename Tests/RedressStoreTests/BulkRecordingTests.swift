import Foundation
import RedressModel
import RedressStore
import Testing

/// `createComplaints` (bulk loading: one insert per complaint with its
/// lifecycle, texts sealed on every core) must leave exactly what recording
/// each complaint and then writing its lifecycle leaves, and refuse a bad
/// batch before writing any of it.
@Suite struct BulkRecordingTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    func makeStore(_ name: String) throws -> RedressStore {
        try RedressStore.create(at: directory.subdirectory(name), division: "retail", nodeName: name, user: "ann",
                                configuration: clock.configuration)
    }

    /// A random complaint and a random part of a lifecycle (the fields the
    /// benchmark generator writes, personal decision text included).
    static func randomComplaint(_ number: Int, _ random: inout SplitMix64) -> RecordedComplaint {
        let received = Int64(1_700_000_000_000 + Int64(random.next() % 10_000_000_000))
        let input = NewComplaint(
            channel: ["email", "phone", "web-form"][Int(random.next() % 3)],
            complainant: .init(name: "Bulkname\(number) Person", contact: random.next() % 4 == 0 ? nil : "p\(number)@example.org"),
            product: "Loan", category: ["fees", "delay", "service"][Int(random.next() % 3)],
            description: "Complaint number \(number) about wordy\(random.next() % 50)",
            requestedRemedy: random.next() % 3 == 0 ? nil : "refund",
            division: random.next() % 2 == 0 ? "retail" : "north", receivedAt: received,
            externalRef: random.next() % 2 == 0 ? "ext-\(number)" : nil)
        var lifecycle: [ComplaintField: FieldValue] = [:]
        if random.next() % 4 != 0 { lifecycle[.acknowledgedAt] = .integer(received + 3_600_000) }
        if random.next() % 3 == 0 { lifecycle[.assignee] = .text("agent-\(random.next() % 9)") }
        if random.next() % 3 == 0 { lifecycle[.level] = .integer(Int64(1 + random.next() % 3)) }
        if random.next() % 3 == 0 {
            lifecycle[.decision] = .text("Decided \(number)")
            lifecycle[.respondedAt] = .integer(received + 86_400_000)
        }
        if random.next() % 4 == 0 { lifecycle[.closedAt] = random.next() % 2 == 0 ? .null : .integer(received + 2 * 86_400_000) }
        if random.next() % 5 == 0 { lifecycle[.csat] = .integer(Int64(1 + random.next() % 5)) }
        if random.next() % 2 == 0 { lifecycle[.stage] = .integer(StageState(stage: [.acknowledged, .responded, .closed][Int(random.next() % 3)]).encoded) }
        if random.next() % 6 == 0 { lifecycle[.respondDueAt] = .integer(received + 9 * 86_400_000) }
        let id = ComplaintID.make(at: Date(timeIntervalSince1970: Double(received) / 1000), using: &random)
        return RecordedComplaint(id: id, input: input, lifecycle: lifecycle)
    }

    @Test func aBulkLoadLeavesWhatRecordingOneByOneLeaves() throws {
        let seed = UInt64(20_261_206)
        print("BulkRecordingTests seed \(seed)")
        var random = SplitMix64(seed: seed)
        let complaints = (0..<300).map { Self.randomComplaint($0, &random) }
        let oneByOne = try makeStore("one-by-one"), bulk = try makeStore("bulk")
        for store in [oneByOne, bulk] {
            try store.write(user: "ann") { tx in try tx.upsertDivision(code: "north", name: "North", conduct: CodeOfConduct()) }
        }

        // Given the same complaints recorded one by one, each then given its lifecycle, and in bulk
        try oneByOne.write(user: "ann") { tx in
            for complaint in complaints {
                try tx.createComplaint(complaint.input, id: complaint.id)
                if !complaint.lifecycle.isEmpty { try tx.write(key: complaint.id.description, complaint.lifecycle) }
            }
        }
        try bulk.write(user: "ann") { tx in try tx.createComplaints(complaints) }

        // Then every complaint reads the same, field by field
        for complaint in complaints {
            let expected = try oneByOne.complaint(complaint.id), actual = try bulk.complaint(complaint.id)
            for field in ComplaintField.allCases {
                #expect(actual[field] == expected[field], "\(complaint.id) \(field)")
            }
        }
        // And the personal texts are searchable and sealed: no plain copy in any file
        let sample = complaints[17]
        #expect(try bulk.complaint(sample.id)[.complainantName].text == "Bulkname17 Person")
        // (a prefix: Bulkname17 and Bulkname170 to 179)
        let found = try bulk.complaints(ComplaintQuery(text: "Bulkname17")).map(\.id)
        #expect(found.count == 11 && found.contains(sample.id))
        #expect(found == (try oneByOne.complaints(ComplaintQuery(text: "Bulkname17")).map(\.id)))
        try bulk.checkpoint()
        #expect(try Fixture.filesContain("Bulkname17 Person", in: directory.subdirectory("bulk")).isEmpty)
        #expect(try Fixture.filesContain("Decided", in: directory.subdirectory("bulk")).isEmpty)

        // And a peer that syncs from the bulk store holds the same state
        let peer = try makeStore("peer")
        try Fixture.sync(from: bulk, to: peer)
        #expect(try peer.digest() == bulk.digest())
        #expect(try peer.complaintCount() == complaints.count)
    }

    @Test func aBadComplaintRefusesTheWholeBatch() throws {
        var random = SplitMix64(seed: 7)
        let store = try makeStore("refusals")
        var complaints = (0..<40).map { Self.randomComplaint($0, &random) }.map { complaint in
            var complaint = complaint
            complaint.input.division = "retail"
            return complaint
        }

        // Given a batch whose 31st complaint names no category of the taxonomy
        var unknownCategory = complaints
        unknownCategory[30].input.category = "weather"
        #expect(throws: StoreError.self) { try store.write(user: "ann") { tx in try tx.createComplaints(unknownCategory) } }
        // Then nothing of it was written
        #expect(try store.complaintCount() == 0)

        // Given a batch with one external reference twice
        complaints[3].input.externalRef = "dup-1"
        complaints[29].input.externalRef = "dup-1"
        #expect {
            try store.write(user: "ann") { tx in try tx.createComplaints(complaints) }
        } throws: { error in
            guard case StoreError.duplicateExternalRef("dup-1") = error else { return false }
            return true
        }
        #expect(try store.complaintCount() == 0)
    }
}
