import Foundation
import RedressModel
import RedressStore
import Testing

/// Reply templates replicate like the taxonomy: the same name written on two
/// nodes while apart is one template, and a retirement wins over a rewrite.
@Suite struct ReplyTemplateTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    func node(_ name: String) throws -> RedressStore {
        try RedressStore.create(at: directory.subdirectory(name), division: "retail", nodeName: name, user: "ann", configuration: clock.configuration)
    }

    @Test func theSameNameOnTwoNodesIsOneTemplateAndRetirementIsFinal() throws {
        let a = try node("a"), b = try node("b")
        _ = try Fixture.sync(from: a, to: b)
        try a.write(user: "ann") { tx in _ = try tx.saveReplyTemplate(division: "retail", name: "Acknowledgement", text: "From a") }
        clock.advance(by: 10)
        try b.write(user: "ann") { tx in _ = try tx.saveReplyTemplate(division: "retail", name: "acknowledgement", text: "From b, later") }
        _ = try Fixture.sync(from: a, to: b)
        _ = try Fixture.sync(from: b, to: a)
        for store in [a, b] {
            let templates = try store.replyTemplates(division: "retail")
            #expect(templates.map(\.text) == ["From b, later"], "\(store.nodeName)")
        }
        #expect(try a.digest() == b.digest())
        // A retirement on one node and a rewrite on the other: retired everywhere.
        let key = ReplyTemplate.key(division: "retail", name: "Acknowledgement")
        try a.write(user: "ann") { tx in try tx.retireReplyTemplate(key) }
        clock.advance(by: 10)
        try b.write(user: "ann") { tx in _ = try tx.saveReplyTemplate(division: "retail", name: "Acknowledgement", text: "Rewritten") }
        _ = try Fixture.sync(from: a, to: b)
        _ = try Fixture.sync(from: b, to: a)
        #expect(try a.replyTemplates(division: "retail").isEmpty && b.replyTemplates(division: "retail").isEmpty)
        #expect(throws: StoreError.self) { try a.write(user: "ann") { tx in _ = try tx.saveReplyTemplate(division: "retail", name: "ACKNOWLEDGEMENT", text: "Again") } }
        #expect(try a.digest() == b.digest())
    }

    @Test func aTemplateNeedsAKnownDivisionANameAndText() throws {
        let a = try node("a")
        let digest = try a.digest()
        #expect(throws: StoreError.self) { try a.write(user: "ann") { tx in _ = try tx.saveReplyTemplate(division: "nowhere", name: "X", text: "Y") } }
        #expect(throws: StoreError.self) { try a.write(user: "ann") { tx in _ = try tx.saveReplyTemplate(division: "retail", name: " ", text: "Y") } }
        #expect(throws: StoreError.self) { try a.write(user: "ann") { tx in _ = try tx.saveReplyTemplate(division: "retail", name: "X", text: "") } }
        #expect(throws: StoreError.self) { try a.write(user: "ann") { tx in try tx.retireReplyTemplate("retail/none") } }
        #expect(try a.digest() == digest)
    }
}
