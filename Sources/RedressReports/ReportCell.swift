import RedressStore

/// The sums of one report cell: the complaints of one division,
/// month of receipt, category and channel, summed as a report's pass sums
/// them (`KPIReporter.Accumulator`), so that a report adds up cells instead
/// of reading each complaint again (docs/ARCHITECTURE.md, "Report cells").
///
/// A complaint is summed in a cell only if every count the report makes of
/// it is the same whatever "now" is, or whatever "now" from the time the
/// cell was summed on (`settledAfter`: an open complaint whose due times
/// have all passed stays overdue). The others of the cell ("unsettled": an
/// open complaint still within its promise, say) are listed by row id, and
/// a report reads them afresh.
struct ReportCell: Equatable {
    var division: String
    /// `YYYY-MM`, UTC, as `ReportGrouping.month` names it.
    var month: String
    var category: String?
    var channel: String?
    /// Counts, sums, durations, root causes, remedies and redress. Its
    /// category and channel maps are left empty: every complaint of the cell
    /// has the cell's.
    var sums: KPIReporter.Accumulator
    /// Row ids of the cell's complaints whose counts depend on "now".
    var unsettled: [Int64] = []
    /// The earliest "now" the sums hold for (Unix ms): `Int64.min` when they
    /// hold at every "now", else when the month was summed. The same in
    /// every cell of a (division, month).
    var settledAfter = Int64.min

    /// The group a cell of `division`, `month`, `category` and `channel` is in, for `grouping`.
    static func group(_ grouping: ReportGrouping, division: String, month: String, category: String?, channel: String?) -> String {
        switch grouping {
        case .division: division
        case .category: category ?? "(none)"
        case .channel: channel ?? "(none)"
        case .month: month
        case .quarter: ReportMonth.quarter(of: month)
        }
    }

    /// The cell's sums as bytes: a layout version, then integers (8 bytes,
    /// little-endian) and strings (a length, then UTF-8), each list preceded
    /// by its length.
    func encoded() -> [UInt8] {
        var writer = Writer()
        writer.integer(Self.version)
        writer.integer(settledAfter)
        writer.integers(sums.counts.map(Int64.init))
        writer.integers(sums.sums.map(Int64.init))
        writer.integers(sums.ackTimes)
        writer.integers(sums.resolveTimes)
        writer.counts(sums.rootCauses)
        writer.counts(sums.remedies)
        writer.integer(Int64(sums.redress.count))
        for (currency, amounts) in sums.redress.sorted(by: { $0.key < $1.key }) {
            writer.text(currency)
            writer.integers(amounts)
        }
        writer.integers(unsettled)
        return writer.bytes
    }

    /// The cell of `encoded()`'s bytes, which must hold `counts` counts and
    /// `sums` sums (the layout of this build); anything else is damage.
    init(division: String, month: String, category: String?, channel: String?, decoding bytes: [UInt8],
         counts: Int, sums: Int) throws(ReportCellError) {
        self.division = division
        self.month = month
        self.category = category
        self.channel = channel
        var accumulator = KPIReporter.Accumulator(counts: Array(repeating: 0, count: counts), sums: Array(repeating: 0, count: sums))
        let decoded = try Self.add(decoding: bytes, to: &accumulator, holdingAt: .max)!
        self.sums = accumulator
        unsettled = decoded.unsettled
        settledAfter = decoded.settledAfter
    }

    /// What a cell's bytes hold besides its sums.
    struct Decoded {
        /// The complaints it sums.
        var complaints: Int
        var unsettled: [Int64]
        var settledAfter: Int64
    }

