/// What an import did, for people and (`--json`) for scripts.
public struct ImportSummary: Sendable, Hashable, Codable {
    /// Complaints created.
    public var imported = 0
    /// Rows whose external reference (e.g. the CFPB complaint id) was already in the store or earlier in the file.
    public var duplicates = 0
    /// Rows not imported, with their line and reason, in file order.
    public var rejectedRows: [RejectedRow] = []
    /// Divisions created for sources (e.g. companies) not yet known.
    public var divisionsCreated = 0
    public var seconds = 0.0

    public init() {}

    public var rejected: Int { rejectedRows.count }
    /// Rows read (imported, duplicate or rejected) per second of the whole import.
    public var rowsPerSecond: Double { seconds > 0 ? Double(imported + duplicates + rejected) / seconds : 0 }

    enum CodingKeys: String, CodingKey {
        case imported, duplicates, rejected, rejectedRows = "rejected_rows", divisionsCreated = "divisions_created"
        case seconds, rowsPerSecond = "rows_per_second"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(imported, forKey: .imported)
        try container.encode(duplicates, forKey: .duplicates)
        try container.encode(rejected, forKey: .rejected)
        try container.encode(rejectedRows, forKey: .rejectedRows)
        try container.encode(divisionsCreated, forKey: .divisionsCreated)
        try container.encode((seconds * 1000).rounded() / 1000, forKey: .seconds)
        try container.encode(rowsPerSecond.rounded(), forKey: .rowsPerSecond)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        imported = try container.decode(Int.self, forKey: .imported)
        duplicates = try container.decode(Int.self, forKey: .duplicates)
        rejectedRows = try container.decode([RejectedRow].self, forKey: .rejectedRows)
        divisionsCreated = try container.decode(Int.self, forKey: .divisionsCreated)
        seconds = try container.decode(Double.self, forKey: .seconds)
    }
}
