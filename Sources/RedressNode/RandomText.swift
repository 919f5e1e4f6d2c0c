import Crypto
import Foundation
import RedressKeys

/// Random identifiers and secrets, and hashes of them: the node's tokens,
/// session secrets and CSRF tokens, and the web pages' form tokens.
public enum RandomText {
    public static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    public static func hex(bytes count: Int) -> String {
        Data.hexText(of: bytes(count))
    }

    public static func base64URL(bytes count: Int) -> String {
        Data(bytes(count)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func sha256Hex(_ text: String) -> String {
        Data.hexText(of: SHA256.hash(data: Data(text.utf8)))
    }

    /// Compares two strings in time that depends only on their lengths.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
