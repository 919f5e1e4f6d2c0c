import Foundation

/// A stable division code (`[A-Za-z0-9._-]{1,64}`) derived from a source's
/// organisation name, e.g. a CFPB company: "EQUIFAX, INC." → `equifax-inc`.
///
/// Letters are folded to lowercase ASCII, every other run of characters
/// becomes one `-`. Names that differ only in case or punctuation share a
/// code, which is what the head office wants ("Equifax, Inc" and "EQUIFAX
/// INC" are one company). A slug longer than 64 characters keeps its first 55
/// and a hash of the whole name, so it stays stable and distinct.
enum DivisionCode {
    static func make(from name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar))) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        if slug.isEmpty { return "org-" + hash(name) }
        if slug.count <= 64 { return slug }
        var prefix = String(slug.prefix(55))
        while prefix.hasSuffix("-") { prefix.removeLast() }
        return prefix + "-" + hash(name)
    }

    /// FNV-1a, 32 bits, as 8 hex digits: stable across runs and platforms (unlike `Hasher`).
    static func hash(_ text: String) -> String {
        var value: UInt32 = 0x811c_9dc5
        for byte in text.utf8 {
            value ^= UInt32(byte)
            value = value &* 0x0100_0193
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
