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
    /// Origins whose changes this node asks of peers again (`Refetch`).
    private(set) var refetchByOrdinal: [Int64: Refetch] = [:]

    /// Changes of one origin to be fetched again, because a record they wrote
    /// was damaged here and set aside (`StoreRepair`), or because this node's
    /// state differed from a peer's with the same vector.
    struct Refetch: Hashable {
        /// Ask peers for the changes after this counter (what the vector says we have).
        var after: UInt64
        /// Done once a peer's batch has covered this far: the highest change
        /// that must come again. Changes after it are intact here.
        var upTo: UInt64
        /// This node removed changes in `after…upTo` (a damaged record's), so it
        /// must not pass that range on as if it had it: a peer that lacks the
        /// range could then never get it from a node that has it.
        var incomplete: Bool
        /// For this node's own changes: sessions with peers that lacked the
        /// range too. No other node has this node's later changes, so after
        /// `givingUpAfter` of them it stops holding them back (`peerLacks`).
        var misses = 0

        static let givingUpAfter = 3
    }

    static func load(_ db: Database) throws -> ReplicaTable {
        var table = ReplicaTable()
        let rows = try Row.fetchCursor(db, sql: "SELECT ordinal, nodeId, counter, refetchAfter, refetchUpTo, refetchIncomplete, refetchMisses FROM replica")
        while let row = try rows.next() {
            let ordinal: Int64 = row[0]
            let text: String = row[1]
            guard let node = NodeID(text) else {
                throw StoreError.corruptRecord(detail: "replica \(ordinal) has no valid node id")
            }
            table.nodeByOrdinal[ordinal] = node
            table.ordinalByNode[node] = ordinal
            table.counterByOrdinal[ordinal] = UInt64(row[2] as Int64)
            if let after = row[3] as Int64?, let upTo = row[4] as Int64? {
                table.refetchByOrdinal[ordinal] = Refetch(after: UInt64(max(0, after)), upTo: UInt64(max(0, upTo)), incomplete: (row[5] as Int64?) == 1,
                                                          misses: Int((row[6] as Int64?) ?? 0))
            }
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

    /// How far this node may send the changes of `ordinal` to a peer that
    /// has them up to `peerHas`, and claim it sent them all: its counter,
    /// unless it removed some of them that the peer lacks (`Refetch.incomplete`).
    func sendable(_ ordinal: Int64, peerHas: UInt64) -> UInt64 {
        let counter = counterByOrdinal[ordinal] ?? 0
        guard let refetch = refetchByOrdinal[ordinal], refetch.incomplete, peerHas < refetch.upTo else { return counter }
        return min(refetch.after, counter)
    }

    private func wanted(_ ordinal: Int64) -> UInt64 {
        let counter = counterByOrdinal[ordinal] ?? 0
        return refetchByOrdinal[ordinal].map { min($0.after, counter) } ?? counter
    }

    /// Asks for the changes of `ordinal` in `after…upTo` again, widening an
    /// earlier request.
    ///
    /// - Parameter incomplete: this node removed some of those changes (a
    ///   damaged record's), so it must not pass that range on until it has
    ///   it again.
    mutating func refetch(after: UInt64, upTo: UInt64, ordinal: Int64, incomplete: Bool, in db: Database) throws {
        var refetch = refetchByOrdinal[ordinal] ?? Refetch(after: after, upTo: upTo, incomplete: false)
        refetch.after = min(refetch.after, after)
        refetch.upTo = max(refetch.upTo, upTo)
        refetch.incomplete = refetch.incomplete || incomplete
        try save(refetch, ordinal: ordinal, in: db)
    }

    /// A peer said (in its hello) that it has this node's own changes only
    /// up to `peerHas`. If that is short of a range this node holds back,
    /// the peer could not send it back either; after a few such peers, this
    /// node stops holding back its later changes: the damaged record was
    /// nowhere else (or is on a node it does not meet), and its own later
    /// writes must not stop for it. Returns whether it gave up.
    /// Whether this node holds back a range of its own changes (`peerLacks` has something to count).
    var holdsBackOwnChanges: Bool { refetchByOrdinal[Self.localOrdinal]?.incomplete == true }

    mutating func peerLacks(ownChangesAfter peerHas: UInt64, in db: Database) throws -> Bool {
        guard var refetch = refetchByOrdinal[Self.localOrdinal], refetch.incomplete, peerHas < refetch.upTo else { return false }
        refetch.misses += 1
        if refetch.misses >= Refetch.givingUpAfter { refetch.incomplete = false }
        try save(refetch, ordinal: Self.localOrdinal, in: db)
        return !refetch.incomplete
    }

    /// Records that the changes of `ordinal` up to `counter` arrived (again):
    /// the counter moves up, and a refetch moves on, or is done once it has
    /// come past what had to come again.
    mutating func received(upTo counter: UInt64, ordinal: Int64, in db: Database) throws {
        if counter > (counterByOrdinal[ordinal] ?? 0) { try setCounter(counter, ordinal: ordinal, in: db) }
        guard var refetch = refetchByOrdinal[ordinal], counter > refetch.after else { return }
        if counter >= refetch.upTo {
            try save(nil, ordinal: ordinal, in: db)
        } else {
            refetch.after = counter
            try save(refetch, ordinal: ordinal, in: db)
        }
    }

    private mutating func save(_ refetch: Refetch?, ordinal: Int64, in db: Database) throws {
        guard refetchByOrdinal[ordinal] != refetch else { return }
        refetchByOrdinal[ordinal] = refetch
        try db.execute(sql: "UPDATE replica SET refetchAfter = ?, refetchUpTo = ?, refetchIncomplete = ?, refetchMisses = ? WHERE ordinal = ?",
                       arguments: [refetch.map { Int64($0.after) }, refetch.map { Int64($0.upTo) }, refetch.map { $0.incomplete ? 1 : 0 },
                                   refetch.map { $0.misses }, ordinal])
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

    func counter(_ ordinal: Int64) -> UInt64 { counterByOrdinal[ordinal] ?? 0 }

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
