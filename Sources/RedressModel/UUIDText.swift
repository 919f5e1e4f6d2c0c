/// The text form of a UUID (8-4-4-4-12 hex digits), checked byte by byte.
///
/// Ids are parsed on every page a node shows, and Foundation's
/// `UUID(uuidString:)` on Linux is not strict: it takes a dash in place of a
/// hex digit and makes up the byte, so "0190-aaa-…" would name some other
/// complaint or node. Both `ComplaintID` and `NodeID` parse through here.
enum UUIDText {
    /// `text` in lower case if it is a UUID's 36-character form, else nil.
    static func canonical(_ text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.count == 36 else { return nil }
        var upper = false
        for (offset, byte) in utf8.enumerated() {
            switch (offset, byte) {
            case (8, UInt8(ascii: "-")), (13, UInt8(ascii: "-")), (18, UInt8(ascii: "-")), (23, UInt8(ascii: "-")): continue
            case (8, _), (13, _), (18, _), (23, _): return nil
            case (_, UInt8(ascii: "0")...UInt8(ascii: "9")), (_, UInt8(ascii: "a")...UInt8(ascii: "f")): continue
            case (_, UInt8(ascii: "A")...UInt8(ascii: "F")): upper = true
            default: return nil
            }
        }
        return upper ? text.lowercased() : text
    }
}
