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

/// Random identifiers and secrets, and hashes of them.
enum RandomText {
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func hex(bytes count: Int) -> String {
        bytes(count).map { String(format: "%02x", $0) }.joined()
    }

    static func base64URL(bytes count: Int) -> String {
        Data(bytes(count)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two strings in time that depends only on their lengths.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
