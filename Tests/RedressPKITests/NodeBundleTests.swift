import Foundation
import RedressModel
import RedressPKI
import Testing
import X509

@Suite("NodeBundle")
struct NodeBundleTests {
    let now = PKITestSupport.now

    func makeBundle(_ ca: ClusterAuthority, name: String = "lyon", division: String = "FR-LYO") throws -> NodeBundle {
        let credentials = try ca.issueNodeCredentials(nodeID: .random(), nodeName: name, now: now)
        return try NodeBundle(division: division, credentials: credentials, authorityCertificate: ca.certificate)
    }

    @Test("a written bundle reads back with the same identity, key and CA")
    func bundleRoundTrips() throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        // Given a bundle written to a new directory
        let ca = try ClusterAuthority.create(now: now)
        let bundle = try makeBundle(ca)
        let directory = root.appendingPathComponent("out/lyon")
        try bundle.write(to: directory)
        // When it is read back
        let read = try NodeBundle.read(from: directory)
        // Then everything agrees
        #expect(read.clusterID == ca.clusterID)
        #expect(read.nodeID == bundle.nodeID)
        #expect(read.nodeName == "lyon")
        #expect(read.division == "FR-LYO")
        #expect(read.serialNumber == bundle.serialNumber)
        #expect(read.credentials.certificate == bundle.credentials.certificate)
        #expect(read.credentials.privateKeyPEM == bundle.credentials.privateKeyPEM)
        #expect(read.authorityCertificate == ca.certificate)
        #expect(read.authorityCertificatePEM == ca.certificatePEM)
        // And the files are the documented ones, with the documented modes
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["bundle.json", "ca.pem", "node-key.pem", "node.pem"])
        #expect(try PKITestSupport.mode(of: directory) == 0o700)
        #expect(try PKITestSupport.mode(of: directory.appendingPathComponent("node-key.pem")) == 0o600)
        #expect(try PKITestSupport.mode(of: directory.appendingPathComponent("node.pem")) == 0o644)
        // And bundle.json carries the identity in plain JSON
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: directory.appendingPathComponent("bundle.json"))) as? [String: Any]
        #expect(json?["cluster_id"] as? String == ca.clusterID.uuidString.lowercased())
        #expect(json?["node_id"] as? String == bundle.nodeID.description)
        #expect(json?["node_name"] as? String == "lyon")
        #expect(json?["division"] as? String == "FR-LYO")
        #expect(json?["certificate_serial"] as? String == bundle.serialNumber)
        #expect(json?["format"] as? Int == 1)
    }

    @Test("a partial bundle is refused with an error naming each missing file", arguments: [
        ["node-key.pem"], ["node.pem"], ["ca.pem"], ["bundle.json"], ["node-key.pem", "bundle.json"],
    ])
    func partialBundleIsRefused(removed: [String]) throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        try makeBundle(ClusterAuthority.create(now: now)).write(to: root)
        for name in removed { try FileManager.default.removeItem(at: root.appendingPathComponent(name)) }
        let expected = PKIError.bundleIncomplete(directory: root.path, missing: removed)
        #expect(throws: expected) { try NodeBundle.read(from: root) }
        for name in removed { #expect(expected.description.contains(name)) }
    }

    @Test("a missing bundle directory is refused")
    func missingBundleIsRefused() throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        let nowhere = root.appendingPathComponent("nowhere")
        #expect(throws: PKIError.fileMissing(path: nowhere.path)) { try NodeBundle.read(from: nowhere) }
    }

    @Test("a bundle whose key others can read is refused")
    func openKeyIsRefused() throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        try makeBundle(ClusterAuthority.create(now: now)).write(to: root)
        let keyURL = root.appendingPathComponent("node-key.pem")
        try PKITestSupport.setMode(0o644, of: keyURL)
        #expect(throws: PKIError.keyPermissionsTooOpen(path: keyURL.path, mode: 0o644)) {
            try NodeBundle.read(from: root)
        }
    }

    @Test("files mixed from different bundles or edited metadata are refused")
    func inconsistentBundlesAreRefused() throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        let ca = try ClusterAuthority.create(now: now)
        let a = root.appendingPathComponent("a")
        let b = root.appendingPathComponent("b")
        let c = root.appendingPathComponent("c")
        try makeBundle(ca, name: "a").write(to: a)
        try makeBundle(ca, name: "b").write(to: b)
        try makeBundle(ClusterAuthority.create(now: now), name: "c").write(to: c)

        func replace(_ name: String, in target: URL, from source: URL) throws {
            try FileManager.default.removeItem(at: target.appendingPathComponent(name))
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }

        // bundle.json of another node from the same CA
        try replace("bundle.json", in: a, from: b)
        #expect(throws: PKIError.self) { try NodeBundle.read(from: a) }
        do {
            _ = try NodeBundle.read(from: a)
        } catch let error as PKIError {
            guard case .invalidBundle(_, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(reason.contains("node_id") && reason.contains("certificate_serial"))
        }

        // The CA of another cluster
        try replace("ca.pem", in: b, from: c)
        #expect(throws: PKIError.notIssuedByClusterAuthority) { try NodeBundle.read(from: b) }

        // A certificate that does not belong to the key
        try replace("node.pem", in: c, from: a)
        #expect(throws: PKIError.keyDoesNotMatchCertificate(path: c.appendingPathComponent("node-key.pem").path)) {
            try NodeBundle.read(from: c)
        }

        // Malformed JSON
        let d = root.appendingPathComponent("d")
        try makeBundle(ca, name: "d").write(to: d)
        let metadataURL = d.appendingPathComponent("bundle.json")
        try FileManager.default.removeItem(at: metadataURL)
        try Data("{\"format\": 1}".utf8).write(to: metadataURL)
        #expect(throws: PKIError.invalidBundle(path: metadataURL.path, reason: "not the expected JSON object")) {
            try NodeBundle.read(from: d)
        }
    }

    @Test("writing never overwrites an existing bundle")
    func writeRefusesToOverwrite() throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        let ca = try ClusterAuthority.create(now: now)
        let first = try makeBundle(ca, name: "first")
        try first.write(to: root)
        #expect(throws: PKIError.fileExists(path: root.appendingPathComponent("node-key.pem").path)) {
            try makeBundle(ca, name: "second").write(to: root)
        }
        #expect(try NodeBundle.read(from: root).nodeID == first.nodeID)
    }

    @Test("a bundle's description and dump never contain the node key")
    func descriptionsDoNotLeakTheKey() throws {
        let bundle = try makeBundle(ClusterAuthority.create(now: now))
        var dumped = ""
        dump(bundle, to: &dumped)
        let keyLines = PKITestSupport.pemBodyLines(bundle.credentials.privateKeyPEM)
        for text in [String(describing: bundle), String(reflecting: bundle), dumped] {
            #expect(text.contains(bundle.serialNumber))
            for line in keyLines { #expect(!text.contains(line)) }
        }
    }
}
