public import Foundation
import GRDB
import Logging
import RedressKeys
public import RedressModel
import Synchronization

/// A node's CRDT-native complaint store: one SQLite file in the node's data folder.
///
/// Every local write goes through `write(user:_:)`, which stamps each changed
/// field with the hybrid clock and records a change from this node in the same
/// transaction. Peers' changes enter through `apply(_:)`. Both use the same
/// merge code (`RecordMerger`), so local and remote writes cannot disagree.
public final class RedressStore: Sendable {
    public static let databaseFileName = "redress.sqlite"

    /// The files SQLite keeps for the database at `path`: the database, its
    /// write-ahead log and its shared-memory index.
    static func databaseFiles(atPath path: String) -> [String] { [path, path + "-wal", path + "-shm"] }

    /// Removes the database at `path` with its WAL and shared-memory files
    /// (a store that failed to be made leaves none behind).
    public static func removeDatabaseFiles(atPath path: String) {
        for file in databaseFiles(atPath: path) { try? FileManager.default.removeItem(atPath: file) }
    }

    public let directory: URL
    public let databasePath: String
    public let node: NodeID
    public let nodeName: String
    public let division: String
    /// The cluster this node belongs to; `nil` for a standalone node made by plain `redress init`.
    public let clusterID: UUID?
    public let configuration: StoreConfiguration
    let pool: DatabasePool
    /// Kept alive as long as the pool: its connections' WAL hooks point at it.
    let walCheckpoints: WALCheckpoints
    let logger = Logger(label: "redress.store")
    /// The keys of personal data this process holds (`Keyring`).
    let keyring: Keyring
    /// The last digest `refreshDigest` computed, with its version vector.
    let digestCache = Mutex<StateSnapshot?>(nil)
    /// The inbox's last queue counts (`complaintCounts`).
    let countCache = CountCache()

    private init(directory: URL, pool: (DatabasePool, WALCheckpoints), configuration: StoreConfiguration) throws {
        self.directory = directory
        self.databasePath = directory.appendingPathComponent(Self.databaseFileName).path
        (self.pool, self.walCheckpoints) = pool
        let pool = pool.0
        self.configuration = configuration
        let row = try pool.read { db in try Row.fetchOne(db, sql: "SELECT nodeId, name, division, clusterId FROM localNode WHERE id = 1") }
        guard let row, let node = NodeID(row[0] as String) else {
            throw StoreError.corrupt(path: directory.appendingPathComponent(Self.databaseFileName).path, detail: "it has no node identity")
        }
        self.node = node
        self.nodeName = row[1]
        self.division = row[2]
        self.clusterID = (row[3] as String?).flatMap(UUID.init(uuidString:))
        self.keyring = Keyring(node: node, nodeKey: try NodeEncryptionKey.loadOrCreate(in: directory))
    }

