import Crypto
public import Foundation
public import RedressModel
public import X509

/// Everything a new node needs to join a cluster, as written by
/// `redress node add NAME --division CODE --out DIR` and read by
/// `redress init --join DIR`:
///
/// | file | content | mode |
/// |---|---|---|
/// | `node-key.pem` | the node's P-256 private key (PKCS#8) | 0600 |
/// | `node.pem` | the node's certificate, issued by the cluster CA | 0644 |
/// | `ca.pem` | the cluster CA certificate (the trust root) | 0644 |
/// | `bundle.json` | cluster id, node id, node name, division, certificate serial | 0644 |
///
/// Reading checks that the four files agree with each other (the key
/// matches the certificate, the CA issued it, and `bundle.json` repeats what
/// the certificates say), so a bundle assembled from two different
/// `node add` runs is refused rather than half-trusted.
public struct NodeBundle: Sendable {
    public static let privateKeyFileName = "node-key.pem"
    public static let certificateFileName = "node.pem"
    public static let authorityCertificateFileName = ClusterAuthority.certificateFileName
    public static let metadataFileName = "bundle.json"
    /// Every file of a bundle, in the order they are written (metadata last).
    public static let fileNames = [privateKeyFileName, certificateFileName, authorityCertificateFileName, metadataFileName]
    /// Version of the `bundle.json` layout.
    public static let formatVersion = 1

    /// The cluster id, read from the CA certificate's subject.
    public let clusterID: UUID
    /// The code of the division the node serves.
    public let division: String
    /// The node's certificate and key.
    public let credentials: NodeCredentials
    /// The cluster CA certificate, which the node trusts.
    public let authorityCertificate: Certificate
    /// `authorityCertificate` in PEM form, for NIOSSL trust roots.
    public let authorityCertificatePEM: String
    /// `authorityCertificate` in DER form.
    public let authorityCertificateDER: [UInt8]

    public var nodeID: NodeID { credentials.nodeID }
    public var nodeName: String { credentials.nodeName }
    /// The node certificate's serial number (lowercase hex).
    public var serialNumber: String { credentials.serialNumber }
    /// The node certificate's validity window.
    public var notValidBefore: Date { credentials.certificate.notValidBefore }
    public var notValidAfter: Date { credentials.certificate.notValidAfter }

    /// Assembles a bundle, checking that `authorityCertificate` is a Redress
    /// cluster CA and that it issued `credentials`' certificate.
    public init(division: String, credentials: NodeCredentials, authorityCertificate: Certificate) throws {
        guard !division.isEmpty,
            !division.containsControlCharacter(allowingLineBreaks: false)
        else {
            throw PKIError.invalidBundle(path: Self.metadataFileName, reason: "the division code is empty or has control characters")
        }
        self.clusterID = try ClusterAuthority.clusterID(ofAuthorityCertificate: authorityCertificate)
        guard credentials.certificate.redressIsIssued(by: authorityCertificate) else {
            throw PKIError.notIssuedByClusterAuthority
        }
        self.division = division
        self.credentials = credentials
        self.authorityCertificate = authorityCertificate
        self.authorityCertificatePEM = try authorityCertificate.redressPEM()
        self.authorityCertificateDER = try authorityCertificate.redressDER()
    }

