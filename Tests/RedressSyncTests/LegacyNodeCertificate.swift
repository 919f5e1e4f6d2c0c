import Crypto
import Foundation
import RedressModel
import RedressPKI
import SwiftASN1
import X509

/// Node certificates as Redress issued them before they were made minimal:
/// subject `O=Redress cluster <id>, CN=<name>`, SANs for the node URI,
/// `localhost`, 127.0.0.1 and ::1, extended key usage serverAuth + clientAuth,
/// and subject and authority key identifiers (about 650 bytes instead of
/// about 400). Nodes already deployed carry these; they must keep syncing.
enum LegacyNodeCertificate {
    /// Issues a certificate the old way, signed by `authority`'s key, which
    /// the test reads back from the `ca-key.pem` that `ClusterAuthority.save` wrote.
    static func issue(nodeID: NodeID, nodeName: String, authority: ClusterAuthority, in folder: URL) throws -> NodeCredentials {
        let caFolder = folder.appendingPathComponent("legacy-ca-\(UUID().uuidString.lowercased())")
        try authority.save(to: caFolder)
        let caKey = try P256.Signing.PrivateKey(
            pemRepresentation: String(contentsOf: caFolder.appendingPathComponent(ClusterAuthority.privateKeyFileName), encoding: .utf8))
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let now = Date()
        let subject = try DistinguishedName {
            OrganizationName("Redress cluster " + authority.clusterID.uuidString.lowercased())
            CommonName(nodeName)
        }
        let loopbackV4: [UInt8] = [127, 0, 0, 1]
        let loopbackV6: [UInt8] = Array(repeating: 0, count: 15) + [1]
        let authorityKeyID = try authority.certificate.extensions.subjectKeyIdentifier?.keyIdentifier
            ?? SubjectKeyIdentifier(hash: authority.certificate.publicKey).keyIdentifier
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.serverAuth, .clientAuth])
            SubjectAlternativeNames([
                .uniformResourceIdentifier(NodeIdentity.uri(for: nodeID)),
                .dnsName("localhost"),
                .ipAddress(ASN1OctetString(contentBytes: ArraySlice(loopbackV4))),
                .ipAddress(ASN1OctetString(contentBytes: ArraySlice(loopbackV6))),
            ])
            SubjectKeyIdentifier(hash: publicKey)
            AuthorityKeyIdentifier(keyIdentifier: authorityKeyID)
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-3_600), notValidAfter: now.addingTimeInterval(86_400),
            issuer: authority.certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions, issuerPrivateKey: Certificate.PrivateKey(caKey))
        return try NodeCredentials(certificatePEM: certificate.serializeAsPEM().pemString, privateKeyPEM: key.pemRepresentation)
    }
}
