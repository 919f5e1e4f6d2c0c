import Foundation
import RedressModel
@_spi(Testing) import RedressStore
import RedressTestSupport
import Testing
@testable @_spi(Testing) import RedressSync

@Suite("Erasure reaches every node's files", .timeLimit(.minutes(1)), .ownThreads)
struct SyncErasureTests {
    /// The files of a store's folder that contain `needle`.
    private func files(containing needle: String, in directory: URL) throws -> [String] {
        let bytes = Data(needle.utf8)
        let files = (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])?.allObjects as? [URL] ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
        return try files.filter { try Data(contentsOf: $0).range(of: bytes) != nil }.map(\.lastPathComponent)
    }

    @Test func anErasureOnOneNodeRemovesThePersonalDataFromTheOthersAfterTheySync() async throws {
        // Given a complaint with personal data that reached B and C through syncs
        let cluster = try TestCluster()
        let a = try cluster.node("a"), b = try cluster.node("b"), c = try cluster.node("c")
        let name = "Zelda Quarrington-Vex"
        let id = try a.store.write(user: "agent") { tx in
            let id = try tx.createComplaint(NewComplaint(channel: "phone", complainant: .init(name: name, contact: "zelda@example.org"),
                                                         category: "fees", description: "Refund owed to \(name)"))
            try tx.note(id, text: "Spoke with \(name)")
            return id
        }
        try await withServer(a) { server, _ in try await b.sync(with: server) }
        try await withServer(b) { server, _ in try await c.sync(with: server) }
        // C holds the personal data sealed, never as text
        let sealed = try a.store.storedPersonalValues(of: id)
        #expect(sealed.count == 4)
        for value in sealed { #expect(try !files(containing: value, in: c.store.directory).isEmpty) }
        for node in [a, b, c] { #expect(try files(containing: name, in: node.store.directory) == [], "\(node.name)") }

        // When A erases it, and the erasure travels A → B → C
        try a.store.write(user: "dpo") { tx in try tx.erasePersonalData(id) }
        try await withServer(a) { server, _ in try await b.sync(with: server) }
        try await withServer(b) { server, _ in try await c.sync(with: server) }

        // Then no file of any node holds the name any more, and all agree
        for node in [a, b, c] {
            #expect(try files(containing: name, in: node.store.directory) == [], "\(node.name)")
            for value in sealed { #expect(try files(containing: value, in: node.store.directory) == [], "\(node.name)") }
            #expect(try node.store.complaint(id).isErased)
        }
        #expect(try b.store.digest() == a.store.digest())
        #expect(try c.store.digest() == a.store.digest())
    }
}
