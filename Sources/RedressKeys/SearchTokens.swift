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
    /// The HMAC with the key already absorbed, copied for each token (its
    /// hash state is copied on write): keying an HMAC hashes two key
    /// blocks, as much again as a short word costs.
    private let keyed: HMAC<SHA256>
    public static let shortestPrefix = 3

    public init(key: SymmetricKey) {
        self.key = key
        keyed = HMAC<SHA256>(key: key)
    }

    /// The normalised words of `text`, in order of appearance, without repeats.
    public static func words(_ text: String) -> [String] {
        if let words = asciiWords(text) { return words }
        return foldedWords(text)
    }

    /// The general rule: Foundation's case, accent and width folding, then
    /// the runs of letters and digits.
    static func foldedWords(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var seen = Set<String>()
        return folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).filter { seen.insert($0).inserted }
    }

    /// The same words for a text that is all ASCII (most of it), from its
    /// bytes: there folding is lower-casing and the letters and digits are
    /// `A-Z`, `a-z` and `0-9`. Nil for any other text. (The index on disk
    /// holds these words' tokens, so the two must agree: `SearchTokensTests`.)
    static func asciiWords(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var words: [String] = []
            var seen = Set<String>()
            var word: [UInt8] = []
            func end() {
                guard !word.isEmpty else { return }
                let found = String(decoding: word, as: UTF8.self)
                if seen.insert(found).inserted { words.append(found) }
                word.removeAll(keepingCapacity: true)
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
                case 0x80...: return nil
                default: end()
                }
            }
            end()
            return words
        }
    }

    public func token(_ word: String) -> Int64 {
        var hmac = keyed
        var word = word
        word.withUTF8 { hmac.update(data: UnsafeRawBufferPointer($0)) }
        return hmac.finalize().withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
    }

    /// The tokens of a text: its words, and with `prefixes` every prefix of
    /// each word from `shortestPrefix` characters.
    public func tokens(_ text: String, prefixes: Bool) -> Set<Int64> {
        var tokens = Set<Int64>()
        for word in Self.words(text) {
            tokens.insert(token(word))
            guard prefixes, word.count > Self.shortestPrefix else { continue }
            if word.utf8.allSatisfy({ $0 < 0x80 }) {
                // ASCII: a prefix of characters is the prefix of bytes.
                let bytes = Array(word.utf8)
                for length in Self.shortestPrefix..<bytes.count { tokens.insert(token(String(decoding: bytes[..<length], as: UTF8.self))) }
            } else {
                for length in Self.shortestPrefix..<word.count { tokens.insert(token(String(word.prefix(length)))) }
            }
        }
        return tokens
    }
}
