public import Foundation

/// The text form of a sealed personal field, as it is stored in SQLite,
/// sent to peers and counted in the digest:
/// `rs1:` then base64 of key id (8 bytes) ‖ nonce (12) ‖ ciphertext ‖ tag (16).
///
/// A text column keeps every layer below (the merge rules, the wire's
/// `FieldValue`, the digest) unchanged: they move and compare these strings
/// like any other value and never need a key.
public struct SealedText: Sendable, Hashable {
    public static let prefix = "rs1:"
    /// Key id, nonce and tag: what sealing adds to the plain bytes.
    static let overhead = DataKey.idByteCount + 12 + 16

    public let keyID: String
    /// Nonce ‖ ciphertext ‖ tag, as AES-GCM's combined representation.
    public let combined: Data

    init(keyID: String, combined: Data) {
        self.keyID = keyID
        self.combined = combined
    }

    /// Whether `text` is a sealed value (rather than plain text of an earlier version).
    public static func isSealed(_ text: String) -> Bool { text.hasPrefix(prefix) }

    /// Parses a sealed value; `nil` if `text` is not one.
    public init?(_ text: String) {
        guard text.hasPrefix(Self.prefix),
              let raw = Data(base64Encoded: String(text.dropFirst(Self.prefix.count))),
              raw.count >= Self.overhead else { return nil }
        self.keyID = raw.prefix(DataKey.idByteCount).hexText
        self.combined = raw.dropFirst(DataKey.idByteCount)
    }

    public var text: String {
        Self.prefix + ((Data(hexText: keyID) ?? Data()) + combined).base64EncodedString()
    }
}
