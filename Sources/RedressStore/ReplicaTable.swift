import GRDB
import RedressModel

/// The `replica` table loaded for one transaction: local ordinals, node ids
/// and version-vector counters.
///
/// It is loaded afresh in every transaction rather than cached across them,
/// so an ordinal assigned in a transaction that rolls back can never leak into
/// a later one. A cluster has tens of nodes, so this costs one tiny query.
struct ReplicaTable {
    static let localOrdinal: Int64 = 1

    private(set) var nodeByOrdinal: [Int64: NodeID] = [:]
    private(set) var ordinalByNode: [NodeID: Int64] = [:]
    private(set) var counterByOrdinal: [Int64: UInt64] = [:]

    static func load(_ db: Database) throws -> ReplicaTable {
        var table = ReplicaTable()
        let rows = try Row.fetchCursor(db, sql: "SELECT ordinal, nodeId, counter FROM replica")
        while let row = try rows.next() {
            let ordinal: Int64 = row[0]
            let text: String = row[1]
            guard let node = NodeID(text) else {
                throw StoreError.corruptRecord(detail: "replica \(ordinal) has no valid node id")
            }
            table.nodeByOrdinal[ordinal] = node
            table.ordinalByNode[node] = ordinal
            table.counterByOrdinal[ordinal] = UInt64(row[2] as Int64)
        }
        return table
    }

    var versionVector: VersionVector {
        var vector = VersionVector()
        for (ordinal, node) in nodeByOrdinal { vector[node] = counterByOrdinal[ordinal] ?? 0 }
        return vector
    }

    func node(_ ordinal: Int64) throws -> NodeID {
        guard let node = nodeByOrdinal[ordinal] else {
            throw StoreError.corruptRecord(detail: "no replica with ordinal \(ordinal)")
        }
        return node
    }

    func counter(of node: NodeID) -> UInt64 {
        ordinalByNode[node].flatMap { counterByOrdinal[$0] } ?? 0
    }

    /// The ordinal of `node`, adding it to the table if it is new.
    mutating func ordinal(for node: NodeID, in db: Database) throws -> Int64 {
        if let ordinal = ordinalByNode[node] { return ordinal }
        try db.execute(sql: "INSERT INTO replica (nodeId, counter) VALUES (?, 0)", arguments: [node.description])
        let ordinal = db.lastInsertedRowID
        nodeByOrdinal[ordinal] = node
        ordinalByNode[node] = ordinal
        counterByOrdinal[ordinal] = 0
        return ordinal
    }

    mutating func setCounter(_ counter: UInt64, ordinal: Int64, in db: Database) throws {
        counterByOrdinal[ordinal] = counter
        try db.execute(sql: "UPDATE replica SET counter = ? WHERE ordinal = ?", arguments: [Int64(counter), ordinal])
    }

    /// Total order of stamps: time, then node id (not the local ordinal, which
    /// differs from replica to replica).
    func isGreater(_ a: ClockVector.LocalStamp, than b: ClockVector.LocalStamp) throws -> Bool {
        if a.time != b.time { return a.time > b.time }
        if a.ordinal == b.ordinal { return false }
        return try node(a.ordinal) > node(b.ordinal)
    }
}
