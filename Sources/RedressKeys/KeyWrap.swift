public import Crypto
public import Foundation

/// Wraps a secret (a division's private key, a writer key) for one holder of
/// a P-256 key pair, with HPKE (RFC 9180, base mode,
/// P256_SHA256_AES_GCM_256): `encapsulated key (65 bytes) ‖ ciphertext`.
///
/// `context` names what is wrapped and for whom (`grant/<key>/<recipient>`),
/// and is authenticated: a wrapped key copied into another record fails to open.
public enum KeyWrap {
    static let suite = HPKE.Ciphersuite.P256_SHA256_AES_GCM_256
    static let info = Data("redress key wrap v1".utf8)
    static let encapsulatedKeyCount = 65

    public static func seal(_ secret: Data, to recipient: P256.KeyAgreement.PublicKey, context: String) -> Data {
        // HPKE with a valid P-256 public key cannot fail.
        var sender = try! HPKE.Sender(recipientKey: recipient, ciphersuite: suite, info: info)
        let ciphertext = try! sender.seal(secret, authenticating: Data(context.utf8))
        return sender.encapsulatedKey + ciphertext
    }

    public static func open(_ wrapped: Data, with key: P256.KeyAgreement.PrivateKey, context: String) throws(KeyError) -> Data {
        guard wrapped.count > encapsulatedKeyCount else { throw .unwrapFailed(context: context) }
        do {
            var recipient = try HPKE.Recipient(privateKey: key, ciphersuite: suite, info: info,
                                               encapsulatedKey: wrapped.prefix(encapsulatedKeyCount))
            return try recipient.open(wrapped.dropFirst(encapsulatedKeyCount), authenticating: Data(context.utf8))
        } catch {
            throw .unwrapFailed(context: context)
        }
    }
}

extension P256.KeyAgreement.PublicKey {
    /// The text form kept in replicated records: base64 of the X9.63 point.
    public var recordText: String { x963Representation.base64EncodedString() }

    public init(recordText: String, context: String) throws(KeyError) {
        guard let raw = Data(base64Encoded: recordText),
              let key = try? P256.KeyAgreement.PublicKey(x963Representation: raw) else {
            throw .invalidPublicKey(context: context)
        }
        self = key
    }
}
