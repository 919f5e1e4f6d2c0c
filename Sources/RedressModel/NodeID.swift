public import Foundation

/// The identity of one Redress node (one replica).
///
/// Node ids are UUIDs so that nodes can be created without coordination. They
/// also break ties between writes stamped with the same hybrid logical time,
/// which is why they are `Comparable` by their canonical lowercase text: every
/// replica must order them the same way.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let uuid: UUID

    public init(uuid: UUID) { self.uuid = uuid }

    /// A fresh random node id.
    public static func random() -> NodeID { NodeID(uuid: UUID()) }

    /// Parses the canonical text form; `nil` if `text` is not a UUID.
    /// Checked byte by byte first (`UUIDText`).
    public init?(_ text: String) {
        guard let canonical = UUIDText.canonical(text), let uuid = UUID(uuidString: canonical) else { return nil }
        self.uuid = uuid
    }

    /// Canonical lowercase form, stored in SQLite and sent on the wire.
    public var description: String { uuid.uuidString.lowercased() }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.description < rhs.description }
}