    /// Whether `directory` holds a store.
    public static func exists(at directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(databaseFileName).path)
    }

    /// Opens the store in `directory`, migrating its schema if this build is newer.
    public static func open(at directory: URL, configuration: StoreConfiguration = StoreConfiguration()) throws(StoreError) -> RedressStore {
        let path = directory.appendingPathComponent(databaseFileName).path
        guard FileManager.default.fileExists(atPath: path) else { throw .notInitialized(path: directory.path) }
        if !configuration.opensDamagedStore, let detail = DamageMarker.detail(store: path) { throw .damaged(path: path, detail: detail) }
        return try translatingErrors(path: path) {
            let (pool, checkpoints) = try makePool(path: path, configuration: configuration)
            // Never migrate someone else's SQLite file into a Redress store.
            let isRedress = try pool.read { db in try db.tableExists("grdb_migrations") && db.tableExists("localNode") }
            guard isRedress else { throw StoreError.corrupt(path: path, detail: "it has no Redress tables") }
            let store = try RedressStore(directory: directory, pool: (migrated(pool), checkpoints), configuration: configuration)
            // A store opened to be checked for damage is only read: a write could spread the damage.
            if !configuration.opensDamagedStore {
                try store.publishEncryptionKey()
                try store.sealEarlierPlainText()
            }
            return store
        }
    }

    /// Creates a new, empty store: the default taxonomy, this node's division
    /// with its default promises, and no complaints.
    ///
    /// - Parameters:
    ///   - node: this node's id; a node joining a cluster takes the one its certificate carries.
    ///   - clusterID: the cluster this node belongs to; `nil` for a standalone node.
    ///   - defaultsYield: stamp the first transaction (defaults and `setUp`'s
    ///     writes) at the epoch of the hybrid clock, so that every deliberate
    ///     write made anywhere in the cluster wins over it. A node joining a
    ///     cluster uses it: the cluster already has its taxonomy, promises and
    ///     membership, and a newcomer's fresh defaults must not overwrite them
    ///     when they sync.
    ///   - setUp: further writes in the same first transaction (e.g. this node's
    ///     `member` record), so that if any fails there is no store at all.
    /// - Throws: `StoreError.alreadyInitialized` if a store exists; then nothing is changed.
    public static func create(at directory: URL, division: String, divisionName: String? = nil,
                              nodeName: String, node: NodeID = .random(), clusterID: UUID? = nil,
                              defaultsYield: Bool = false, user: String,
                              configuration: StoreConfiguration = StoreConfiguration(),
                              setUp: (LocalTransaction) throws -> Void = { _ in }) throws(StoreError) -> RedressStore {
        let path = directory.appendingPathComponent(databaseFileName).path
        if FileManager.default.fileExists(atPath: path) { throw .alreadyInitialized(path: directory.path) }
        try Validation.code(division, field: "division")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unreadable(path: directory.path, reason: "cannot create the data folder (\(error.localizedDescription))")
        }
        do {
            return try translatingErrors(path: path) {
                let (unmigrated, checkpoints) = try makePool(path: path, configuration: configuration)
                let pool = try migrated(unmigrated)
                try pool.write { db in
                    try db.execute(sql: "INSERT INTO localNode (id, nodeId, name, division, clock, createdAt, clusterId) VALUES (1, ?, ?, ?, 0, ?, ?)",
                                   arguments: [node.description, nodeName, division, Int64(configuration.wallClock()),
                                               clusterID?.uuidString.lowercased()])
                    try db.execute(sql: "INSERT INTO replica (ordinal, nodeId, counter) VALUES (?, ?, 0)",
                                   arguments: [ReplicaTable.localOrdinal, node.description])
                }
                let store = try RedressStore(directory: directory, pool: (pool, checkpoints), configuration: configuration)
                try store.write(user: user, at: defaultsYield ? 0 : nil) { tx in
                    try tx.seedTaxonomy()
                    // The store's own division, like the taxonomy, is a default, not anyone's change:
                    // every node starts so, and one synced one way stays equal to its source.
                    try tx.upsertDivision(code: division, name: divisionName ?? division, conduct: .default, noted: false)
                    try setUp(tx)
                }
                try store.publishEncryptionKey()
                return store
            }
        } catch {
            // No half-made store: a failed init leaves no database behind.
            Self.removeDatabaseFiles(atPath: path)
            throw error
        }
    }

    private static func makePool(path: String, configuration: StoreConfiguration) throws -> (DatabasePool, WALCheckpoints) {
        let checkpoints = WALCheckpoints()
        var config = Configuration()
        config.busyMode = .timeout(configuration.busyTimeoutSeconds)
        config.label = "redress"
        config.prepareDatabase { db in
            // secure_delete zeroes deleted and overwritten content, which is what
            // makes an erasure leave no trace in the file once checkpointed.
            // 16 MiB of page cache per connection instead of SQLite's 2 MiB: the
            // inbox's and the dashboard's indexes of a large division stay in
            // memory instead of being read again from the OS for every page.
            try db.execute(sql: "PRAGMA secure_delete = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384")
            checkpoints.install(on: db)
            RecordChecksum.register(on: db)
        }
        return (try DatabasePool(path: path, configuration: config), checkpoints)
    }

    private static func migrated(_ pool: DatabasePool) throws -> DatabasePool {
        try StoreMigrations.migrator.migrate(pool)
        // Only a store whose checksum triggers are missing or out of date is written to.
        if try pool.read({ db in try RecordChecksum.needsInstall(db) }) { try pool.write { db in try RecordChecksum.install(db) } }
        return pool
    }

    /// Runs `body` and turns SQLite's errors into ones that say what to do.
    static func translatingErrors<T>(path: String, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as LifecycleError {
            throw .lifecycle(error)
        } catch let error as ClockDriftError {
            throw .clockDrift(error)
        } catch let error as KeyError {
            throw .keys(error)
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: throw .locked(path: path)
            case .SQLITE_READONLY: throw .readOnly(path: DamageMarker.unwritableFile(of: path) ?? path)
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                let detail = "SQLite: \(error.message ?? "\(error.resultCode)")"
                DamageMarker.record(detail, store: path)
                throw .corrupt(path: path, detail: detail)
            case .SQLITE_FULL: throw .diskFull(path: path)
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                if let file = DamageMarker.unwritableFile(of: path) { throw .readOnly(path: file) }
                throw .unreadable(path: path, reason: error.message ?? "permission denied")
            case .SQLITE_IOERR:
                throw .unreadable(path: path, reason: "I/O error: \(error.message ?? "\(error.resultCode)")")
            default:
                throw .unreadable(path: path, reason: "SQLite error \(error.resultCode): \(error.message ?? "")")
            }
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    /// Runs a read transaction with errors translated.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try Self.translatingErrors(path: databasePath) { try pool.read(body) }
    }

    /// A write to this node's own tables only (peer status, sessions, sign-in
    /// throttling): no stamp, no change logged, the digest does not change.
    func localWrite(_ body: (Database) throws -> Void) throws(StoreError) {
        try Self.translatingErrors(path: databasePath) { try pool.write(body) }
    }

    /// One local write transaction: every field written in `body` is stamped
    /// and logged as a change from this node before the transaction commits.
    /// If `body` throws, nothing is written.
    ///
    /// - Parameter wallMillis: the transaction's "now" (Unix ms). Imports and
    ///   sample data pass the historical time; the hybrid clock stays
    ///   monotonic whatever is passed.
    public func write<T>(user: String, at wallMillis: Int64? = nil, _ body: (LocalTransaction) throws -> T) throws(StoreError) -> T {
        var keyChanges = KeyringChanges()
        let (result, erased): (T, Bool) = try Self.translatingErrors(path: databasePath) {
            try pool.write { db -> (T, Bool) in
                let transaction = try LocalTransaction(db: db, store: self, user: user, now: wallMillis)
                let result = try body(transaction)
                if transaction.touchedKeyRecords { try transaction.reconcileKeys() }
                try transaction.commitState()
                keyChanges = transaction.keyChanges
                return (result, transaction.erasedPersonalData)
            }
        }
        keyring.adopt(keyChanges)
        // An erasure is not done until the old bytes are out of the WAL too.
        if erased { try checkpoint() } else { checkpointIfDue() }
        return result
    }

    /// A passive checkpoint once the WAL has passed `WALCheckpoints.thresholdPages`,
    /// after the transaction that grew it has committed (see `WALCheckpoints`).
    /// A failure is only logged: the data is committed, and the next write tries again.
    func checkpointIfDue() {
        guard walCheckpoints.isDue else { return }
        do {
            try pool.writeWithoutTransaction { db in _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") }
            walCheckpoints.didCheckpoint()
        } catch {
            logger.warning("WAL checkpoint failed; the next write retries", metadata: ["redress.reason": "\(error)"])
        }
    }

    /// The version vector: for each origin, the highest counter incorporated.
    public func versionVector() throws(StoreError) -> VersionVector {
        try read { db in try ReplicaTable.load(db).versionVector }
    }

    /// Folds the WAL into the database file and truncates it, so that bytes
    /// overwritten since (an erasure) are gone from every file.
    public func checkpoint() throws(StoreError) {
        try Self.translatingErrors(path: databasePath) {
            try pool.writeWithoutTransaction { db in
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                if let busy = row?[0] as Int?, busy != 0 {
                    throw StoreError.erasureIncomplete(reason: "another process is reading the store")
                }
            }
        }
    }
}
