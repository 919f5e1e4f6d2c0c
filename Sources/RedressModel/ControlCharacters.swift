extension StringProtocol {
    /// Whether the text holds a control character (Unicode category Cc:
    /// U+0000–U+001F and U+007F–U+009F), optionally allowing tab, line feed
    /// and carriage return, which are text a person means.
    ///
    /// The one control-character rule of the package: local input, values
    /// from peers, node names and divisions all ask here. It reads UTF-8
    /// bytes instead of each scalar's `generalCategory`, whose table lookup
    /// was about a quarter of recording a complaint (`perf`, `bench store`):
    /// every C0 control and DEL is one byte below 0x80, and every C1 control
    /// is the two bytes 0xC2 0x80–0x9F, which no other character starts with.
    @inlinable
    public func containsControlCharacter(allowingLineBreaks: Bool) -> Bool {
        // Generic code across a module boundary runs unspecialized, a
        // protocol call per byte; inlined, the loop runs on the contiguous
        // UTF-8 bytes (native strings always have them).
        if let answer = utf8.withContiguousStorageIfAvailable({ ControlCharacterScan.contains($0, allowingLineBreaks: allowingLineBreaks) }) {
            return answer
        }
        return Array(utf8).withUnsafeBufferPointer { ControlCharacterScan.contains($0, allowingLineBreaks: allowingLineBreaks) }
    }
}

/// The byte scan behind `containsControlCharacter(allowingLineBreaks:)`
/// (visible to inlined callers only).
@usableFromInline
enum ControlCharacterScan {
    @usableFromInline
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, allowingLineBreaks: Bool) -> Bool {
        var afterC2 = false
        for byte in bytes {
            if afterC2, byte >= 0x80, byte <= 0x9F { return true }
            afterC2 = byte == 0xC2
            if byte < 0x20 {
                if allowingLineBreaks, byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                return true
            }
            if byte == 0x7F { return true }
        }
        return false
    }
}
