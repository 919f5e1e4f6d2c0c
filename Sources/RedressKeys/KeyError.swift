/// Why a sealed value or a wrapped key could not be opened, or a key file used.
///
/// None of these ever carries key material or the plain text: they name the
/// value and what to do, and are safe to log.
public enum KeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text does not have the layout of a sealed value.
    case malformedSealedValue(context: String)
    /// The value was sealed with a writer key this node has never heard of.
    case unknownKey(id: String, context: String)
    /// The key exists but this node holds no grant that opens it.
    case notReadable(keyID: String)
    /// Authentication failed: the ciphertext, its key or its context was changed.
    case tampered(context: String)
    /// A wrapped key (a grant, a writer key) failed to open: wrong recipient or altered bytes.
    case unwrapFailed(context: String)
    /// A public key in a record is not a P-256 key.
    case invalidPublicKey(context: String)
    /// The recovery key file is not a Redress recovery key.
    case invalidRecoveryKey(path: String, reason: String)
    /// The recovery key given is not the cluster's (its public half differs).
    case wrongRecoveryKey
    /// The cluster has no recovery key yet.
    case noRecoveryKey
    /// A key file could not be read or made.
    case keyFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .malformedSealedValue(let context):
            "The encrypted value of \(context) is damaged (not a sealed value); fetch it again from a peer (`redress sync`)."
        case .unknownKey(let id, let context):
            "The value of \(context) is sealed with key \(id), which this node has not received yet; sync with the node that wrote it."
        case .notReadable(let keyID):
            "This node holds no grant for key \(keyID): the value belongs to another division and is not readable on this node."
        case .tampered(let context):
            "The encrypted value of \(context) failed its integrity check: it was altered or moved; fetch it again from a peer."
        case .unwrapFailed(let context):
            "The wrapped key \(context) does not open with this node's key: it is damaged or meant for another node."
        case .invalidPublicKey(let context):
            "The public key of \(context) is not a valid P-256 key."
        case .invalidRecoveryKey(let path, let reason):
            "'\(path)' is not a Redress recovery key: \(reason)."
        case .wrongRecoveryKey:
            "This recovery key is not the cluster's: its public half differs from the one `redress cluster init` recorded."
        case .noRecoveryKey:
            "The cluster has no recovery key; create one with `redress keys recovery-key --out FILE` on any node."
        case .keyFile(let path, let reason):
            "Cannot use the key file '\(path)': \(reason)."
        }
    }
}
