public import Foundation
public import RedressModel

extension NodeID {
    /// The 16 raw bytes of the UUID: how node ids travel (36 as text).
    public var wireBytes: Data {
        withUnsafeBytes(of: uuid.uuid) { Data($0) }
    }

    /// Reads a node id from its 16 raw bytes.
    ///
    /// - Parameter field: the schema field it came from, for the error.
    /// - Throws: `WireDecodingError` `.badNodeID` if `bytes` is not 16 bytes long.
    public init(wireBytes bytes: Data, field: String) throws(WireDecodingError) {
        guard let uuid = UUID(wireBytes: bytes) else {
            throw WireDecodingError(.badNodeID, "\(field) has \(bytes.count) bytes; a node id has 16")
        }
        self.init(uuid: uuid)
    }
}

extension UUID {
    /// A UUID from exactly 16 raw bytes; `nil` for any other length.
    init?(wireBytes bytes: Data) {
        guard bytes.count == 16 else { return nil }
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { target in
            bytes.withUnsafeBytes { source in target.copyMemory(from: source) }
        }
        self.init(uuid: raw)
    }
}
