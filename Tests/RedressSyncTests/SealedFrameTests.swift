import Foundation
import RedressModel
@_spi(Testing) import RedressStore
import RedressWire
import Testing

/// No sync frame carries personal data in plain text: the batches a node
/// sends hold the sealed values exactly as stored.
@Suite struct SealedFrameTests {
    @Test func aBatchFrameCarriesTheSealedValuesAndNoneOfTheText() throws {
        let directory = TemporaryDirectory()
        let store = try StoreFixture.store("north", in: directory, division: "north", member: true)
        let name = "Wilhelmina Quorndon-Axby", story = "Xylophone repair fee charged twice", note = "Spoke to Wilhelmina again"
        let id = try store.write(user: "agent") { tx in
            let id = try tx.createComplaint(NewComplaint(channel: "phone", complainant: .init(name: name, contact: "wq@example.org"),
                                                         category: "fees", description: story))
            try tx.note(id, text: note)
            return id
        }
        let frame = Data(SyncMessage.batch(sequence: 1, try store.changes(after: VersionVector())).frame())
        for secret in [name, "Quorndon", story, "Xylophone", note, "wq@example.org"] {
            #expect(frame.range(of: Data(secret.utf8)) == nil, "the frame holds \(secret)")
        }
        let sealed = try store.storedPersonalValues(of: id)
        #expect(sealed.count == 4)
        for value in sealed { #expect(frame.range(of: Data(value.utf8)) != nil, "the frame lacks a sealed value") }
    }
}
