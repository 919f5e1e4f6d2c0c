import SwiftProtobuf

extension Redress_Sync_V1_Envelope {
    /// Parses one frame's bytes (protobuf only; `SyncMessage(envelope:)` checks the content).
    ///
    /// - Throws: `WireDecodingError` `.unparseable`.
    public init(frame bytes: [UInt8]) throws(WireDecodingError) {
        do {
            self = try Redress_Sync_V1_Envelope(serializedBytes: bytes)
        } catch {
            throw WireDecodingError(.unparseable, "\(bytes.count) bytes are not a sync envelope (\(error))")
        }
    }

    /// The envelope serialized: one frame's bytes without the length prefix.
    public func frameBytes() -> [UInt8] {
        // Cannot fail: the schema has no required fields, maps or extensions.
        (try? serializedBytes()) ?? []
    }
}
