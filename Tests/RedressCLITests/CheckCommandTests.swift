import Foundation
import Testing

/// `redress check` as an operator runs it, and what every other command does
/// with a file SQLite reports damaged (issue 12).
@Suite struct CheckCommandTests {
    let folder: URL
    let cli: CLIRunner

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-cli-\(UUID().uuidString)")
        cli = CLIRunner(dataDir: folder.appendingPathComponent("node"))
    }

    var database: URL { folder.appendingPathComponent("node/redress.sqlite") }

    @Test func aSoundStoreChecksCleanAndADamagedValueIsNamedAndSetAside() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.run(["init", "--division", "retail"]).status == 0)
        let added = try cli.run(["complaint", "add", "--channel", "email", "--name", "Ada", "--product", "Wombat plan 7319",
                                 "--category", "fees", "--description", "Charged twice"])
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.lastLine
        let clean = try cli.run(["check"])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("SQLite: ok") && clean.stdout.contains("checksums: ok"))

        // A byte changes in the file, as a failing disk would change it.
        var bytes = try Data(contentsOf: database)
        let range = try #require(bytes.range(of: Data("Wombat plan 7319".utf8)), "the value is in the checkpointed file")
        bytes.replaceSubrange(range, with: Data("Wombat plan 7318".utf8))
        try bytes.write(to: database)
        let damaged = try cli.run(["check", "--json"])
        #expect(damaged.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(damaged.stdout.utf8)) as? [String: Any])
        #expect(report["healthy"] as? Bool == false)
        let records = try #require(report["damaged_records"] as? [[String: String]])
        #expect(records == [["table": "complaint", "label": id]])
        #expect((report["advice"] as? String)?.contains("fetched again from a peer") == true)
        // Set aside: the junk value is not served.
        #expect(try cli.run(["show", id]).status != 0)
        #expect(!(try cli.run(["list"]).stdout.contains("7318")))
    }

    @Test func aFileSQLiteCallsMalformedIsRefusedByEveryCommandWithOneMessage() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.run(["init", "--division", "retail"]).status == 0)
        for index in 0..<150 {
            _ = try cli.run(["complaint", "add", "--channel", "email", "--name", "Customer \(index)", "--category", "fees",
                             "--description", String(repeating: "Charged twice. ", count: 20)])
        }
        var bytes = try Data(contentsOf: database)
        // A page of records in the middle of the file, not one of the schema's
        // (a damaged schema is refused at open, before any check can run).
        let pageSize = 4096
        var page = bytes.count / pageSize / 2
        while bytes[page * pageSize..<(page + 1) * pageSize].range(of: Data("CREATE ".utf8)) != nil { page += 1 }
        bytes.replaceSubrange(page * pageSize..<(page + 1) * pageSize, with: Data(repeating: 0x5A, count: pageSize))
        try bytes.write(to: database)

        let check = try cli.run(["check"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("SQLite reports the file damaged") && check.stdout.contains("rejoin"))
        for command in [["list"], ["digest"], ["status"], ["serve", "--once"]] {
            let refused = try cli.run(command)
            #expect(refused.status != 0, "\(command) must refuse the damaged store")
            #expect(refused.stderr.contains("is damaged") && refused.stderr.contains("redress check"), "\(command): \(refused.stderr)")
        }
    }
}
