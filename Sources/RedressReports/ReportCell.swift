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

    /// The group this cell's complaints are in, for `grouping`.
    func group(_ grouping: ReportGrouping) -> String {
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
        writer.integer(settledAfter)
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
        var reader = Reader(bytes: bytes)
        guard try reader.integer() == Self.version else { throw .damaged("an unknown layout") }
        let countValues = try reader.integers(), sumValues = try reader.integers()
        guard countValues.count == counts, sumValues.count == sums else { throw .damaged("another number of counts") }
        var accumulator = KPIReporter.Accumulator(counts: countValues.map(Int.init), sums: sumValues.map(Int.init))
        accumulator.ackTimes = try reader.integers()
        accumulator.resolveTimes = try reader.integers()
        accumulator.rootCauses = try reader.counts()
        accumulator.remedies = try reader.counts()
        for _ in 0..<(try reader.count()) {
            let currency = try reader.text()
            accumulator.redress[currency] = try reader.integers()
        }
        self.sums = accumulator
        unsettled = try reader.integers()
        settledAfter = try reader.integer()
        guard reader.atEnd else { throw .damaged("bytes after its end") }
    }

    init(division: String, month: String, category: String?, channel: String?, sums: KPIReporter.Accumulator) {
        self.division = division
        self.month = month
        self.category = category
        self.channel = channel
        self.sums = sums
    }

    /// 2: open complaints are summed too, and `settledAfter` ends the bytes.
    static let version: Int64 = 2

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

        mutating func integers() throws(ReportCellError) -> [Int64] {
            let count = try self.count()
            var values: [Int64] = []
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try integer()) }
            return values
        }

        mutating func text() throws(ReportCellError) -> String {
            let length = try integer()
            guard length >= 0, length <= bytes.count - offset else { throw .damaged("a text past its end") }
            let text = String(decoding: bytes[offset..<offset + Int(length)], as: UTF8.self)
            offset += Int(length)
            return text
        }

        mutating func counts() throws(ReportCellError) -> [String: Int] {
            var counts: [String: Int] = [:]
            for _ in 0..<(try count()) {
                let key = try text()
                counts[key] = Int(try integer())
            }
            return counts
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
