import Crypto
public import Foundation
public import RedressModel
import SwiftASN1
public import X509

/// A Redress cluster's certificate authority: the trust root every node
/// checks its peers against, and the issuer of node certificates.
///
/// One cluster has one CA, made by `redress cluster init` on the first node.
/// Its private key stays in that node's data folder (`ca-key.pem`, 0600) and
/// is never exposed by this type: callers get the certificate (to trust) and
/// the node credentials it issues, nothing that could sign.
///
/// The CA certificate's subject is `O=Redress cluster <cluster id>, CN=Redress CA`,
/// so the cluster id can be read back from the certificate alone.
public struct ClusterAuthority: Sendable {
    /// File name of the CA certificate, in a CA folder and in node bundles.
    public static let certificateFileName = "ca.pem"
    /// File name of the CA private key (owner-only).
    public static let privateKeyFileName = "ca-key.pem"
    /// Default CA lifetime: ten years (3,653 days, leap days included).
    public static let defaultLifetime: TimeInterval = 3_653 * 86_400
    /// Default node certificate lifetime: five years. Branch offices may stay
    /// offline for weeks, so short-lived certificates would strand them.
    public static let defaultNodeLifetime: TimeInterval = 1_827 * 86_400
    /// How far certificates are back-dated, so a node whose clock runs
    /// somewhat behind the CA node's still accepts a fresh certificate.
    public static let clockSkewAllowance: TimeInterval = 3_600

    static let organizationPrefix = "Redress cluster "
    static let commonName = "Redress CA"

    /// The cluster's id, also written in the CA certificate's subject.
    public let clusterID: UUID
    /// The self-signed CA certificate: the trust root of the cluster.
    public let certificate: Certificate
    /// `certificate` in PEM form, e.g. for `NIOSSLCertificate(bytes:format: .pem)`.
    public let certificatePEM: String
    /// `certificate` in DER form.
    public let certificateDER: [UInt8]
    private let privateKey: P256.Signing.PrivateKey

    private init(certificate: Certificate, privateKey: P256.Signing.PrivateKey, path: String?) throws {
        guard Certificate.PublicKey(privateKey.publicKey) == certificate.publicKey else {
            throw PKIError.keyDoesNotMatchCertificate(path: path)
        }
        self.clusterID = try Self.clusterID(ofAuthorityCertificate: certificate)
        self.certificate = certificate
        self.certificatePEM = try certificate.redressPEM()
        self.certificateDER = try certificate.redressDER()
        self.privateKey = privateKey
    }

