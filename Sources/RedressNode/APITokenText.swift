import Crypto
import Foundation

/// The text of an API token, `rdr_<id>_<secret>`: the id finds its record,
/// the secret proves it. Only SHA-256 of the secret is stored; the secret is
/// 32 random bytes, so a fast hash is enough (unlike a password, it cannot be
/// guessed from a dictionary).
public struct APITokenText: Sendable, Hashable {
    public static let prefix = "rdr_"
    public let id: String
    public let secret: String

    /// A new random token.
    public static func generate() -> APITokenText {
        APITokenText(id: RandomText.hex(bytes: 8), secret: RandomText.base64URL(bytes: 32))
    }

    init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// Parses a presented token; `nil` if it is not of the form.
    public init?(_ text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let parts = text.dropFirst(Self.prefix.count).split(separator: "_", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 16, parts[0].allSatisfy(\.isHexDigit), !parts[1].isEmpty, parts[1].count <= 64 else { return nil }
        self.init(id: String(parts[0]), secret: String(parts[1]))
    }

    public var text: String { "\(Self.prefix)\(id)_\(secret)" }

    public var secretHash: String { RandomText.sha256Hex(secret) }
}
