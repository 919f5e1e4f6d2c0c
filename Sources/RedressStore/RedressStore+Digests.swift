import Foundation
import GRDB
import Logging
public import RedressModel
import Synchronization

extension RedressStore {
    /// The digest and the version vector it belongs to, read in one snapshot.
    public struct StateSnapshot: Sendable, Hashable {
        public var versionVector: VersionVector
        /// `StateDigest` as lowercase hex.
        public var digest: String

        /// The digest's 32 bytes, as a hello carries them.
        public var digestBytes: [UInt8] {
            var bytes: [UInt8] = []
            var index = digest.startIndex
            while index < digest.endIndex, let next = digest.index(index, offsetBy: 2, limitedBy: digest.endIndex),
                  let byte = UInt8(digest[index..<next], radix: 16) {
                bytes.append(byte)
                index = next
            }
            return bytes
        }
    }

    /// Computes the digest with the version vector (what a peer is told it
    /// belongs to) and keeps it, so that a sync can offer it without
    /// computing it (`digestAtHand(for:)`). A whole scan of the store: the
    /// serve loop calls it only once the vector has stood still for a while.
    @discardableResult
    public func refreshDigest() throws(StoreError) -> StateSnapshot {
        let snapshot = try read { db in
            StateSnapshot(versionVector: try ReplicaTable.load(db).versionVector, digest: try StateDigest.compute(db))
        }
        digestCache.withLock { $0 = snapshot }
        return snapshot
    }

    /// The digest kept by `refreshDigest` if it belongs to exactly `vector`, else `nil`.
    public func digestAtHand(for vector: VersionVector) -> StateSnapshot? {
        digestCache.withLock { cached in cached?.versionVector == vector ? cached : nil }
    }

    /// Asks peers for every change again: the state differs from a peer's
    /// with the same version vector, so something here (or there) was lost
    /// without a trace that `check` could find. Every merge is idempotent, so
    /// what arrives again changes only what differs.
    public func refetchEverything(reason: String) throws(StoreError) {
        try localWrite { db in
            var replicas = try ReplicaTable.load(db)
            // Nothing was removed here: this node still passes on all it has.
            for ordinal in replicas.ordinals {
                try replicas.refetch(after: 0, upTo: replicas.counter(ordinal), ordinal: ordinal, incomplete: false, in: db)
            }
        }
        digestCache.withLock { $0 = nil }
        logger.error("asking peers for every change again", metadata: ["redress.reason": "\(reason)"])
    }

    /// Notes what a peer's hello says it has of this node's own changes
    /// (`ReplicaTable.peerLacks`): a range this node holds back that no peer
    /// can send back is, after a few peers, given up, so that this node's
    /// later changes flow again.
    public func notePeerHas(_ peerVector: VersionVector) throws(StoreError) {
        // Every session ends here: take the write lock only when this node holds a range of its own back.
        guard try read({ db in try ReplicaTable.load(db).holdsBackOwnChanges }) else { return }
        let gaveUp = try Self.translatingErrors(path: databasePath) {
            try pool.write { db -> Bool in
                var replicas = try ReplicaTable.load(db)
                return try replicas.peerLacks(ownChangesAfter: peerVector[node], in: db)
            }
        }
        if gaveUp {
            logger.error("no peer has this node's changes that a damaged record held again; passing on its later changes without them")
        }
    }
}
