import Crypto
import Foundation
import RedressModel
import RedressPKI
import SwiftASN1
import Testing
import X509

@Suite("Node credentials")
struct NodeCredentialsTests {
    let now = PKITestSupport.now

    @Test("an issued certificate verifies against its CA (RFC 5280 verifier)")
    func issuedCertificateVerifies() async throws {
        let ca = try ClusterAuthority.create(now: now)
        let credentials = try ca.issueNodeCredentials(nodeID: .random(), nodeName: "head-office", now: now)
        let result = await PKITestSupport.verify(credentials.certificate, root: ca.certificate, at: now)
        #expect(PKITestSupport.isValid(result), "\(PKITestSupport.failureReasons(result))")
    }

    @Test("a certificate from another CA does not verify, even with the same cluster id")
    func certificateFromAnotherAuthorityIsRejected() async throws {
        let ca = try ClusterAuthority.create(now: now)
        // Same cluster id, hence the same subject: only the key tells them apart.
        let impostor = try ClusterAuthority.create(clusterID: ca.clusterID, now: now)
        let foreign = try impostor.issueNodeCredentials(nodeID: .random(), nodeName: "intruder", now: now)
        let result = await PKITestSupport.verify(foreign.certificate, root: ca.certificate, at: now)
        #expect(!PKITestSupport.isValid(result))
        // And the bundle check agrees
        #expect(throws: PKIError.notIssuedByClusterAuthority) {
            try NodeBundle(division: "HQ", credentials: foreign, authorityCertificate: ca.certificate)
        }
    }

    @Test("a certificate issued for a past window is reported expired")
    func expiredCertificateIsReportedExpired() async throws {
        // Given a certificate that was valid for the 30 days before yesterday
        let ca = try ClusterAuthority.create(now: now.addingTimeInterval(-90 * 86_400))
        let expired = try ca.issueNodeCredentials(
            nodeID: .random(),
            nodeName: "old-branch",
            notValidBefore: now.addingTimeInterval(-31 * 86_400),
            notValidAfter: now.addingTimeInterval(-86_400)
        )
        // When verified now, it fails because it expired
        let result = await PKITestSupport.verify(expired.certificate, root: ca.certificate, at: now)
        #expect(!PKITestSupport.isValid(result))
        #expect(PKITestSupport.failureReasons(result).contains { $0.contains("expired") })
        // While inside its window it was fine: time is the only reason
        let earlier = await PKITestSupport.verify(
            expired.certificate, root: ca.certificate, at: now.addingTimeInterval(-2 * 86_400))
        #expect(PKITestSupport.isValid(earlier))
    }

    @Test("the node certificate carries the node id and name, and nothing a peer does not check")
    func issuedCertificateHasTheExpectedContents() throws {
        let ca = try ClusterAuthority.create(now: now)
        let nodeID = NodeID.random()
        let credentials = try ca.issueNodeCredentials(nodeID: nodeID, nodeName: "lyon", now: now)
        let certificate = credentials.certificate

        #expect(credentials.nodeID == nodeID)
        #expect(credentials.nodeName == "lyon")
        // The subject is the node name alone; the issuer names the cluster
        #expect(certificate.subject.description == "CN=lyon")
        #expect(certificate.issuer == ca.certificate.subject)

        // One SAN, the node URI: peers check it and nothing else (no DNS or IP names)
        let names = try #require(try certificate.extensions.subjectAlternativeNames)
        #expect(Array(names) == [.uniformResourceIdentifier("urn:redress:node:\(nodeID)")])
        let keyUsage = try #require(try certificate.extensions.keyUsage)
        #expect(keyUsage.digitalSignature && !keyUsage.keyCertSign)
        #expect(try certificate.extensions.basicConstraints == .notCertificateAuthority)
        // Nothing else: no extended key usage, no key identifiers
        #expect(Array(certificate.extensions).count == 3)
        #expect(try certificate.extensions.extendedKeyUsage == nil)
        #expect(try certificate.extensions.authorityKeyIdentifier == nil)
        #expect(try certificate.extensions.subjectKeyIdentifier == nil)
        // Each TLS handshake carries it and each of the two session tickets repeats a client's,
        // so it stays small: about 460 bytes (earlier versions issued about 650)
        #expect(credentials.certificateDER.count < 480, "\(credentials.certificateDER.count) bytes")

        // The serial is the certificate's, two lowercase hex digits per byte
        let expectedSerial = certificate.serialNumber.bytes.map { String(format: "%02x", $0) }.joined()
        #expect(credentials.serialNumber == expectedSerial)
        #expect(credentials.serialNumber.count >= 16)
        // and each issuance gets a fresh key and serial
        let again = try ca.issueNodeCredentials(nodeID: nodeID, nodeName: "lyon", now: now)
        #expect(again.serialNumber != credentials.serialNumber)
        #expect(again.certificate.publicKey != certificate.publicKey)
    }

    @Test("PEM and DER forms are what NIOSSL and OpenSSL expect, and read back")
    func pemAndDERRoundTrip() throws {
        let ca = try ClusterAuthority.create(now: now)
        let credentials = try ca.issueNodeCredentials(nodeID: .random(), nodeName: "n1", now: now)
        #expect(credentials.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        #expect(credentials.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try Certificate(derEncoded: credentials.certificateDER) == credentials.certificate)

        let read = try NodeCredentials(certificatePEM: credentials.certificatePEM, privateKeyPEM: credentials.privateKeyPEM)
        #expect(read.nodeID == credentials.nodeID)
        #expect(read.serialNumber == credentials.serialNumber)
        #expect(read.privateKeyPEM == credentials.privateKeyPEM)

        let other = try ca.issueNodeCredentials(nodeID: .random(), nodeName: "n2", now: now)
        #expect(throws: PKIError.keyDoesNotMatchCertificate(path: nil)) {
            try NodeCredentials(certificatePEM: credentials.certificatePEM, privateKeyPEM: other.privateKeyPEM)
        }
        #expect(throws: PKIError.invalidPEM(path: nil, expected: "a P-256 private key")) {
            try NodeCredentials(certificatePEM: credentials.certificatePEM, privateKeyPEM: credentials.certificatePEM)
        }
    }

    @Test("bad names and empty windows are refused before anything is signed")
    func invalidRequestsAreRefused() throws {
        let ca = try ClusterAuthority.create(now: now)
        for name in ["", " lyon", "ly\non", String(repeating: "x", count: 65)] {
            #expect(throws: PKIError.self) {
                try ca.issueNodeCredentials(nodeID: .random(), nodeName: name, now: now)
            }
        }
        _ = try ca.issueNodeCredentials(nodeID: .random(), nodeName: String(repeating: "é", count: 64), now: now)
        #expect(throws: PKIError.invalidValidity(notValidBefore: now, notValidAfter: now)) {
            try ca.issueNodeCredentials(nodeID: .random(), nodeName: "n", notValidBefore: now, notValidAfter: now)
        }
    }

    @Test("descriptions and dumps of credentials never contain the private key")
    func descriptionsDoNotLeakTheKey() throws {
        let ca = try ClusterAuthority.create(now: now)
        let credentials = try ca.issueNodeCredentials(nodeID: .random(), nodeName: "n1", now: now)
        let keyLines = PKITestSupport.pemBodyLines(credentials.privateKeyPEM)
        #expect(!keyLines.isEmpty)
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [String(describing: credentials), String(reflecting: credentials), dumped] {
            #expect(text.contains(credentials.serialNumber))
            for line in keyLines { #expect(!text.contains(line)) }
        }
    }
}