    /// Adds the sums of `encoded()`'s bytes to `accumulator` (of this
    /// build's numbers of counts and sums; anything else is damage) and
    /// returns the rest, if the cell holds at `now`; else adds nothing and
    /// returns nil. A report adds each cell to its group's sums this way,
    /// with no cell of its own in between (no map of root causes per cell).
    /// On damage part of the cell may have been added: the caller discards
    /// the accumulator.
    static func add(decoding bytes: [UInt8], to accumulator: inout KPIReporter.Accumulator,
                    holdingAt now: Int64) throws(ReportCellError) -> Decoded? {
        var reader = Reader(bytes: bytes)
        guard try reader.integer() == version else { throw .damaged("an unknown layout") }
        let settledAfter = try reader.integer()
        guard now >= settledAfter else { return nil }
        guard try reader.count() == accumulator.counts.count else { throw .damaged("another number of counts") }
        var complaints: Int64 = 0
        for offset in accumulator.counts.indices {
            let count = try reader.integer()
            if offset == 0 { complaints = count }
            accumulator.counts[offset] += Int(truncatingIfNeeded: count)
        }
        guard try reader.count() == accumulator.sums.count else { throw .damaged("another number of sums") }
        for offset in accumulator.sums.indices { accumulator.sums[offset] += Int(truncatingIfNeeded: try reader.integer()) }
        try reader.append(to: &accumulator.ackTimes)
        try reader.append(to: &accumulator.resolveTimes)
        try reader.add(to: &accumulator.rootCauses)
        try reader.add(to: &accumulator.remedies)
        for _ in 0..<(try reader.count()) {
            let currency = try reader.text()
            try reader.append(to: &accumulator.redress[currency, default: []])
        }
        var unsettled: [Int64] = []
        try reader.append(to: &unsettled)
        guard reader.atEnd else { throw .damaged("bytes after its end") }
        return Decoded(complaints: Int(truncatingIfNeeded: complaints), unsettled: unsettled, settledAfter: settledAfter)
    }

    init(division: String, month: String, category: String?, channel: String?, sums: KPIReporter.Accumulator) {
        self.division = division
        self.month = month
        self.category = category
        self.channel = channel
        self.sums = sums
    }

    /// 2: open complaints are summed too, with `settledAfter`; 3: which
    /// comes first, so that a report skips a cell before adding it.
    static let version: Int64 = 3

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func integer(_ value: Int64) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func integers(_ values: [Int64]) {
            integer(Int64(values.count))
            for value in values { integer(value) }
        }

        mutating func text(_ value: String) {
            integer(Int64(value.utf8.count))
            bytes.append(contentsOf: value.utf8)
        }

        mutating func counts(_ counts: [String: Int]) {
            integer(Int64(counts.count))
            for (key, count) in counts.sorted(by: { $0.key < $1.key }) {
                text(key)
                integer(Int64(count))
            }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        mutating func integer() throws(ReportCellError) -> Int64 {
            guard bytes.count - offset >= 8 else { throw .damaged("too short") }
            let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int64.self) }
            offset += 8
            return Int64(littleEndian: value)
        }

        /// A list's length, which its items must fit in (8 bytes at least each).
        mutating func count() throws(ReportCellError) -> Int {
            let count = try integer()
            guard count >= 0, count <= (bytes.count - offset) / 8 else { throw .damaged("a length past its end") }
            return Int(count)
        }

        /// Appends a list of integers to `values`.
        mutating func append(to values: inout [Int64]) throws(ReportCellError) {
            let count = try self.count()
            bytes.withUnsafeBytes { raw in
                for index in 0..<count {
                    values.append(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * index, as: Int64.self)))
                }
            }
            offset += 8 * count
        }

        mutating func text() throws(ReportCellError) -> String {
            let length = try integer()
            guard length >= 0, length <= bytes.count - offset else { throw .damaged("a text past its end") }
            let text = String(decoding: bytes[offset..<offset + Int(length)], as: UTF8.self)
            offset += Int(length)
            return text
        }

        /// Adds a list of (text, count) to `counts`.
        mutating func add(to counts: inout [String: Int]) throws(ReportCellError) {
            for _ in 0..<(try count()) {
                let key = try text()
                counts[key, default: 0] += Int(truncatingIfNeeded: try integer())
            }
        }
    }
}

/// A report cell that cannot be used: the report reads its complaints instead, and the cells are built again.
enum ReportCellError: Error, CustomStringConvertible {
    case damaged(String)

    var description: String {
        switch self {
        case .damaged(let what): "a report cell is damaged (\(what)); the report reads the complaints instead, and the cells are summed again"
        }
    }
}
