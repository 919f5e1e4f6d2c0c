extension StringProtocol {
    /// The text without leading and trailing whitespace; a tiny helper so the
    /// parsers need no Foundation character sets.
    func trimmingSpaces() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }

    /// Whether the text is non-empty and only ASCII digits 0-9: the parsers
    /// refuse signs, exponents, grouping and non-ASCII digits that `Int(_:)`
    /// or `isNumber` would let through.
    var isASCIIDigits: Bool {
        !isEmpty && unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }
}
