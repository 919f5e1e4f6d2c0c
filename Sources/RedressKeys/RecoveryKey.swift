public import Crypto
public import Foundation
import RedressPKI

/// The cluster's recovery key: a P-256 key pair made by `redress cluster
/// init`. Its public half is a replicated record, and every division key is
/// wrapped for it as well as for the division's nodes; its private half is
/// written once to a file the operator keeps offline (never on a node), so
/// that a replacement node of a division whose nodes were all lost regains
/// its history (`redress keys recover`).
///
/// The file is one line: `redress-recovery-key-v1:` then base64 of the raw
/// 32-byte scalar.
public struct RecoveryKey: Sendable {
    static let header = "redress-recovery-key-v1:"

    public let privateKey: P256.KeyAgreement.PrivateKey
    public var publicKey: P256.KeyAgreement.PublicKey { privateKey.publicKey }

    public static func generate() -> RecoveryKey { RecoveryKey(privateKey: P256.KeyAgreement.PrivateKey()) }

    init(privateKey: P256.KeyAgreement.PrivateKey) { self.privateKey = privateKey }

    /// The file's text.
    public var text: String { Self.header + privateKey.rawRepresentation.base64EncodedString() + "\n" }

    /// Writes the key to a new owner-only file; never overwrites one.
    public func write(to file: URL) throws(KeyError) {
        do {
            try SecureFile.create(file, contents: Array(text.utf8), mode: SecureFile.privateFileMode)
        } catch {
            throw .keyFile(path: file.path, reason: "\(error)")
        }
    }

    /// Reads a recovery key file.
    public static func read(from file: URL) throws(KeyError) -> RecoveryKey {
        let text: String
        do {
            text = try SecureFile.loadText(file, secret: true)
        } catch {
            throw .keyFile(path: file.path, reason: "\(error)")
        }
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix(header) else { throw .invalidRecoveryKey(path: file.path, reason: "it does not start with '\(header)'") }
        guard let raw = Data(base64Encoded: String(line.dropFirst(header.count))),
              let key = try? P256.KeyAgreement.PrivateKey(rawRepresentation: raw) else {
            throw .invalidRecoveryKey(path: file.path, reason: "the key after the header is not a P-256 private key")
        }
        return RecoveryKey(privateKey: key)
    }
}
