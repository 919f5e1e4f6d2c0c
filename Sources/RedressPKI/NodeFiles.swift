public import Foundation

/// Where a node keeps its TLS material, inside its data folder:
///
/// | path | content | mode |
/// |---|---|---|
/// | `tls/` | the node's own bundle (the files of `NodeBundle`) | 0700 |
/// | `tls/node-key.pem` | the node's private key | 0600 |
/// | `tls/node.pem` | the node's certificate | 0644 |
/// | `tls/ca.pem` | the cluster CA certificate, the only trust root | 0644 |
/// | `tls/bundle.json` | cluster id, node id, name, division, serial | 0644 |
/// | `tls/ca/` | first node only: the cluster CA (`ClusterAuthority.save`) | 0700 |
/// | `tls/ca/ca-key.pem` | the CA private key | 0600 |
///
/// `tls/` is laid out exactly like a bundle written by `redress node add`, so
/// the node loads its identity with `NodeBundle.read`, which checks that the
/// key, the certificates and the metadata agree. It lives here, beside
/// `NodeBundle` and `ClusterAuthority`, because only this module writes key
/// files (with `SecureFile`, owner-only from the moment they exist); the
/// store knows nothing of TLS, and `serve`, `sync` and the admin commands
/// all find the files through this one type.
public struct NodeFiles: Sendable {
    public static let directoryName = "tls"
    public static let authorityDirectoryName = "ca"

    /// The node's data folder (`--data-dir`).
    public let dataDirectory: URL

    public init(dataDirectory: URL) {
        self.dataDirectory = dataDirectory
    }

    /// `tls/`: the node's own bundle.
    public var directory: URL { dataDirectory.appendingPathComponent(Self.directoryName, isDirectory: true) }
    public var privateKey: URL { directory.appendingPathComponent(NodeBundle.privateKeyFileName) }
    public var certificate: URL { directory.appendingPathComponent(NodeBundle.certificateFileName) }
    public var authorityCertificate: URL { directory.appendingPathComponent(NodeBundle.authorityCertificateFileName) }
    public var metadata: URL { directory.appendingPathComponent(NodeBundle.metadataFileName) }
    /// `tls/ca/`: the cluster CA, on the node that ran `redress cluster init`.
    public var authorityDirectory: URL { directory.appendingPathComponent(Self.authorityDirectoryName, isDirectory: true) }

    /// Whether this node holds the cluster CA's private key, i.e. may issue node certificates.
    public var holdsAuthority: Bool {
        SecureFile.exists(authorityDirectory.appendingPathComponent(ClusterAuthority.privateKeyFileName))
    }

    /// Whether any TLS material is here already.
    public var exist: Bool { SecureFile.exists(directory) }

    /// The node's identity: its credentials, the CA certificate, the cluster
    /// id and its division. Refuses a key that group or others can read.
    public func loadBundle() throws -> NodeBundle {
        try NodeBundle.read(from: directory)
    }

    /// The cluster CA, to issue node certificates.
    public func loadAuthority() throws -> ClusterAuthority {
        try ClusterAuthority.load(from: authorityDirectory)
    }

    /// Writes this node's bundle into `tls/`, and the CA into `tls/ca/` if
    /// given (the first node). Refuses if `tls/` exists already; if any write
    /// fails, removes what it wrote, so there is never half an identity.
    public func install(_ bundle: NodeBundle, authority: ClusterAuthority? = nil) throws {
        if let authority, authority.certificateDER != bundle.authorityCertificateDER {
            throw PKIError.notIssuedByClusterAuthority
        }
        if exist { throw PKIError.fileExists(path: directory.path) }
        do {
            try SecureFile.ensureDirectory(directory)
            try bundle.write(to: directory)
            try authority?.save(to: authorityDirectory)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Removes `tls/` and everything in it (undoing `install` when what
    /// followed it failed).
    public func remove() throws {
        guard exist else { return }
        try FileManager.default.removeItem(at: directory)
    }
}
