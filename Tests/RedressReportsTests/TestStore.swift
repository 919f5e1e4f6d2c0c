import Foundation
import RedressModel
import RedressStore

/// A store in a fresh temporary folder, removed when the test is done with it.
final class TestStore {
    let directory: URL
    let store: RedressStore

    init(division: String = "head-office") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("redress-reports-\(UUID().uuidString)")
        store = try RedressStore.create(at: directory, division: division, nodeName: "test", user: "tester")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// A file in the store's temporary folder holding `text`.
    func file(_ name: String, _ text: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The fixture copied into the test bundle.
    static func fixture(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    /// 2025-01-01T00:00:00Z: a fixed "now", long after every fixture complaint was due.
    static let now: Int64 = 1_735_689_600_000

    /// Unix ms of a UTC day, `2026-03-01`.
    static func day(_ text: String) -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return Int64(formatter.date(from: text)!.timeIntervalSince1970 * 1000)
    }
}