    /// Creates a new cluster CA: a fresh P-256 key and a self-signed
    /// certificate valid from `now` (back-dated by `clockSkewAllowance`)
    /// for `lifetime`.
    public static func create(
        clusterID: UUID = UUID(),
        now: Date = Date(),
        lifetime: TimeInterval = defaultLifetime
    ) throws -> ClusterAuthority {
        let key = P256.Signing.PrivateKey()
        let signingKey = Certificate.PrivateKey(key)
        let notValidBefore = now.addingTimeInterval(-clockSkewAllowance)
        let notValidAfter = now.addingTimeInterval(lifetime)
        guard notValidAfter > notValidBefore else {
            throw PKIError.invalidValidity(notValidBefore: notValidBefore, notValidAfter: notValidAfter)
        }
        let certificate: Certificate
        do {
            let name = try DistinguishedName {
                OrganizationName(organizationPrefix + clusterID.uuidString.lowercased())
                CommonName(commonName)
            }
            let extensions = try Certificate.Extensions {
                // No intermediates: the CA signs node certificates directly.
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: signingKey.publicKey)
            }
            certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: signingKey.publicKey,
                notValidBefore: notValidBefore,
                notValidAfter: notValidAfter,
                issuer: name,
                subject: name,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: signingKey
            )
        } catch {
            throw PKIError.certificateCreationFailed(reason: "\(error)")
        }
        return try ClusterAuthority(certificate: certificate, privateKey: key, path: nil)
    }

    /// Loads `ca.pem` and `ca-key.pem` from `directory`. The key file must be
    /// owner-only and belong to the current user, and must match the certificate.
    public static func load(from directory: URL) throws -> ClusterAuthority {
        let certificateURL = directory.appendingPathComponent(certificateFileName)
        let keyURL = directory.appendingPathComponent(privateKeyFileName)
        let certificate = try Certificate.redressParse(
            pem: try SecureFile.loadText(certificateURL, secret: false),
            path: certificateURL.path
        )
        let keyPEM = try SecureFile.loadText(keyURL, secret: true)
        guard let key = try? P256.Signing.PrivateKey(pemRepresentation: keyPEM) else {
            throw PKIError.invalidPEM(path: keyURL.path, expected: "a P-256 private key")
        }
        return try ClusterAuthority(certificate: certificate, privateKey: key, path: keyURL.path)
    }

    /// Writes `ca.pem` (0644) and `ca-key.pem` (0600) into `directory`,
    /// creating it owner-only if needed. Never overwrites: an existing CA
    /// file makes this throw `PKIError.fileExists` and write nothing.
    public func save(to directory: URL) throws {
        try SecureFile.ensureDirectory(directory)
        let certificateURL = directory.appendingPathComponent(Self.certificateFileName)
        let keyURL = directory.appendingPathComponent(Self.privateKeyFileName)
        for file in [keyURL, certificateURL] where SecureFile.exists(file) {
            throw PKIError.fileExists(path: file.path)
        }
        try SecureFile.create(keyURL, contents: Array(privateKey.pemRepresentation.utf8), mode: SecureFile.privateFileMode)
        try SecureFile.create(certificateURL, contents: Array(certificatePEM.utf8), mode: SecureFile.publicFileMode)
    }

    /// Issues a node certificate with a fresh P-256 key, valid in the given
    /// window (which may lie in the past, e.g. to test expiry).
    ///
    /// The certificate is as small as mutual TLS allows, because every sync
    /// sends both nodes' certificates and the server's session tickets repeat
    /// the client's (an equal-node sync is mostly handshake; see
    /// docs/BENCHMARKS.md). It carries:
    /// - subject `CN=<nodeName>` (the cluster is already named by the issuer,
    ///   `O=Redress cluster <cluster id>, CN=Redress CA`);
    /// - SAN URI `urn:redress:node:<node id>`, the machine-readable identity
    ///   and the only name a peer checks (no DNS or IP names: peers connect
    ///   by any address and verify the CA chain and this URI instead);
    /// - key usage digitalSignature and basicConstraints CA:FALSE, both critical.
    ///
    /// No extended key usage (absent means any; this CA signs node
    /// certificates only, and each node is both TLS server and client) and
    /// no key identifiers (one CA per cluster, so the chain needs none).
    /// Certificates issued by earlier versions (subject with `O=`, DNS/IP
    /// names, EKU, key identifiers) are still accepted: a peer checks only the
    /// CA signature, validity and the node URI.
    public func issueNodeCredentials(
        nodeID: NodeID,
        nodeName: String,
        notValidBefore: Date,
        notValidAfter: Date
    ) throws -> NodeCredentials {
        try NodeCredentials.validate(nodeName: nodeName)
        guard notValidAfter > notValidBefore else {
            throw PKIError.invalidValidity(notValidBefore: notValidBefore, notValidAfter: notValidAfter)
        }
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let certificate: Certificate
        do {
            let subject = try DistinguishedName { CommonName(nodeName) }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                SubjectAlternativeNames([.uniformResourceIdentifier(NodeIdentity.uri(for: nodeID))])
            }
            certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: publicKey,
                notValidBefore: notValidBefore,
                notValidAfter: notValidAfter,
                issuer: self.certificate.subject,
                subject: subject,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: Certificate.PrivateKey(privateKey)
            )
        } catch {
            throw PKIError.certificateCreationFailed(reason: "\(error)")
        }
        return try NodeCredentials(certificate: certificate, privateKey: key, path: nil)
    }

    /// Issues node credentials valid from `now` (back-dated by
    /// `clockSkewAllowance`) for `lifetime`.
    public func issueNodeCredentials(
        nodeID: NodeID,
        nodeName: String,
        now: Date = Date(),
        lifetime: TimeInterval = defaultNodeLifetime
    ) throws -> NodeCredentials {
        try issueNodeCredentials(
            nodeID: nodeID,
            nodeName: nodeName,
            notValidBefore: now.addingTimeInterval(-Self.clockSkewAllowance),
            notValidAfter: now.addingTimeInterval(lifetime)
        )
    }

    /// Reads the cluster id from a Redress CA certificate's subject, after
    /// checking it is a CA (basicConstraints CA:TRUE) and self-signed.
    public static func clusterID(ofAuthorityCertificate certificate: Certificate) throws -> UUID {
        guard case .isCertificateAuthority = try? certificate.extensions.basicConstraints else {
            throw PKIError.notAClusterAuthority(reason: "basicConstraints does not mark it as a CA")
        }
        guard certificate.redressIsIssued(by: certificate) else {
            throw PKIError.notAClusterAuthority(reason: "it is not self-signed")
        }
        let organizations = certificate.redressSubjectValues(.RDNAttributeType.organizationName)
        guard organizations.count == 1, let organization = organizations.first,
            organization.hasPrefix(organizationPrefix)
        else {
            throw PKIError.notAClusterAuthority(reason: "its subject has no 'O=\(organizationPrefix)<cluster id>'")
        }
        let text = String(organization.dropFirst(organizationPrefix.count))
        guard let clusterID = UUID(uuidString: text), clusterID.uuidString.lowercased() == text else {
            throw PKIError.notAClusterAuthority(reason: "'\(text)' in its subject is not a lowercase UUID")
        }
        return clusterID
    }
}

extension ClusterAuthority: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Names the cluster and the certificate's serial; never the key.
    public var description: String {
        "ClusterAuthority(cluster: \(clusterID.uuidString.lowercased()), serial: \(certificate.redressSerialHex))"
    }

    public var debugDescription: String { description }

    /// Keeps `dump()` and debuggers from printing the private key.
    public var customMirror: Mirror {
        Mirror(self, children: ["clusterID": clusterID, "certificate": certificate], displayStyle: .struct)
    }
}
