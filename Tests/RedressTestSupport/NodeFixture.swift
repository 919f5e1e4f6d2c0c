public import Foundation
public import RedressModel
public import RedressNode
public import RedressStore
import Synchronization

/// A wall clock that tests move by hand.
public final class ManualClock: Sendable {
    private let millis: Mutex<Int64>

    public init(_ start: Int64 = 1_800_000_000_000) { millis = Mutex(start) }

    public var now: Int64 { millis.withLock { $0 } }

    public func advance(by delta: Int64) { millis.withLock { $0 += delta } }

    public var storeConfiguration: StoreConfiguration {
        var configuration = StoreConfiguration()
        configuration.wallClock = { [self] in UInt64(now) }
        return configuration
    }
}

/// A temporary folder removed when the test is done with it.
public final class TemporaryDirectory {
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("redress-node-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func subdirectory(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A node of division `retail` that also knows division `north`, with an
/// admin `root` and one account per role in each division (login
/// `<role>-<division>`), all with the password `correct horse`.
public struct NodeFixture {
    public static let divisions = ["retail", "north"]
    public static let password = "correct horse"

    public let folder = TemporaryDirectory()
    public let clock = ManualClock()
    public let node: NodeService
    public let admin: Account

    public init(accounts: Bool = true, directory: String = "node") throws {
        let store = try RedressStore.create(at: folder.subdirectory(directory), division: "retail", nodeName: "branch-1",
                                            user: "root", configuration: clock.storeConfiguration) { tx in
            try FirstAdmin.create(in: tx, login: "root", division: "retail")
            try tx.upsertDivision(code: "north", name: "North", conduct: .default)
        }
        node = Self.service(store, clock: clock)
        admin = try node.actingAccount("root")
        if accounts {
            for division in Self.divisions {
                for role in Role.allCases {
                    try node.addAccount(login: Self.login(role, division), name: "\(role) of \(division)", division: division,
                                        role: role, password: Self.password, by: admin)
                }
            }
        }
    }

    /// The cheapest bcrypt cost: the tests check behaviour, not hash strength.
    public static func service(_ store: RedressStore, clock: ManualClock) -> NodeService {
        NodeService(store: store, passwords: PasswordHasher(cost: 4), clock: { clock.now })
    }

    public static func login(_ role: Role, _ division: String) -> String { "\(role.rawValue)-\(division)" }

    public func account(_ role: Role, _ division: String = "retail") throws -> Account {
        try node.actingAccount(Self.login(role, division))
    }

    public static func complaint(division: String? = nil, name: String = "Ada Moss", description: String = "Charged twice") -> NewComplaint {
        NewComplaint(channel: "email", complainant: .init(name: name, contact: "ada@example.org"), product: "Current account",
                     category: "fees", description: description, requestedRemedy: "refund", division: division)
    }

    /// Every byte of every file in `directory` and its subfolders (the key
    /// files too), to look for data that must be gone.
    public static func filesContain(_ needle: String, in directory: URL) throws -> [String] {
        let bytes = Data(needle.utf8)
        let files = (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])?.allObjects as? [URL] ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
        return try files.filter { try Data(contentsOf: $0).range(of: bytes) != nil }.map(\.lastPathComponent)
    }

    /// Syncs `from` into `to` until `to` has everything `from` has.
    public static func sync(from: RedressStore, to: RedressStore) throws {
        while true {
            let batch = try from.changes(after: to.versionVector())
            if batch.isEmpty { return }
            _ = try to.apply(batch)
        }
    }
}
