import Foundation
import RedressModel

/// Input checks shared by every write, so that bad input is refused before
/// anything is stamped.
enum Validation {
    /// Codes (divisions, taxonomy entries): short, lowercase-friendly, no spaces.
    static func code(_ value: String, field: String) throws(StoreError) {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard !value.isEmpty, value.count <= 64, value.unicodeScalars.allSatisfy(allowed.contains) else {
            throw .invalidValue(field: field, value: value, reason: "use 1–64 letters, digits, '-', '_' or '.'")
        }
    }

    /// Logins: 1–64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.
    static func login(_ value: String) throws(StoreError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard let first = value.first, first.isLetter || first.isNumber, value.count <= 64, value.allSatisfy(allowed.contains) else {
            throw .invalidValue(field: "login", value: value, reason: "use 1–64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")
        }
    }

    static func text(_ value: String?, field: String, required: Bool, maxLength: Int = 20_000, personal: Bool = false) throws(StoreError) -> String? {
        let trimmed = value.map(trimmingWhitespace)
        guard let trimmed, !trimmed.isEmpty else {
            if required { throw .missingField(field) }
            return nil
        }
        // Control characters (a NUL cuts the text short in SQLite and C code) are
        // never text a person meant; tabs and line breaks are.
        if trimmed.containsControlCharacter(allowingLineBreaks: true) {
            throw .invalidValue(field: field, value: personal ? "…" : String(trimmed.prefix(40)).debugDescription,
                                reason: "contains a control character")
        }
        // No string has more characters than UTF-8 bytes: count characters only when it could matter.
        guard trimmed.utf8.count <= maxLength || trimmed.count <= maxLength else {
            // Never echo personal text back, even in an error.
            throw .invalidValue(field: field, value: personal ? "…" : String(trimmed.prefix(40)) + "…",
                                reason: "longer than \(maxLength) characters")
        }
        return trimmed
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)` on Unicode scalars,
    /// which is what Foundation's UTF-16 walk amounts to (no whitespace lies
    /// outside the BMP) without its copies: every complaint's description
    /// passes through here, and nearly always there is nothing to trim.
    private static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// Membership in `CharacterSet.whitespacesAndNewlines`, answered without
    /// Foundation for ASCII (tab, line feed, vertical tab, form feed, carriage
    /// return and space are its only ASCII members).
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return CharacterSet.whitespacesAndNewlines.contains(scalar)
    }

    static func range(_ value: Int?, field: String, _ range: ClosedRange<Int>) throws(StoreError) {
        guard let value else { return }
        guard range.contains(value) else {
            throw .invalidValue(field: field, value: String(value), reason: "must be between \(range.lowerBound) and \(range.upperBound)")
        }
    }
}

extension RedressStore {
    /// Whether `text` is of the form of a login (see `Validation.login`).
    public static func isValidLogin(_ text: String) -> Bool { (try? Validation.login(text)) != nil }
}
