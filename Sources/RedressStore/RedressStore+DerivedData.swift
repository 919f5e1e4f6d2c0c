public import GRDB

extension RedressStore {
    /// Runs `body` in a write transaction meant for this node's derived
    /// tables only (the report cells): data computed from the replicated
    /// records, never replicated itself, so nothing is stamped or logged and
    /// the digest does not change. Every replicated write still goes through
    /// `write(user:at:_:)`.
    public func writeDerivedData<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try Self.translatingErrors(path: databasePath) { try pool.write(body) }
    }

    /// The records' checksum hash (`RecordChecksum.Hasher64`) of `bytes`:
    /// the same in every process and on every machine, so that derived data
    /// can carry a checksum that a later process verifies.
    public static func derivedChecksum(_ bytes: [UInt8]) -> Int64 {
        var hasher = RecordChecksum.Hasher64()
        bytes.withUnsafeBytes { hasher.feed($0) }
        return Int64(bitPattern: hasher.state)
    }
}
