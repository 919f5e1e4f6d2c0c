import Foundation
import GRDB
public import RedressModel

/// The cluster's membership list (replicated `member` records) and this
/// node's view of its peers (the local `peerStatus` table).
extension RedressStore {
    /// Every member this node knows of, retired ones included, by name then
    /// node id, each with when this node last heard from it.
    public func members() throws(StoreError) -> [ClusterMember] {
        try read { db in try Self.fetchMembers(db, where: "", arguments: []) }
    }

    /// The member record of `node`; `nil` if this node has not heard of it.
    public func member(_ node: NodeID) throws(StoreError) -> ClusterMember? {
        try read { db in try Self.fetchMembers(db, where: "WHERE member.nodeId = ?", arguments: [node.description]).first }
    }

    /// Whether `node` has been retired, as far as this node knows. The sync
    /// layer refuses such a node's connections.
    public func isRetired(node: NodeID) throws(StoreError) -> Bool {
        try member(node)?.retired ?? false
    }

    /// The member `text` names: a node id, or a name. A name shared by a
    /// retired node and a later one names the active one.
    ///
    /// - Throws: `StoreError.invalidValue` if no member, or several active
    ///   ones, answer to it.
    public func resolveMember(_ text: String) throws(StoreError) -> ClusterMember {
        let all = try members()
        if let node = NodeID(text), let found = all.first(where: { $0.node == node }) { return found }
        let named = all.filter { $0.name == text }
        let active = named.filter { !$0.retired }
        if active.count == 1 { return active[0] }
        if active.isEmpty, named.count == 1 { return named[0] }
        if named.isEmpty {
            throw .invalidValue(field: "node", value: text, reason: "no member has this name or id (see `redress node list`)")
        }
        throw .invalidValue(field: "node", value: text, reason: "several members have this name; give the node id instead")
    }

    /// Records `node` as a member (a local write that replicates); see `LocalTransaction.addMember`.
    public func addMember(_ node: NodeID, name: String, division: String, certificateSerial: String?, user: String) throws(StoreError) {
        try write(user: user) { tx in try tx.addMember(node, name: name, division: division, certificateSerial: certificateSerial) }
    }

    /// Retires `node` (a local write that replicates); see `LocalTransaction.retireMember`.
    public func retireMember(_ node: NodeID, user: String) throws(StoreError) {
        try write(user: user) { tx in try tx.retireMember(node) }
    }

