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
    /// Origins whose changes after this counter are asked of peers again,
    /// because a record they wrote was damaged here and set aside
    /// (`StoreRepair`); the counter still says what this node had applied.
    private(set) var refetchAfterByOrdinal: [Int64: UInt64] = [:]
    /// Origins whose changes after `refetchAfter` this node no longer has
    /// complete (a damaged record's were removed): it must not pass them on
    /// as if it had them (`complete(of:)`).
    private(set) var incompleteOrdinals: Set<Int64> = []

    static func load(_ db: Database) throws -> ReplicaTable {
        var table = ReplicaTable()
        let rows = try Row.fetchCursor(db, sql: "SELECT ordinal, nodeId, counter, refetchAfter, refetchIncomplete FROM replica")
        while let row = try rows.next() {
            let ordinal: Int64 = row[0]
            let text: String = row[1]
            guard let node = NodeID(text) else {
                throw StoreError.corruptRecord(detail: "replica \(ordinal) has no valid node id")
            }
            table.nodeByOrdinal[ordinal] = node
            table.ordinalByNode[node] = ordinal
            table.counterByOrdinal[ordinal] = UInt64(row[2] as Int64)
            if let after = row[3] as Int64? { table.refetchAfterByOrdinal[ordinal] = UInt64(max(0, after)) }
            if (row[4] as Int64?) == 1 { table.incompleteOrdinals.insert(ordinal) }
        }
        return table
    }

    /// What this node tells peers it has: for each origin its counter, or
    /// less where changes are to be fetched again (`wanted(of:)`).
    var versionVector: VersionVector {
        var vector = VersionVector()
        for (ordinal, node) in nodeByOrdinal { vector[node] = wanted(ordinal) }
        return vector
    }

    /// The counter after which changes of `node` are taken from a peer:
    /// the counter, or the lower point a repair asks from.
    func wanted(of node: NodeID) -> UInt64 {
        ordinalByNode[node].map(wanted) ?? 0
    }

    /// The counter up to which this node has every change of `ordinal` it
    /// applied, and so may send them to a peer and claim it sent them all.
    func complete(_ ordinal: Int64) -> UInt64 {
        incompleteOrdinals.contains(ordinal) ? wanted(ordinal) : (counterByOrdinal[ordinal] ?? 0)
    }

    private func wanted(_ ordinal: Int64) -> UInt64 {
        let counter = counterByOrdinal[ordinal] ?? 0
        return refetchAfterByOrdinal[ordinal].map { min($0, counter) } ?? counter
    }

    /// Asks for the changes of `ordinal` after `counter` again (lowering an
    /// earlier request only).
    ///
    /// - Parameter incomplete: this node removed some of those changes (a
    ///   damaged record), so it must not pass that range on until it has it again.
    mutating func refetch(after counter: UInt64, ordinal: Int64, incomplete: Bool, in db: Database) throws {
        if incomplete, !incompleteOrdinals.contains(ordinal) {
            incompleteOrdinals.insert(ordinal)
            try db.execute(sql: "UPDATE replica SET refetchIncomplete = 1 WHERE ordinal = ?", arguments: [ordinal])
        }
        if let earlier = refetchAfterByOrdinal[ordinal], earlier <= counter { return }
        refetchAfterByOrdinal[ordinal] = counter
        try db.execute(sql: "UPDATE replica SET refetchAfter = ? WHERE ordinal = ?", arguments: [Int64(counter), ordinal])
    }

    /// Records that the changes of `ordinal` up to `counter` arrived (again):
    /// the counter moves up, and a refetch that reached it is done.
    mutating func received(upTo counter: UInt64, ordinal: Int64, in db: Database) throws {
        if counter > (counterByOrdinal[ordinal] ?? 0) { try setCounter(counter, ordinal: ordinal, in: db) }
        guard let after = refetchAfterByOrdinal[ordinal], counter > after else { return }
        if counter >= (counterByOrdinal[ordinal] ?? 0) {
            refetchAfterByOrdinal[ordinal] = nil
            incompleteOrdinals.remove(ordinal)
            try db.execute(sql: "UPDATE replica SET refetchAfter = NULL, refetchIncomplete = NULL WHERE ordinal = ?", arguments: [ordinal])
        } else {
            refetchAfterByOrdinal[ordinal] = counter
            try db.execute(sql: "UPDATE replica SET refetchAfter = ? WHERE ordinal = ?", arguments: [Int64(counter), ordinal])
        }
    }

    func node(_ ordinal: Int64) throws -> NodeID {
        guard let node = nodeByOrdinal[ordinal] else {
            throw StoreError.corruptRecord(detail: "no replica with ordinal \(ordinal)")
        }
        return node
    }

    /// Every ordinal in the table.
    var ordinals: [Int64] { Array(nodeByOrdinal.keys) }

    func knows(ordinal: Int64) -> Bool { nodeByOrdinal[ordinal] != nil }

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
