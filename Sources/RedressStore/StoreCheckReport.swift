/// What a check of the store found (`RedressStore.check`, `redress check`).
public struct StoreCheckReport: Sendable, Hashable, Encodable {
    /// One replicated row whose checksum did not match its values.
    public struct DamagedRecord: Sendable, Hashable, Encodable {
        /// The SQLite table (`complaint`, `event`, …).
        public var table: String
        /// Which row: its key (a complaint id, a division code…) or, for history and
        /// tags, its local origin and counter. Never a value of the row.
        public var label: String
    }

    /// What SQLite's own check (`PRAGMA integrity_check` or `quick_check`)
    /// reported; empty when it said "ok".
    public var sqliteProblems: [String] = []
    /// Rows whose checksum failed. Each was set aside (removed, with its change
    /// log rows) and its changes are asked of peers again at the next sync.
    public var damagedRecords: [DamagedRecord] = []
    /// How many replicated rows were checked.
    public var recordsChecked = 0
    /// Origin nodes whose changes this node still asks of its peers again,
    /// because records they wrote were set aside and have not come back yet.
    public var awaitingRepair = 0

    public init() {}

    /// Nothing wrong: SQLite found no problem and every checksum matched.
    public var isHealthy: Bool { sqliteProblems.isEmpty && damagedRecords.isEmpty }

    /// What the operator should do, in one sentence.
    public var advice: String {
        if !sqliteProblems.isEmpty {
            return "SQLite reports the file itself damaged: stop the node, move its data folder aside, and rejoin the cluster "
                + "(`redress cluster join`) so that peers send everything again, or restore a backup; every command refuses the file until then"
        }
        if !damagedRecords.isEmpty {
            return "the damaged records were set aside and are fetched again from a peer at the next sync; run `redress check` afterwards to confirm"
        }
        if awaitingRepair > 0 {
            return "changes of \(awaitingRepair) node(s) are still to come back from a peer for records set aside earlier: sync with a peer that has them"
        }
        return "nothing to do"
    }

    /// `healthy` and `advice` are derived, and written for scripts and people alike.
    private enum CodingKeys: String, CodingKey {
        case sqliteProblems = "sqlite_problems", damagedRecords = "damaged_records", recordsChecked = "records_checked"
        case awaitingRepair = "awaiting_repair", healthy, advice
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isHealthy, forKey: .healthy)
        try container.encode(sqliteProblems, forKey: .sqliteProblems)
        try container.encode(damagedRecords, forKey: .damagedRecords)
        try container.encode(recordsChecked, forKey: .recordsChecked)
        try container.encode(awaitingRepair, forKey: .awaitingRepair)
        try container.encode(advice, forKey: .advice)
    }
}