    private static func fetchMembers(_ db: Database, where filter: String, arguments: StatementArguments) throws -> [ClusterMember] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT member.nodeId, member.name, member.division, member.retired, member.certificateSerial, peerStatus.lastContactAt
            FROM member LEFT JOIN peerStatus ON peerStatus.nodeId = member.nodeId
            \(filter) ORDER BY member.name, member.nodeId
            """, arguments: arguments)
        return try rows.map { row in
            guard let node = NodeID(row[0] as String) else {
                throw StoreError.corruptRecord(detail: "a member record's key is not a node id")
            }
            return ClusterMember(node: node, name: row[1], division: row[2], retired: (row[3] as Int64? ?? 0) != 0,
                                 certificateSerial: row[4], lastContactAt: row[5])
        }
    }
}

/// Per-peer sync status: local bookkeeping for `redress status` and `node list`.
extension RedressStore {
    /// Longest failure reason kept; longer ones are cut.
    static let maxPeerErrorLength = 500

    /// Records what happened with a peer. Local only: no change is logged,
    /// the clock does not move, the digest does not change.
    ///
    /// - Parameters:
    ///   - node: the peer's node id if it identified itself (its certificate
    ///     and hello); then its last contact is `at`.
    ///   - address: the address this node dials it at (`--peer HOST:PORT`);
    ///     `nil` for a connection the peer opened. A row known only by its
    ///     address takes the node id once the peer identifies itself.
    ///   - outcome: `.synced` sets the last sync and clears the last error;
    ///     `.failed` sets the last error.
    ///   - peerVersionVector: the peer's vector from its hello, if known.
    ///   - clockOffsetMillis: how far the peer's clock is ahead of ours, from its hello.
    ///   - at: when (Unix ms); default: the store's wall clock.
    public func recordPeerContact(node: NodeID?, address: String?, outcome: PeerContactOutcome,
                                  peerVersionVector: VersionVector? = nil, clockOffsetMillis: Int64? = nil,
                                  at millis: Int64? = nil) throws(StoreError) {
        guard node != nil || address != nil else {
            throw .invalidValue(field: "peer", value: "", reason: "a peer needs a node id or an address")
        }
        let now = millis ?? Int64(configuration.wallClock())
        let vectorText = peerVersionVector.map(Self.encode)
        try localWrite { db in
            let rid = try Self.peerRow(node: node, address: address, db: db)
            var assignments: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            func set(_ column: String, _ value: (any DatabaseValueConvertible)?) {
                assignments.append("\(column) = ?")
                arguments.append(value)
            }
            if let address { set("address", address) }
            if node != nil { set("lastContactAt", now) }
            switch outcome {
            case .synced:
                set("lastSyncAt", now); set("lastError", nil); set("lastErrorAt", nil)
            case .contacted:
                break
            case .failed(let reason):
                set("lastError", String(reason.prefix(Self.maxPeerErrorLength))); set("lastErrorAt", now)
            }
            if let vectorText { set("peerVersionVector", vectorText) }
            if let clockOffsetMillis { set("clockOffsetMillis", clockOffsetMillis) }
            guard !assignments.isEmpty else { return }
            arguments.append(rid)
            try db.execute(sql: "UPDATE peerStatus SET \(assignments.joined(separator: ", ")) WHERE rid = ?",
                           arguments: StatementArguments(arguments))
        }
    }

    /// This node's record of every peer it has dealt with, identified peers
    /// first (by node id), then peers known only by address.
    public func peerStatuses() throws(StoreError) -> [PeerStatus] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT nodeId, address, lastContactAt, lastSyncAt, lastError, lastErrorAt, peerVersionVector, clockOffsetMillis
                FROM peerStatus ORDER BY nodeId IS NULL, nodeId, address
                """).map { row in
                PeerStatus(node: (row[0] as String?).flatMap(NodeID.init), address: row[1], lastContactAt: row[2],
                           lastSyncAt: row[3], lastError: row[4], lastErrorAt: row[5],
                           peerVersionVector: (row[6] as String?).flatMap(Self.decodeVersionVector), clockOffsetMillis: row[7])
            }
        }
    }

    /// The `peerStatus` row for this peer, made or reconciled: an address
    /// moves to the node now answering there, and a row known only by the
    /// address is merged into the node's row.
    private static func peerRow(node: NodeID?, address: String?, db: Database) throws -> Int64 {
        let byNode = try node.flatMap { try Row.fetchOne(db, sql: "SELECT rid FROM peerStatus WHERE nodeId = ?", arguments: [$0.description]) }
        let byAddress = try address.flatMap { try Row.fetchOne(db, sql: "SELECT rid, nodeId FROM peerStatus WHERE address = ?", arguments: [$0]) }
        if let node {
            if let byAddress, byAddress["nodeId"] as String? != node.description {
                if byAddress["nodeId"] as String? == nil {
                    if byNode == nil {
                        // The first time the peer at this address identified itself.
                        try db.execute(sql: "UPDATE peerStatus SET nodeId = ? WHERE rid = ?", arguments: [node.description, byAddress["rid"] as Int64])
                        return byAddress["rid"]
                    }
                    try db.execute(sql: "DELETE FROM peerStatus WHERE rid = ?", arguments: [byAddress["rid"] as Int64])
                } else {
                    // Another node answered here before: the address is this one's now.
                    try db.execute(sql: "UPDATE peerStatus SET address = NULL WHERE rid = ?", arguments: [byAddress["rid"] as Int64])
                }
            }
            if let byNode { return byNode["rid"] }
            try db.execute(sql: "INSERT INTO peerStatus (nodeId) VALUES (?)", arguments: [node.description])
            return db.lastInsertedRowID
        }
        if let byAddress { return byAddress["rid"] }
        try db.execute(sql: "INSERT INTO peerStatus (address) VALUES (?)", arguments: [address])
        return db.lastInsertedRowID
    }

    private static func encode(_ vector: VersionVector) -> String {
        let object = Dictionary(uniqueKeysWithValues: vector.counters.map { ($0.key.description, $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(object), as: UTF8.self)) ?? "{}"
    }

    private static func decodeVersionVector(_ text: String) -> VersionVector? {
        guard let object = try? JSONDecoder().decode([String: UInt64].self, from: Data(text.utf8)) else { return nil }
        var vector = VersionVector()
        for (key, counter) in object {
            guard let node = NodeID(key) else { return nil }
            vector[node] = counter
        }
        return vector
    }
}
