import Foundation
import RedressModel
import RedressStore

/// A deterministic generator (SplitMix64), so randomised tests do the same on every run.
typealias SeededGenerator = SplitMix64

/// A temporary folder removed when the test is done with it.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("redress-sync-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func subdirectory(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}

enum StoreFixture {
    /// A new store in `directory/name`; with `member`, it records itself in
    /// the cluster's membership, as `cluster init` and `init --join` do, so
    /// its division's nodes grant each other their keys.
    static func store(_ name: String, in directory: TemporaryDirectory, division: String = "branch", node: NodeID = .random(),
                      member: Bool = false, configuration: StoreConfiguration = StoreConfiguration()) throws -> RedressStore {
        try RedressStore.create(at: directory.subdirectory(name), division: division, nodeName: name, node: node, user: "admin",
                                configuration: configuration) { tx in
            if member { try tx.addMember(node, name: name, division: division, certificateSerial: nil) }
        }
    }

    static func complaint(_ n: Int, name: String = "Ada Moss") -> NewComplaint {
        NewComplaint(channel: "email", complainant: .init(name: name, contact: "c\(n)@example.org"), product: "Current account",
                     category: n % 2 == 0 ? "fees" : "delay", description: "Complaint number \(n)", requestedRemedy: "refund")
    }

    /// Adds `count` complaints, each with a note, a stage change and a tag.
    @discardableResult
    static func addComplaints(_ count: Int, to store: RedressStore, user: String = "agent") throws -> [ComplaintID] {
        try store.write(user: user) { tx in
            try (0..<count).map { n in
                let id = try tx.createComplaint(complaint(n))
                try tx.note(id, text: "Called the complainant back (\(n))")
                try tx.take(.acknowledge, on: id)
                try tx.tag(id, add: ["t\(n % 3)"], remove: [])
                return id
            }
        }
    }

    /// Syncs two stores directly (no network), both ways, until each has what the other has.
    static func exchange(_ a: RedressStore, _ b: RedressStore) throws {
        for (from, to) in [(a, b), (b, a), (a, b)] {
            while true {
                let batch = try from.changes(after: to.versionVector(), maxFields: 10_000)
                if batch.isEmpty { break }
                try to.apply(batch)
            }
        }
    }
}