    /// Writes the four files into `directory`, creating it owner-only if
    /// needed. Refuses (`PKIError.fileExists`) if any of them already exists.
    public func write(to directory: URL) throws {
        try SecureFile.ensureDirectory(directory)
        for name in Self.fileNames {
            let file = directory.appendingPathComponent(name)
            if SecureFile.exists(file) { throw PKIError.fileExists(path: file.path) }
        }
        let metadata = Metadata(
            format: Self.formatVersion,
            clusterID: clusterID.uuidString.lowercased(),
            nodeID: nodeID.description,
            nodeName: nodeName,
            division: division,
            certificateSerial: serialNumber
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(metadata) + Data("\n".utf8)
        func file(_ name: String) -> URL { directory.appendingPathComponent(name) }
        try SecureFile.create(file(Self.privateKeyFileName), contents: Array(credentials.privateKeyPEM.utf8), mode: SecureFile.privateFileMode)
        try SecureFile.create(file(Self.certificateFileName), contents: Array(credentials.certificatePEM.utf8), mode: SecureFile.publicFileMode)
        try SecureFile.create(file(Self.authorityCertificateFileName), contents: Array(authorityCertificatePEM.utf8), mode: SecureFile.publicFileMode)
        try SecureFile.create(file(Self.metadataFileName), contents: Array(json), mode: SecureFile.publicFileMode)
    }

    /// Reads a bundle from `directory`. Throws `PKIError.bundleIncomplete`
    /// naming every missing file, `.keyPermissionsTooOpen` for a key that
    /// group or others can access, and `.invalidBundle` if the files disagree.
    public static func read(from directory: URL) throws -> NodeBundle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw PKIError.fileMissing(path: directory.path)
        }
        guard isDirectory.boolValue else { throw PKIError.notADirectory(path: directory.path) }
        let missing = fileNames.filter { !SecureFile.exists(directory.appendingPathComponent($0)) }
        guard missing.isEmpty else {
            throw PKIError.bundleIncomplete(directory: directory.path, missing: missing)
        }

        let keyURL = directory.appendingPathComponent(privateKeyFileName)
        let certificateURL = directory.appendingPathComponent(certificateFileName)
        let authorityURL = directory.appendingPathComponent(authorityCertificateFileName)
        let metadataURL = directory.appendingPathComponent(metadataFileName)

        let keyPEM = try SecureFile.loadText(keyURL, secret: true)
        let certificate = try Certificate.redressParse(
            pem: try SecureFile.loadText(certificateURL, secret: false),
            path: certificateURL.path
        )
        let authorityCertificate = try Certificate.redressParse(
            pem: try SecureFile.loadText(authorityURL, secret: false),
            path: authorityURL.path
        )
        guard let key = try? P256.Signing.PrivateKey(pemRepresentation: keyPEM) else {
            throw PKIError.invalidPEM(path: keyURL.path, expected: "a P-256 private key")
        }
        let credentials = try NodeCredentials(certificate: certificate, privateKey: key, path: keyURL.path)

        let metadata: Metadata
        do {
            metadata = try JSONDecoder().decode(Metadata.self, from: Data(try SecureFile.load(metadataURL, secret: false)))
        } catch let error as PKIError {
            throw error
        } catch {
            throw PKIError.invalidBundle(path: metadataURL.path, reason: "not the expected JSON object")
        }
        guard metadata.format == formatVersion else {
            throw PKIError.invalidBundle(path: metadataURL.path, reason: "unsupported format \(metadata.format) (expected \(formatVersion))")
        }

        let bundle = try NodeBundle(
            division: metadata.division,
            credentials: credentials,
            authorityCertificate: authorityCertificate
        )
        let disagreements = [
            ("cluster_id", metadata.clusterID, bundle.clusterID.uuidString.lowercased()),
            ("node_id", metadata.nodeID, bundle.nodeID.description),
            ("node_name", metadata.nodeName, bundle.nodeName),
            ("certificate_serial", metadata.certificateSerial, bundle.serialNumber),
        ].filter { $0.1 != $0.2 }.map(\.0)
        guard disagreements.isEmpty else {
            throw PKIError.invalidBundle(
                path: metadataURL.path,
                reason: "\(disagreements.joined(separator: ", ")) disagree with the certificates"
            )
        }
        return bundle
    }
}

extension NodeBundle {
    /// The layout of `bundle.json`.
    private struct Metadata: Codable {
        var format: Int
        var clusterID: String
        var nodeID: String
        var nodeName: String
        var division: String
        var certificateSerial: String

        enum CodingKeys: String, CodingKey {
            case format
            case clusterID = "cluster_id"
            case nodeID = "node_id"
            case nodeName = "node_name"
            case division
            case certificateSerial = "certificate_serial"
        }
    }
}

extension NodeBundle: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Names the cluster, node and serial; never the key.
    public var description: String {
        "NodeBundle(cluster: \(clusterID.uuidString.lowercased()), node: \(nodeID), name: \(nodeName), "
            + "division: \(division), serial: \(serialNumber))"
    }

    public var debugDescription: String { description }

    /// Keeps `dump()` and debuggers from printing the private key.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["clusterID": clusterID, "division": division, "credentials": credentials],
            displayStyle: .struct
        )
    }
}
