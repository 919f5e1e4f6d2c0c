public import Crypto
public import Foundation
import RedressPKI

/// This node's own key pair for receiving wrapped keys: its public half is
/// published in the node's `member` record, so any node that holds a
/// division's key can wrap it for this node; its private half never leaves
/// `DATA/keys/node-encryption-key.pem` (mode 0600, like the TLS key).
///
/// It is separate from the TLS key on purpose: one key, one use. The node
/// makes it itself, so even the CA node that issued its certificate never
/// held it.
public struct NodeEncryptionKey: Sendable {
    public static let directoryName = "keys"
    public static let fileName = "node-encryption-key.pem"

    public let privateKey: P256.KeyAgreement.PrivateKey
    public var publicKey: P256.KeyAgreement.PublicKey { privateKey.publicKey }

    init(privateKey: P256.KeyAgreement.PrivateKey) {
        self.privateKey = privateKey
    }

    public static func file(in dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent(directoryName, isDirectory: true).appendingPathComponent(fileName)
    }

    /// The node's key, made on first use. Two processes starting at once on
    /// one data folder agree: the file is created with `O_EXCL`, and the one
    /// that loses reads the winner's.
    public static func loadOrCreate(in dataDirectory: URL) throws(KeyError) -> NodeEncryptionKey {
        let file = file(in: dataDirectory)
        do {
            if !SecureFile.exists(file) {
                try SecureFile.ensureDirectory(file.deletingLastPathComponent())
                let key = P256.KeyAgreement.PrivateKey()
                do {
                    try SecureFile.create(file, contents: Array(key.pemRepresentation.utf8), mode: SecureFile.privateFileMode)
                    return NodeEncryptionKey(privateKey: key)
                } catch PKIError.fileExists {
                    // Another process made it first: use that one.
                }
            }
            let pem = try SecureFile.loadText(file, secret: true)
            guard let key = try? P256.KeyAgreement.PrivateKey(pemRepresentation: pem) else {
                throw KeyError.keyFile(path: file.path, reason: "it does not hold a P-256 private key in PEM form")
            }
            return NodeEncryptionKey(privateKey: key)
        } catch let error as KeyError {
            throw error
        } catch {
            throw .keyFile(path: file.path, reason: "\(error)")
        }
    }

    /// The key of the node's local blind index of words: derived from the
    /// node's private key, so it is as secret as that key and needs no file
    /// of its own; another node's index (if it were copied) is useless here.
    public var searchKey: SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: privateKey.rawRepresentation),
                               info: Data("redress search index v1".utf8), outputByteCount: 32)
    }
}
