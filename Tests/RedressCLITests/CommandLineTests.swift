import Foundation
import Testing

@Suite struct CommandLineTests {
    let folder: URL
    let cli: CLIRunner
    static let ada = #"{"channel":"email","complainant":{"name":"Ada Moss","contact":"ada@example.org"},"product":"Current account","category":"fees","description":"Charged twice","requested_remedy":"refund"}"#

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-cli-\(UUID().uuidString)")
        cli = CLIRunner(dataDir: folder.appendingPathComponent("node"))
    }

    func initialised() throws -> String {
        let created = try cli.run(["init", "--division", "retail", "--node-name", "branch-1"])
        #expect(created.status == 0, "\(created.stderr)")
        for login in ["ann", "bob"] {
            let user = try cli.run(["user", "add", login, "--division", "retail", "--role", "agent", "--no-password"])
            #expect(user.status == 0, "\(user.stderr)")
        }
        let added = try cli.run(["complaint", "add", "--user", "ann"], stdin: Self.ada)
        #expect(added.status == 0, "\(added.stderr)")
        return added.lastLine
    }

    func digest() throws -> String { try cli.run(["digest"]).stdout }

    @Test func aComplaintFromJSONGoesThroughItsLifecycle() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = try initialised()
        #expect(id.count == 36)
        for arguments in [["acknowledge", id], ["assign", id, "--to", "bob"],
                          ["respond", id, "--decision", "Refunded", "--remedy", "refund", "--outcome", "upheld", "--redress", "25.00 GBP"],
                          ["close", id, "--csat", "5", "--nps", "9", "--first-contact"]] {
            let result = try cli.run(arguments + ["--user", "bob"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let shown = try cli.run(["show", id, "--json"])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(record["stage"] as? String == "closed")
        #expect(record["csat"] as? Int == 5)
        #expect(record["first_contact"] as? Bool == true)
        #expect((record["complainant"] as? [String: Any])?["name"] as? String == "Ada Moss")
        #expect((record["history"] as? [[String: Any]])?.compactMap { $0["to"] as? String } == ["acknowledged", "responded", "closed"])

        let listed = try cli.run(["list", "--json", "--stage", "closed"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == [id])
        for key in ["channel", "complainant", "product", "category", "description", "requested_remedy", "stage", "level", "ack_due_at", "respond_due_at"] {
            #expect(list.first?[key] != nil, "list --json lacks \(key)")
        }
        let table = try cli.run(["list"])
        #expect(table.stdout.contains(id) && table.stdout.contains("1 complaint"))
    }

    @Test(arguments: [
        (["close", "ID", "--csat", "7"], "--csat must be between 1 and 5"),
        (["close", "0190aaaa-0000-7000-8000-000000000000"], "no complaint with id"),
        (["respond", "ID", "--decision", "x", "--remedy", "teleport", "--outcome", "upheld"], "remedy"),
        (["list", "--stage", "limbo"], "known stages"),
        (["assign", "ID"], "--to"),
    ])
    func refusedStepsExitNonZeroNameTheProblemAndChangeNothing(arguments: [String], message: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = try initialised()
        let before = try digest()
        let result = try cli.run(arguments.map { $0 == "ID" ? id : $0 })
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(try digest() == before)
    }

    @Test func respondingToAClosedComplaintIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = try initialised()
        #expect(try cli.run(["close", id]).status == 0)
        let before = try digest()
        let result = try cli.run(["respond", id, "--decision", "Too late", "--remedy", "apology", "--outcome", "not-upheld"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("it is closed"))
        #expect(try digest() == before)
    }

    @Test(arguments: [
        (#"{"channel":"pigeon","complainant":{"name":"A"},"category":"fees","description":"x"}"#, "invalid channel \"pigeon\""),
        (#"{"chanel":"email"}"#, "unknown field \"chanel\""),
        (#"{"channel":"email","category":"fees","description":"x"}"#, "complainant"),
        ("not json", "not valid JSON"),
        (#"{"channel":"email","complainant":{"name":"A"},"category":"fees","description":"x","received_at":"yesterday"}"#, "ISO 8601"),
    ])
    func badComplaintInputIsRefused(input: String, message: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try initialised()
        let before = try digest()
        let result = try cli.run(["complaint", "add"], stdin: input)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(try digest() == before)
    }

    @Test func initTwiceRefusesAndChangesNothing() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try initialised()
        let before = try digest()
        let again = try cli.run(["init", "--division", "other"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("already exists"))
        #expect(try digest() == before)
    }

    @Test func aMissingOrCorruptStoreGetsAClearMessage() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try cli.run(["list"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no Redress store") && missing.stderr.contains("redress init"))

        try FileManager.default.createDirectory(at: cli.dataDir, withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 4096).write(to: cli.dataDir.appendingPathComponent("redress.sqlite"))
        let corrupt = try cli.run(["list"])
        #expect(corrupt.status != 0)
        #expect(corrupt.stderr.contains("corrupt"))
        #expect(!corrupt.stderr.contains("Fatal error"))
    }

    @Test func aReadOnlyStoreGetsAClearMessageAndIsLeftAsItWas() throws {
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: cli.dataDir.path)
            try? FileManager.default.removeItem(at: folder)
        }
        _ = try initialised()
        let database = cli.dataDir.appendingPathComponent("redress.sqlite")
        #expect(try cli.run(["digest"]).status == 0)  // leaves no WAL behind once closed
        let before = try Data(contentsOf: database)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        for file in try FileManager.default.contentsOfDirectory(at: cli.dataDir, includingPropertiesForKeys: nil) {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: cli.dataDir.path)

        let added = try cli.run(["complaint", "add"], stdin: Self.ada, asUnprivilegedUser: true)
        #expect(added.status != 0)
        #expect(added.stderr.contains("read-only"), "stderr: \(added.stderr)")
        #expect(!added.stderr.contains("Fatal error"))
        #expect(try Data(contentsOf: database) == before)
    }

    /// The files under `directory` (subfolders too) whose bytes contain `needle`.
    static func filesHolding(_ needle: String, in directory: URL) throws -> [String] {
        let files = (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])?.allObjects as? [URL] ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
        return try files.filter { try Data(contentsOf: $0).range(of: Data(needle.utf8)) != nil }.map(\.lastPathComponent)
    }

    @Test func erasingPersonalDataRemovesItFromTheDataFolder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = try initialised()
        #expect(try cli.run(["note", id, "Ada Moss called back"]).status == 0)
        // The node shows the name, and keeps it only sealed: no file holds its text.
        #expect(try cli.run(["show", id]).stdout.contains("Ada Moss"))
        #expect(try Self.filesHolding("Ada Moss", in: cli.dataDir) == [])
        let erased = try cli.run(["erase-personal-data", id])
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(try Self.filesHolding("Ada Moss", in: cli.dataDir) == [])
        let shown = try cli.run(["show", id])
        #expect(shown.stdout.contains("personal data erased"))
    }

    @Test func serveRefusesAFolderWithoutAStoreUnlessAskedForTheDemo() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let refused = try cli.run(["serve", "--once"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("no Redress store") && refused.stderr.contains("--demo"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.dataDir.appendingPathComponent("redress.sqlite").path))
    }

    @Test func serveDemoOnAFreshFolderCreatesAStoreWithSampleDataAndAnAccountPerRole() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let served = try cli.run(["serve", "--demo", "--once"])
        #expect(served.status == 0, "\(served.stderr)")
        #expect(served.stdout.contains(cli.dataDir.path))
        #expect(served.stdout.contains("sample complaints"))
        for role in ["agent", "supervisor", "manager", "analyst", "intake", "admin"] {
            #expect(served.stdout.contains(" \(role) "), "no sample \(role) account in: \(served.stdout)")
        }
        let users = try cli.run(["user", "list", "--json"])
        let accounts = try #require(try JSONSerialization.jsonObject(with: Data(users.stdout.utf8)) as? [[String: Any]])
        #expect(accounts.filter { $0["can_sign_in"] as? Bool == true }.count == 6)
        let listed = try cli.run(["list", "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(list.count > 20)
        // A second start keeps the data and loads nothing twice.
        let again = try cli.run(["serve", "--once"])
        #expect(again.stdout.contains("Opened"))
        #expect(try cli.run(["list", "--json"]).stdout == listed.stdout)
    }

    @Test func aBadDashboardAddressIsRefusedBeforeAnythingStarts() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let flag = try cli.run(["serve", "--demo", "--once", "--dashboard", "localhost"])
        #expect(flag.status != 0)
        #expect(flag.stderr.contains("--http must be HOST:PORT"), "\(flag.stderr)")
        // Nothing was created.
        #expect(!FileManager.default.fileExists(atPath: cli.dataDir.appendingPathComponent("redress.sqlite").path))
        let config = folder.appendingPathComponent("redress.json")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"dashboard": "nowhere"}"#.utf8).write(to: config)
        let file = try cli.run(["serve", "--demo", "--once", "--config", config.path])
        #expect(file.status != 0)
        #expect(file.stderr.contains("\"http\" must be HOST:PORT"), "\(file.stderr)")
        try Data(#"{"dashboard": "off"}"#.utf8).write(to: config)
        #expect(try cli.run(["serve", "--demo", "--once", "--config", config.path]).status == 0)
    }

    @Test func plainHTTPOffLoopbackIsRefusedWithTheFixAndNothingIsCreated() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        for arguments in [["--http", "0.0.0.0:7480"], ["--dashboard", "192.168.1.9:7480"]] {
            let refused = try cli.run(["serve", "--demo", "--once"] + arguments)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("refusing to serve plain HTTP") && refused.stderr.contains("--http-cert"), "\(refused.stderr)")
        }
        let half = try cli.run(["serve", "--demo", "--once", "--http-cert", "cert.pem"])
        #expect(half.status != 0 && half.stderr.contains("go together"), "\(half.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.dataDir.appendingPathComponent("redress.sqlite").path))
    }
}
