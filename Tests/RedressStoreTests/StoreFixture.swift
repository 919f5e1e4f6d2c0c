import Foundation
import RedressModel
import RedressStore
import Synchronization

/// A wall clock that tests move by hand, so due times and HLC ties are deterministic.
final class ManualClock: Sendable {
    private let millis: Mutex<UInt64>

    init(_ start: UInt64 = 1_800_000_000_000) { millis = Mutex(start) }

    var now: UInt64 { millis.withLock { $0 } }

    func advance(by delta: UInt64) { millis.withLock { $0 += delta } }

    var configuration: StoreConfiguration {
        var configuration = StoreConfiguration()
        configuration.wallClock = { [self] in now }
        return configuration
    }
}

/// A temporary folder removed when the test is done with it.
final class TemporaryDirectory {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("redress-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func subdirectory(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}

enum Fixture {
    static func complaint(name: String = "Ada Moss", contact: String = "ada@example.org", category: String = "fees",
                          channel: String = "email", description: String = "Charged twice") -> NewComplaint {
        NewComplaint(channel: channel, complainant: .init(name: name, contact: contact), product: "Current account",
                     category: category, description: description, requestedRemedy: "refund")
    }

    /// Every byte of every file in `directory` and its subfolders (the key
    /// files too), to look for data that must be gone.
    static func filesContain(_ needle: String, in directory: URL) throws -> [String] {
        let bytes = Data(needle.utf8)
        let files = (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])?.allObjects as? [URL] ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
        return try files.filter { try Data(contentsOf: $0).range(of: bytes) != nil }.map(\.lastPathComponent)
    }

    /// Syncs `from` into `to` until `to` has everything `from` has.
    @discardableResult
    static func sync(from: RedressStore, to: RedressStore, maxFields: Int = 10_000) throws -> Int {
        var applied = 0
        while true {
            let batch = try from.changes(after: to.versionVector(), maxFields: maxFields)
            if batch.isEmpty { return applied }
            applied += try to.apply(batch).applied
        }
    }
}
