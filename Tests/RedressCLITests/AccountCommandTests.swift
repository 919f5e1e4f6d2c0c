import Foundation
import Testing

/// `redress user …`, `redress token …` and `--user` held to the access matrix.
@Suite struct AccountCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-accounts-\(UUID().uuidString)")
    var cli: CLIRunner { CLIRunner(dataDir: folder.appendingPathComponent("node")) }

    func initialised() throws {
        let created = try cli.run(["init", "--division", "retail", "--admin", "boss"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("admin boss"))
    }

    func digest() throws -> String { try cli.run(["digest"]).stdout }

    func accounts() throws -> [[String: Any]] {
        let listed = try cli.run(["user", "list", "--json", "--user", "boss"])
        return try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    }

    @Test func initMakesTheFirstAdminWhoAddsListsAndDeactivatesAccounts() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try initialised()
        let added = try cli.run(["user", "add", "sam", "--division", "retail", "--role", "agent", "--name", "Sam Lee", "--user", "boss"],
                                stdin: "a long passphrase\n")
        #expect(added.status == 0, "\(added.stderr)")
        // The password is never printed, and never kept in plain text.
        #expect(!added.stdout.contains("passphrase"))
        #expect(try CommandLineTests.filesHolding("a long passphrase", in: cli.dataDir) == [])
        let sam = try #require(try accounts().first { $0["login"] as? String == "sam" })
        #expect(sam["name"] as? String == "Sam Lee" && sam["role"] as? String == "agent" && sam["can_sign_in"] as? Bool == true)
        #expect(try accounts().first { $0["login"] as? String == "boss" }?["role"] as? String == "admin")

        let deactivated = try cli.run(["user", "deactivate", "sam", "--user", "boss"])
        #expect(deactivated.status == 0, "\(deactivated.stderr)")
        #expect(try accounts().first { $0["login"] as? String == "sam" }?["active"] as? Bool == false)
        let refused = try cli.run(["list", "--user", "sam"])
        #expect(refused.status != 0 && refused.stderr.contains("deactivated"), "\(refused.stderr)")
    }

    @Test func anUnknownUserAndAPasswordFromAFlagAreRefused() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try initialised()
        let before = try digest()
        let unknown = try cli.run(["complaint", "add", "--user", "mallory"], stdin: CommandLineTests.ada)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no account with login mallory"), "\(unknown.stderr)")
        let flag = try cli.run(["user", "add", "lee", "--division", "retail", "--role", "agent", "--password", "hunter22", "--user", "boss"])
        #expect(flag.status != 0)
        let empty = try cli.run(["user", "add", "lee", "--division", "retail", "--role", "agent", "--user", "boss"], stdin: "")
        #expect(empty.status != 0 && empty.stderr.contains("standard input"), "\(empty.stderr)")
        let role = try cli.run(["user", "add", "lee", "--division", "retail", "--role", "wizard", "--user", "boss"], stdin: "long enough\n")
        #expect(role.status != 0 && role.stderr.contains("wizard"), "\(role.stderr)")
        #expect(try digest() == before)
    }

    @Test func rolesAreHeldToTheMatrixOnTheCommandLine() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try initialised()
        for (login, role) in [("sam", "agent"), ("ana", "analyst")] {
            #expect(try cli.run(["user", "add", login, "--division", "retail", "--role", role, "--no-password", "--user", "boss"]).status == 0)
        }
        let id = try cli.run(["complaint", "add", "--user", "sam"], stdin: CommandLineTests.ada).lastLine
        #expect(try cli.run(["escalate", id, "--user", "sam"]).status == 0)
        let before = try digest()
        let respond = try cli.run(["respond", id, "--decision", "Refunded", "--remedy", "refund", "--outcome", "upheld", "--user", "sam"])
        #expect(respond.status != 0)
        #expect(respond.stderr.contains("only a supervisor or above"), "\(respond.stderr)")
        let erase = try cli.run(["erase-personal-data", id, "--user", "sam"])
        #expect(erase.status != 0 && erase.stderr.contains("may not erase personal data"), "\(erase.stderr)")
        let show = try cli.run(["show", id, "--user", "ana"])
        #expect(show.status != 0 && show.stderr.contains("no complaint with id"), "\(show.stderr)")
        let users = try cli.run(["user", "add", "eve", "--division", "retail", "--role", "admin", "--no-password", "--user", "sam"])
        #expect(users.status != 0 && users.stderr.contains("may not manage accounts"), "\(users.stderr)")
        #expect(try digest() == before)
        // The analyst sees figures, not complaints.
        #expect(try cli.run(["report", "--by", "division", "--user", "ana"]).status == 0)
        // History names the acting account.
        let shown = try cli.run(["show", id, "--json", "--user", "boss"])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect((record["history"] as? [[String: Any]])?.map { $0["user"] as? String } == ["sam"])
        #expect(record["created_by"] as? String == "sam")
    }

    @Test func aTokenIsPrintedOnceAloneOnTheLastLineListedWithoutItsSecretAndRevoked() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try initialised()
        #expect(try cli.run(["user", "add", "webform", "--division", "retail", "--role", "intake", "--no-password", "--user", "boss"]).status == 0)
        let created = try cli.run(["token", "create", "--user", "webform", "--name", "website", "--as", "boss"])
        #expect(created.status == 0, "\(created.stderr)")
        let token = created.lastLine
        #expect(token.hasPrefix("rdr_") && !token.contains(" "))
        let listed = try cli.run(["token", "list", "--json", "--as", "boss"])
        #expect(listed.stdout.contains("website") && !listed.stdout.contains(token))
        let duplicate = try cli.run(["token", "create", "--user", "webform", "--name", "website", "--as", "boss"])
        #expect(duplicate.status != 0 && duplicate.stderr.contains("exists already"))
        #expect(try cli.run(["token", "revoke", "website", "--as", "boss"]).status == 0)
        let after = try cli.run(["token", "list", "--json", "--as", "boss"])
        let tokens = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
        #expect(tokens.map { $0["revoked"] as? Bool } == [true])
    }
}
