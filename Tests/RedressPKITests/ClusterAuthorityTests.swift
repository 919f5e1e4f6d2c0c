import Crypto
import Foundation
import RedressModel
import RedressPKI
import SwiftASN1
import Testing
import X509

@Suite("ClusterAuthority")
struct ClusterAuthorityTests {
    let now = PKITestSupport.now

    @Test("a new CA is a self-signed P-256 CA naming its cluster, valid ten years")
    func newAuthorityHasTheExpectedShape() throws {
        // Given a cluster id
        let clusterID = UUID()
        // When a CA is created
        let ca = try ClusterAuthority.create(clusterID: clusterID, now: now)
        // Then its certificate says so
        let certificate = ca.certificate
        #expect(ca.clusterID == clusterID)
        #expect(certificate.subject == certificate.issuer)
        // X509 prints the most specific name first (RFC 4514); OpenSSL shows "O = …, CN = …".
        #expect(certificate.subject.description == "CN=Redress CA,O=Redress cluster \(clusterID.uuidString.lowercased())")
        #expect(certificate.signatureAlgorithm == .ecdsaWithSHA256)
        #expect(P256.Signing.PublicKey(certificate.publicKey) != nil)
        guard case .isCertificateAuthority = try certificate.extensions.basicConstraints else {
            Issue.record("basicConstraints is not CA:TRUE")
            return
        }
        #expect(try certificate.extensions.keyUsage?.keyCertSign == true)
        #expect(certificate.extensions.first { $0.oid == .X509ExtensionID.basicConstraints }?.critical == true)
        #expect(certificate.notValidBefore <= now)
        let years = certificate.notValidAfter.timeIntervalSince(now) / (365.25 * 86_400)
        #expect(years > 9.99 && years < 10.01)
        #expect(try ClusterAuthority.clusterID(ofAuthorityCertificate: certificate) == clusterID)
        #expect(ca.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
        #expect(try Certificate(derEncoded: ca.certificateDER) == certificate)
    }

    @Test("a CA saved to a directory loads back identical and can still issue")
    func authorityRoundTripsThroughFiles() async throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        // Given a CA saved into a directory that does not exist yet
        let ca = try ClusterAuthority.create(now: now)
        let directory = root.appendingPathComponent("data/ca")
        try ca.save(to: directory)
        // When it is loaded back
        let loaded = try ClusterAuthority.load(from: directory)
        // Then it is the same CA, and its key still signs certificates the original trusts
        #expect(loaded.clusterID == ca.clusterID)
        #expect(loaded.certificate == ca.certificate)
        #expect(loaded.certificatePEM == ca.certificatePEM)
        let credentials = try loaded.issueNodeCredentials(nodeID: .random(), nodeName: "branch-1", now: now)
        let result = await PKITestSupport.verify(credentials.certificate, root: ca.certificate, at: now)
        #expect(PKITestSupport.isValid(result))
    }

    @Test("the key is written 0600, the certificate 0644, the created directory 0700")
    func savedFilesHaveOwnerOnlyPermissions() throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        let directory = root.appendingPathComponent("ca")
        try ClusterAuthority.create(now: now).save(to: directory)
        #expect(try PKITestSupport.mode(of: directory) == 0o700)
        #expect(try PKITestSupport.mode(of: directory.appendingPathComponent("ca-key.pem")) == 0o600)
        #expect(try PKITestSupport.mode(of: directory.appendingPathComponent("ca.pem")) == 0o644)
    }

    @Test("a key file readable by group or others is refused, like ssh does", arguments: [0o644, 0o640, 0o604, 0o660])
    func openKeyPermissionsAreRefused(mode: Int) throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        // Given a saved CA whose key file was opened up
        try ClusterAuthority.create(now: now).save(to: root)
        let keyURL = root.appendingPathComponent("ca-key.pem")
        try PKITestSupport.setMode(mode, of: keyURL)
        // Then loading refuses, naming the file and its mode
        let expected = PKIError.keyPermissionsTooOpen(path: keyURL.path, mode: UInt32(mode))
        #expect(throws: expected) { try ClusterAuthority.load(from: root) }
        #expect(expected.description.contains("chmod 600"))
        #expect(expected.description.contains("0\(String(mode, radix: 8))"))
        // And once fixed, it loads
        try PKITestSupport.setMode(0o400, of: keyURL)
        _ = try ClusterAuthority.load(from: root)
    }

    @Test("saving never overwrites an existing CA")
    func saveRefusesToOverwrite() throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        let first = try ClusterAuthority.create(now: now)
        try first.save(to: root)
        let keyURL = root.appendingPathComponent("ca-key.pem")
        let keyBefore = try Data(contentsOf: keyURL)
        #expect(throws: PKIError.fileExists(path: keyURL.path)) {
            try ClusterAuthority.create(now: now).save(to: root)
        }
        #expect(try Data(contentsOf: keyURL) == keyBefore)
        #expect(try ClusterAuthority.load(from: root).clusterID == first.clusterID)
    }

    @Test("a missing file, a foreign key and a non-CA certificate are refused")
    func brokenAuthorityDirectoriesAreRefused() throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        let one = root.appendingPathComponent("one")
        let two = root.appendingPathComponent("two")
        try ClusterAuthority.create(now: now).save(to: one)
        try ClusterAuthority.create(now: now).save(to: two)

        // A key from another CA
        let keyURL = one.appendingPathComponent("ca-key.pem")
        try FileManager.default.removeItem(at: keyURL)
        try FileManager.default.copyItem(at: two.appendingPathComponent("ca-key.pem"), to: keyURL)
        #expect(throws: PKIError.keyDoesNotMatchCertificate(path: keyURL.path)) {
            try ClusterAuthority.load(from: one)
        }

        // No key at all
        try FileManager.default.removeItem(at: keyURL)
        #expect(throws: PKIError.fileMissing(path: keyURL.path)) { try ClusterAuthority.load(from: one) }

        // A node certificate where the CA certificate should be
        let ca = try ClusterAuthority.create(now: now)
        let node = try ca.issueNodeCredentials(nodeID: .random(), nodeName: "n", now: now)
        #expect(throws: PKIError.self) { try ClusterAuthority.clusterID(ofAuthorityCertificate: node.certificate) }

        // Garbage instead of PEM
        let certURL = two.appendingPathComponent("ca.pem")
        try FileManager.default.removeItem(at: certURL)
        try Data("not a certificate".utf8).write(to: certURL)
        #expect(throws: PKIError.invalidPEM(path: certURL.path, expected: "an X.509 certificate")) {
            try ClusterAuthority.load(from: two)
        }
    }

    @Test("descriptions and dumps of a CA never contain its private key")
    func descriptionsDoNotLeakTheKey() throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        let ca = try ClusterAuthority.create(now: now)
        try ca.save(to: root)
        let keyPEM = try String(contentsOf: root.appendingPathComponent("ca-key.pem"), encoding: .utf8)
        let keyLines = PKITestSupport.pemBodyLines(keyPEM)
        #expect(!keyLines.isEmpty)
        var dumped = ""
        dump(ca, to: &dumped)
        for text in [String(describing: ca), String(reflecting: ca), dumped, "\(ca)"] {
            #expect(text.lowercased().contains(ca.clusterID.uuidString.lowercased()))
            for line in keyLines { #expect(!text.contains(line)) }
        }
    }
}
