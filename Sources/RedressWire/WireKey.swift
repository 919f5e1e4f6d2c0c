import Foundation

/// A record key or complaint id as it travels: 16 bytes when it is a
/// canonical lowercase UUID (every complaint id), text otherwise.
///
/// The UUID form is used only when decoding it gives back exactly the same
/// text, so a key always round-trips unchanged.
enum WireKey {
    case uuid(Data)
    case text(String)

    init(_ key: String) {
        if key.utf8.count == 36, let uuid = UUID(uuidString: key), uuid.uuidString.lowercased() == key {
            self = .uuid(withUnsafeBytes(of: uuid.uuid) { Data($0) })
        } else {
            self = .text(key)
        }
    }

    /// The key's text form.
    static func decode(uuid bytes: Data, field: String) throws(WireDecodingError) -> String {
        guard let uuid = UUID(wireBytes: bytes) else {
            throw WireDecodingError(.badUUID, "\(field) has \(bytes.count) bytes; a UUID has 16")
        }
        return uuid.uuidString.lowercased()
    }
}
