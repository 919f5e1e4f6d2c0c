import Crypto
import Foundation
import RedressModel
import RedressPKI
import SwiftASN1
import Testing
import X509

@Suite("NodeIdentity")
struct NodeIdentityTests {
    let now = PKITestSupport.now

    /// A self-signed certificate with exactly the given subject alternative names.
    func certificate(withNames names: [GeneralName]?) throws -> Certificate {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let name = try DistinguishedName { CommonName("crafted") }
        let extensions = try Certificate.Extensions {
            if let names { SubjectAlternativeNames(names) }
        }
        return try Certificate(
            version: .v3, serialNumber: .init(), publicKey: key.publicKey,
            notValidBefore: now, notValidAfter: now.addingTimeInterval(86_400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions, issuerPrivateKey: key)
    }

    func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    @Test("the node id is read back from an issued certificate's DER and from the certificate")
    func extractsTheNodeID() throws {
        let ca = try ClusterAuthority.create(now: now)
        let nodeID = NodeID.random()
        let credentials = try ca.issueNodeCredentials(nodeID: nodeID, nodeName: "n", now: now)
        #expect(try NodeIdentity.nodeID(fromCertificateDER: credentials.certificateDER) == nodeID)
        #expect(try NodeIdentity.nodeID(from: credentials.certificate) == nodeID)
        #expect(NodeIdentity.uri(for: nodeID) == "urn:redress:node:\(nodeID)")
        // The URI is the canonical lowercase form
        #expect(NodeIdentity.uri(for: nodeID) == NodeIdentity.uri(for: nodeID).lowercased())
    }

    @Test("other URIs and names beside the node URI are ignored")
    func ignoresUnrelatedNames() throws {
        let nodeID = NodeID.random()
        let crafted = try certificate(withNames: [
            .uniformResourceIdentifier("https://example.org/node"),
            .uniformResourceIdentifier("urn:redress:cluster:\(UUID().uuidString.lowercased())"),
            .dnsName("urn:redress:node:\(NodeID.random())"),
            .uniformResourceIdentifier(NodeIdentity.uri(for: nodeID)),
        ])
        #expect(try NodeIdentity.nodeID(fromCertificateDER: der(crafted)) == nodeID)
    }

    @Test("a certificate without the node URI is refused")
    func rejectsMissingIdentity() throws {
        let withoutNames = try certificate(withNames: nil)
        #expect(throws: PKIError.missingNodeIdentity) { try NodeIdentity.nodeID(from: withoutNames) }
        let withOtherNames = try certificate(withNames: [.dnsName("localhost"), .uniformResourceIdentifier("urn:other:x")])
        #expect(throws: PKIError.missingNodeIdentity) { try NodeIdentity.nodeID(fromCertificateDER: der(withOtherNames)) }
        // The CA certificate carries no node id either
        let ca = try ClusterAuthority.create(now: now)
        #expect(throws: PKIError.missingNodeIdentity) { try NodeIdentity.nodeID(fromCertificateDER: ca.certificateDER) }
    }

    @Test("malformed node URIs are refused", arguments: [
        "urn:redress:node:",
        "urn:redress:node:not-a-uuid",
        "urn:redress:node:6F9619FF-8B86-D011-B42D-00CF4FC964FF",
        "URN:REDRESS:NODE:6f9619ff-8b86-d011-b42d-00cf4fc964ff",
        "urn:redress:node:6f9619ff-8b86-d011-b42d-00cf4fc964ff/extra",
        "urn:redress:node:{6f9619ff-8b86-d011-b42d-00cf4fc964ff}",
    ])
    func rejectsMalformedIdentity(uri: String) throws {
        let crafted = try certificate(withNames: [.uniformResourceIdentifier(uri)])
        #expect(throws: PKIError.malformedNodeIdentity(uri: uri)) { try NodeIdentity.nodeID(from: crafted) }
    }

    @Test("two node URIs make the certificate ambiguous and it is refused")
    func rejectsAmbiguousIdentity() throws {
        let crafted = try certificate(withNames: [
            .uniformResourceIdentifier(NodeIdentity.uri(for: .random())),
            .uniformResourceIdentifier(NodeIdentity.uri(for: .random())),
        ])
        #expect(throws: PKIError.ambiguousNodeIdentity(count: 2)) { try NodeIdentity.nodeID(from: crafted) }
    }

    @Test("bytes that are not a certificate are refused")
    func rejectsGarbage() {
        #expect(throws: PKIError.self) { try NodeIdentity.nodeID(fromCertificateDER: []) }
        #expect(throws: PKIError.self) { try NodeIdentity.nodeID(fromCertificateDER: Array("garbage".utf8)) }
    }
}
