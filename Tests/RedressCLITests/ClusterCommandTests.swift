import Foundation
import RedressModel
import RedressPKI
import Testing

/// `redress cluster init`, `node add`, `init --join`, `node retire`, `node list`,
/// run as an admin would, each node in its own data folder.
@Suite struct ClusterCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-cluster-\(UUID().uuidString)")
    var head: CLIRunner { CLIRunner(dataDir: folder.appendingPathComponent("head")) }
    var lyon: CLIRunner { CLIRunner(dataDir: folder.appendingPathComponent("lyon")) }
    var bundle: URL { folder.appendingPathComponent("bundle-lyon") }

    func mode(_ url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    func members(_ cli: CLIRunner) throws -> [[String: Any]] {
        let listed = try cli.run(["node", "list", "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    }

    /// head: first node of a cluster; its CA issued lyon's bundle.
    func clusterWithBundle() throws {
        let created = try head.run(["cluster", "init", "--division", "retail", "--node-name", "head"])
        #expect(created.status == 0, "\(created.stderr)")
        let added = try head.run(["node", "add", "lyon", "--division", "lyon", "--out", bundle.path])
        #expect(added.status == 0, "\(added.stderr)")
    }

    @Test func aClusterIsMadeANodeAddedAndJoinedAndBothListTheMembers() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try clusterWithBundle()
        let headTLS = head.dataDir.appendingPathComponent("tls")
        #expect(try mode(headTLS) == 0o700)
        #expect(try mode(headTLS.appendingPathComponent("node-key.pem")) == 0o600)
        #expect(try mode(headTLS.appendingPathComponent("ca/ca-key.pem")) == 0o600)
        // The recovery key is written beside the data folder, owner-only, never inside it
        let recoveryKey = folder.appendingPathComponent("redress-recovery-key.txt")
        #expect(try mode(recoveryKey) == 0o600)
        #expect(try String(contentsOf: recoveryKey, encoding: .utf8).hasPrefix("redress-recovery-key-v1:"))
        #expect(try CommandLineTests.filesHolding(String(contentsOf: recoveryKey, encoding: .utf8), in: head.dataDir) == [])
        #expect(exists(headTLS.appendingPathComponent("node.pem")) && exists(headTLS.appendingPathComponent("ca.pem")))
        #expect(try mode(bundle.appendingPathComponent("node-key.pem")) == 0o600)
        #expect(try head.run(["list", "--json"]).stdout.filter { !$0.isWhitespace } == "[]", "a new cluster has no complaints")

        let joined = try lyon.run(["init", "--join", bundle.path])
        #expect(joined.status == 0, "\(joined.stderr)")
        let lyonTLS = lyon.dataDir.appendingPathComponent("tls")
        #expect(try mode(lyonTLS) == 0o700)
        #expect(try mode(lyonTLS.appendingPathComponent("node-key.pem")) == 0o600)
        #expect(exists(lyonTLS.appendingPathComponent("ca.pem")) && exists(lyonTLS.appendingPathComponent("node.pem")))
        #expect(!exists(lyonTLS.appendingPathComponent("ca")), "only the first node holds the CA")

        let onHead = try members(head)
        #expect(onHead.compactMap { $0["name"] as? String } == ["head", "lyon"])
        #expect(onHead.compactMap { $0["division"] as? String } == ["retail", "lyon"])
        #expect(onHead.allSatisfy { $0["status"] as? String == "active" })
        #expect(onHead.compactMap { $0["this_node"] as? Bool } == [true, false])
        let lyonOnHead = try #require(onHead.last)
        let onLyon = try members(lyon)
        #expect(onLyon.count == 1, "lyon knows only itself until it syncs")
        #expect(onLyon.first?["node_id"] as? String == lyonOnHead["node_id"] as? String)
        #expect(onLyon.first?["certificate_serial"] as? String == lyonOnHead["certificate_serial"] as? String)
        #expect(onLyon.first?["this_node"] as? Bool == true)

        let table = try head.run(["node", "list"])
        #expect(table.stdout.contains("never") && table.stdout.contains("2 members in cluster"), "\(table.stdout)")
        // A second bundle into the same folder is refused rather than overwriting the first
        let again = try head.run(["node", "add", "nice", "--division", "nice", "--out", bundle.path])
        #expect(again.status != 0 && again.stderr.contains("overwrite"), "\(again.stderr)")
        #expect(try members(head).count == 2)
    }

    @Test(arguments: ["node.pem", "node-key.pem", "ca.pem", "bundle.json"])
    func aBundleWithAMissingFileIsRefusedNamingItAndNothingIsMade(missing: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try clusterWithBundle()
        try FileManager.default.removeItem(at: bundle.appendingPathComponent(missing))
        let joined = try lyon.run(["init", "--join", bundle.path])
        #expect(joined.status != 0)
        #expect(joined.stderr.contains("missing \(missing)"), "\(joined.stderr)")
        #expect(!exists(lyon.dataDir), "a failed join leaves no data folder")
    }

    @Test func joiningOrMakingAClusterWhereAStoreExistsChangesNothing() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try clusterWithBundle()
        #expect(try lyon.run(["init", "--division", "retail", "--node-name", "plain"]).status == 0)
        let digest = try lyon.run(["digest"]).stdout
        for arguments in [["init", "--join", bundle.path], ["cluster", "init", "--division", "retail"]] {
            let refused = try lyon.run(arguments)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("already exists"), "\(arguments): \(refused.stderr)")
            #expect(!exists(lyon.dataDir.appendingPathComponent("tls")))
        }
        #expect(try lyon.run(["digest"]).stdout == digest)
        let mismatch = try CLIRunner(dataDir: folder.appendingPathComponent("other")).run(["init", "--join", bundle.path, "--division", "paris"])
        #expect(mismatch.status != 0 && mismatch.stderr.contains("is for division lyon"), "\(mismatch.stderr)")
    }

    @Test func joiningWithAnExpiredCertificateIsRefusedAndCreatesNothing() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // Given a bundle whose certificate was valid for the month before yesterday
        let now = Date()
        let authority = try ClusterAuthority.create(now: now.addingTimeInterval(-90 * 86_400))
        let credentials = try authority.issueNodeCredentials(nodeID: .random(), nodeName: "lyon",
                                                             notValidBefore: now.addingTimeInterval(-31 * 86_400),
                                                             notValidAfter: now.addingTimeInterval(-86_400))
        try NodeBundle(division: "lyon", credentials: credentials, authorityCertificate: authority.certificate).write(to: bundle)
        // When a new node joins with it
        let refused = try lyon.run(["init", "--join", bundle.path])
        // Then it is refused with the date and what to do, and no store or TLS folder is left
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("expired on") && refused.stderr.contains("redress node add lyon"), "\(refused.stderr)")
        #expect(!exists(lyon.dataDir.appendingPathComponent("redress.sqlite")))
        #expect(!exists(lyon.dataDir.appendingPathComponent("tls")))
    }

    @Test func nodeAddIsRefusedOnANodeWithoutTheCA() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try clusterWithBundle()
        #expect(try lyon.run(["init", "--join", bundle.path]).status == 0)
        let plain = CLIRunner(dataDir: folder.appendingPathComponent("plain"))
        #expect(try plain.run(["init", "--division", "retail"]).status == 0)
        for cli in [lyon, plain] {
            let out = folder.appendingPathComponent("bundle-\(UUID().uuidString)")
            let refused = try cli.run(["node", "add", "nice", "--division", "nice", "--out", out.path])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("run this on the node that ran `redress cluster init`"), "\(refused.stderr)")
            #expect(!exists(out))
        }
        #expect(try members(lyon).count == 1)
    }

    @Test func aRetiredNodeIsListedAsRetiredAndThisNodeCannotBeRetired() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try clusterWithBundle()
        let retired = try head.run(["node", "retire", "lyon"])
        #expect(retired.status == 0, "\(retired.stderr)")
        let listed = try members(head)
        #expect(listed.first { $0["name"] as? String == "lyon" }?["status"] as? String == "retired")
        #expect(listed.first { $0["name"] as? String == "head" }?["status"] as? String == "active")
        #expect(try head.run(["node", "list"]).stdout.contains("(1 retired)"))

        let selfRetire = try head.run(["node", "retire", "head"])
        #expect(selfRetire.status != 0 && selfRetire.stderr.contains("is this node"), "\(selfRetire.stderr)")
        let unknown = try head.run(["node", "retire", "nowhere"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no member has this name"), "\(unknown.stderr)")
        #expect(try members(head).filter { $0["status"] as? String == "retired" }.count == 1)
    }
}
