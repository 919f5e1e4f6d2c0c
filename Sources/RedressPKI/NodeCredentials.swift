import Crypto
import Foundation
public import RedressModel
public import X509

/// A node's TLS identity: its certificate (issued by the cluster CA) and the
/// matching private key, which the node presents both as server and as client.
///
/// Made by `ClusterAuthority.issueNodeCredentials`, or read back from PEM.
/// The node id and name are taken from the certificate itself, so they can
/// never disagree with what peers will see.
public struct NodeCredentials: Sendable {
    /// The node id from the certificate's `urn:redress:node:` SAN URI.
    public let nodeID: NodeID
    /// The node name from the certificate's common name.
    public let nodeName: String
    public let certificate: Certificate
    /// The certificate's serial number as lowercase hex (recorded in the membership list).
    public let serialNumber: String
    /// The certificate in PEM form, for `NIOSSLCertificate(bytes:format: .pem)`.
    public let certificatePEM: String
    /// The certificate in DER form.
    public let certificateDER: [UInt8]
    private let privateKey: P256.Signing.PrivateKey

    /// Longest node name: X.520's upper bound for a common name.
    public static let maximumNodeNameLength = 64

    init(certificate: Certificate, privateKey: P256.Signing.PrivateKey, path: String?) throws {
        guard Certificate.PublicKey(privateKey.publicKey) == certificate.publicKey else {
            throw PKIError.keyDoesNotMatchCertificate(path: path)
        }
        let names = certificate.redressSubjectValues(.RDNAttributeType.commonName)
        guard names.count == 1, let nodeName = names.first else {
            throw PKIError.invalidCertificate(reason: "a node certificate needs exactly one common name")
        }
        self.nodeID = try NodeIdentity.nodeID(from: certificate)
        self.nodeName = nodeName
        self.certificate = certificate
        self.serialNumber = certificate.redressSerialHex
        self.certificatePEM = try certificate.redressPEM()
        self.certificateDER = try certificate.redressDER()
        self.privateKey = privateKey
    }

    /// Reads credentials from PEM text (a certificate and a P-256 private
    /// key, PKCS#8 or SEC1), checking that the key belongs to the certificate
    /// and that the certificate carries a node id.
    public init(certificatePEM: String, privateKeyPEM: String) throws {
        let certificate = try Certificate.redressParse(pem: certificatePEM, path: nil)
        guard let key = try? P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM) else {
            throw PKIError.invalidPEM(path: nil, expected: "a P-256 private key")
        }
        try self.init(certificate: certificate, privateKey: key, path: nil)
    }

    /// The private key in PKCS#8 PEM form (`-----BEGIN PRIVATE KEY-----`),
    /// for `NIOSSLPrivateKey(bytes:format: .pem)`. Secret: never log it.
    public var privateKeyPEM: String { privateKey.pemRepresentation }

    /// Checks a node name before it goes into a certificate: non-empty, at
    /// most 64 characters, no control characters, no surrounding spaces.
    public static func validate(nodeName: String) throws {
        guard !nodeName.isEmpty else {
            throw PKIError.invalidNodeName(reason: "it is empty")
        }
        guard nodeName.count <= maximumNodeNameLength else {
            throw PKIError.invalidNodeName(reason: "it is longer than \(maximumNodeNameLength) characters")
        }
        guard !nodeName.containsControlCharacter(allowingLineBreaks: false) else {
            throw PKIError.invalidNodeName(reason: "it contains control characters")
        }
        guard nodeName.trimmingCharacters(in: .whitespaces) == nodeName else {
            throw PKIError.invalidNodeName(reason: "it starts or ends with a space")
        }
    }
}

extension NodeCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Names the node and the serial; never the key.
    public var description: String {
        "NodeCredentials(node: \(nodeID), name: \(nodeName), serial: \(serialNumber))"
    }

    public var debugDescription: String { description }

    /// Keeps `dump()` and debuggers from printing the private key.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["nodeID": nodeID, "nodeName": nodeName, "serialNumber": serialNumber, "certificate": certificate],
            displayStyle: .struct
        )
    }
}
