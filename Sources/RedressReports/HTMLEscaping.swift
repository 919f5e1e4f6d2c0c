/// Text made safe to place in HTML, in element content and in quoted
/// attribute values alike: the one escaping rule of every page Redress
/// serves (the report's HTML, the dashboard, the staff workspace's templates).
///
/// It works on UTF-8 bytes, not on `Character`s. A grapheme cluster can
/// start with a quote: `"` followed by a combining accent is one
/// `Character`, unequal to `"`, so an escape that compares characters lets
/// it through, while the browser's HTML parser, which reads code points,
/// still ends the attribute at the quote. Every byte of a multi-byte UTF-8
/// sequence is 0x80 or above, so comparing bytes finds exactly the ASCII
/// characters below and nothing else. It is also what makes it cheap: text
/// with nothing to escape (nearly all of it) is returned as it is after one
/// scan of its bytes.
public enum HTMLEscaping {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by their character references.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: needsEscape) else { return String(decoding: bytes, as: UTF8.self) }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            escaped.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: false
        }
    }
}
