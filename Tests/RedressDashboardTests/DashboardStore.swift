import Foundation
import RedressModel
import RedressStore

/// A store in a temporary folder with complaints in two divisions, removed at the end.
final class DashboardStore: Sendable {
    let directory: URL
    let store: RedressStore
    /// 2026-03-01T00:00:00Z: the complaints are received in January and February 2026.
    static let now: Int64 = 1_772_323_200_000
    static let day: Int64 = 86_400_000

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("redress-dashboard-\(UUID().uuidString)")
        store = try RedressStore.create(at: directory, division: "retail", divisionName: "Retail banking", nodeName: "test", user: "tester")
        try store.write(user: "tester") { tx in
            // A division name that must be escaped wherever it appears.
            try tx.upsertDivision(code: "cards", name: "Cards <&> \"Co\"", conduct: .default)
        }
        let january = Self.now - 59 * Self.day
        // retail: 30 complaints, 20 closed after 2 days; cards: 12, all acknowledged, none closed.
        for n in 0..<30 {
            try add(division: "retail", at: january + Int64(n) * Self.day) { tx, id in
                try tx.take(.acknowledge, on: id)
                if n < 20 { try tx.take(.close, on: id, .init(csat: 1 + n % 5, nps: n % 11)) }
            }
        }
        for n in 0..<12 {
            try add(division: "cards", at: january + Int64(n) * 3 * Self.day) { tx, id in
                try tx.take(.acknowledge, on: id)
            }
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func add(division: String, at received: Int64, then steps: (LocalTransaction, ComplaintID) throws -> Void = { _, _ in }) throws {
        let id = try store.write(user: "tester", at: received) { tx in
            try tx.createComplaint(NewComplaint(channel: "email", complainant: .init(name: "Ada Moss", contact: "ada@example.org"),
                                                category: "fees", description: "Charged twice", division: division,
                                                receivedAt: received))
        }
        try store.write(user: "tester", at: received + 2 * Self.day) { tx in try steps(tx, id) }
    }
}
