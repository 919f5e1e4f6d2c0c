public import Crypto
import Foundation

/// The keyed blind index of words: each word of a personal text becomes an
/// HMAC-SHA256 token (its first 8 bytes, as one SQLite integer) under the
/// node's search key, so the index on disk holds no word and cannot be
/// tested against a dictionary without that key.
///
/// Words are compared case- and accent-insensitively. The complainant's name
/// and contact are also indexed by their prefixes (from three characters),
/// so "smi" finds Smith; long texts only by whole words, which keeps the
/// index at about one token per distinct word.
public struct SearchTokens: Sendable {
    let key: SymmetricKey
    public static let shortestPrefix = 3

    public init(key: SymmetricKey) { self.key = key }

    /// The normalised words of `text`, in order of appearance, without repeats.
    public static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var seen = Set<String>()
        return folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).filter { seen.insert($0).inserted }
    }

    public func token(_ word: String) -> Int64 {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(word.utf8), using: key)
        return mac.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
    }

    /// The tokens of a text: its words, and with `prefixes` every prefix of
    /// each word from `shortestPrefix` characters.
    public func tokens(_ text: String, prefixes: Bool) -> Set<Int64> {
        var tokens = Set<Int64>()
        for word in Self.words(text) {
            tokens.insert(token(word))
            guard prefixes, word.count > Self.shortestPrefix else { continue }
            for length in Self.shortestPrefix..<word.count { tokens.insert(token(String(word.prefix(length)))) }
        }
        return tokens
    }
}
