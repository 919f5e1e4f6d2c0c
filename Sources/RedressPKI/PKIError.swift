public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything that can go wrong while creating, storing, loading or reading
/// the cluster's certificates and keys.
///
/// Descriptions name files, modes and reasons so an operator can fix the
/// problem, but they never contain key material or certificate bytes: they
/// end up in logs and terminal output.
public enum PKIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file that must exist does not.
    case fileMissing(path: String)
    /// A node bundle directory lacks some of its files (names relative to the directory).
    case bundleIncomplete(directory: String, missing: [String])
    /// Refused to overwrite an existing certificate, key or bundle file.
    case fileExists(path: String)
    /// A private key file is readable or writable by group or others.
    case keyPermissionsTooOpen(path: String, mode: UInt32)
    /// A private key file belongs to another user (neither us nor root).
    case keyOwnedByAnotherUser(path: String, owner: UInt32)
    /// A path that must be a regular file or directory is something else.
    case notARegularFile(path: String)
    case notADirectory(path: String)
    /// A system call on a file failed.
    case fileSystem(path: String, operation: String, errno: Int32)
    /// A file or string does not hold the expected PEM object.
    case invalidPEM(path: String?, expected: String)
    /// Certificate bytes that are not a well-formed X.509 certificate.
    case invalidCertificate(reason: String)
    /// A private key does not belong to the certificate it was paired with.
    case keyDoesNotMatchCertificate(path: String?)
    /// A certificate that was expected to be a Redress cluster CA is not one.
    case notAClusterAuthority(reason: String)
    /// A node certificate that was not issued by the given cluster CA.
    case notIssuedByClusterAuthority
    /// A validity window whose end is not after its start.
    case invalidValidity(notValidBefore: Date, notValidAfter: Date)
    /// A node name that cannot be a certificate's common name.
    case invalidNodeName(reason: String)
    /// A certificate without a `urn:redress:node:` URI in its subject alternative names.
    case missingNodeIdentity
    /// A `urn:redress:node:` URI whose remainder is not a canonical lowercase UUID.
    case malformedNodeIdentity(uri: String)
    /// More than one `urn:redress:node:` URI: the certificate names no single node.
    case ambiguousNodeIdentity(count: Int)
    /// `bundle.json` is unreadable, or disagrees with the certificates beside it.
    case invalidBundle(path: String, reason: String)
    /// The X.509 library refused to build a certificate.
    case certificateCreationFailed(reason: String)

    public var description: String {
        switch self {
        case .fileMissing(let path):
            return "Missing file '\(path)'."
        case .bundleIncomplete(let directory, let missing):
            return "Incomplete node bundle in '\(directory)': missing \(missing.joined(separator: ", "))."
        case .fileExists(let path):
            return "Refusing to overwrite existing file '\(path)'; move it away first."
        case .keyPermissionsTooOpen(let path, let mode):
            let octal = String(mode & 0o7777, radix: 8)
            return "Permissions 0\(octal) for private key '\(path)' are too open: it must not be "
                + "accessible by group or others (run: chmod 600 '\(path)')."
        case .keyOwnedByAnotherUser(let path, let owner):
            return "Private key '\(path)' is owned by uid \(owner), not by the user running Redress."
        case .notARegularFile(let path):
            return "'\(path)' is not a regular file."
        case .notADirectory(let path):
            return "'\(path)' is not a directory."
        case .fileSystem(let path, let operation, let errno):
            return "Cannot \(operation) '\(path)': \(String(cString: strerror(errno))) (errno \(errno))."
        case .invalidPEM(let path, let expected):
            if let path {
                return "'\(path)' does not contain \(expected) in PEM format."
            }
            return "The PEM text does not contain \(expected)."
        case .invalidCertificate(let reason):
            return "Not a valid X.509 certificate: \(reason)."
        case .keyDoesNotMatchCertificate(let path):
            if let path {
                return "The private key '\(path)' does not belong to the certificate beside it."
            }
            return "The private key does not belong to the certificate."
        case .notAClusterAuthority(let reason):
            return "Not a Redress cluster CA certificate: \(reason)."
        case .notIssuedByClusterAuthority:
            return "The node certificate was not issued by this cluster's CA."
        case .invalidValidity(let notValidBefore, let notValidAfter):
            return "Invalid validity window: not-after \(notValidAfter) must be later than not-before \(notValidBefore)."
        case .invalidNodeName(let reason):
            return "Invalid node name: \(reason)."
        case .missingNodeIdentity:
            return "The certificate carries no node id (no '\(NodeIdentity.uriPrefix)<uuid>' URI in its subject alternative names)."
        case .malformedNodeIdentity(let uri):
            return "Malformed node id URI '\(uri)': expected '\(NodeIdentity.uriPrefix)' followed by a lowercase UUID."
        case .ambiguousNodeIdentity(let count):
            return "The certificate carries \(count) node id URIs; exactly one is required."
        case .invalidBundle(let path, let reason):
            return "Invalid node bundle '\(path)': \(reason)."
        case .certificateCreationFailed(let reason):
            return "Could not create the certificate: \(reason)."
        }
    }
}
