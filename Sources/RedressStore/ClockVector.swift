import Foundation
import RedressModel

/// The per-field write stamps of one record, packed into one BLOB column.
///
/// Layout (little endian): `n` (1 byte), then `n` distinct stamps of 12 bytes
/// (8-byte hybrid timestamp, 4-byte local replica ordinal), then one byte per
/// field giving the index of its stamp, or `0xFF` for a field never written.
/// Fields written together share one stamp, so a fresh complaint costs about
/// 45 bytes of metadata instead of a row per field: the layout measured in
/// `shared/notes/storage-cost-notes.md` as the one that meets the size target.
struct ClockVector: Equatable {
    /// A stamp as stored locally: the replica ordinal instead of the 16-byte node id.
    struct LocalStamp: Hashable {
        var time: UInt64
        var ordinal: Int64
    }

    private(set) var stamps: [LocalStamp?]

    init(fieldCount: Int) {
        stamps = Array(repeating: nil, count: fieldCount)
    }

    subscript(field: Int) -> LocalStamp? {
        get { stamps[field] }
        set { stamps[field] = newValue }
    }

    init(decoding data: Data, fieldCount: Int) throws {
        stamps = Array(repeating: nil, count: fieldCount)
        let bytes = [UInt8](data)
        guard let n = bytes.first.map(Int.init), bytes.count == 1 + n * 12 + fieldCount else {
            throw StoreError.corruptRecord(detail: "a clock vector of \(data.count) bytes does not fit \(fieldCount) fields")
        }
        var distinct: [LocalStamp] = []
        distinct.reserveCapacity(n)
        for i in 0..<n {
            let base = 1 + i * 12
            var time: UInt64 = 0
            for b in 0..<8 { time |= UInt64(bytes[base + b]) << (8 * UInt64(b)) }
            var ordinal: UInt32 = 0
            for b in 0..<4 { ordinal |= UInt32(bytes[base + 8 + b]) << (8 * UInt32(b)) }
            distinct.append(LocalStamp(time: time, ordinal: Int64(ordinal)))
        }
        let table = 1 + n * 12
        for field in 0..<fieldCount {
            let index = Int(bytes[table + field])
            if index == 0xFF { continue }
            guard index < n else { throw StoreError.corruptRecord(detail: "a clock vector names stamp \(index) of \(n)") }
            stamps[field] = distinct[index]
        }
    }

    func encoded() -> Data {
        var distinct: [LocalStamp] = []
        var indexes = [UInt8](repeating: 0xFF, count: stamps.count)
        for (field, stamp) in stamps.enumerated() {
            guard let stamp else { continue }
            if let existing = distinct.firstIndex(of: stamp) {
                indexes[field] = UInt8(existing)
            } else {
                indexes[field] = UInt8(distinct.count)
                distinct.append(stamp)
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 + distinct.count * 12 + stamps.count)
        bytes.append(UInt8(distinct.count))
        for stamp in distinct {
            for b in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: stamp.time >> (8 * UInt64(b)))) }
            let ordinal = UInt32(stamp.ordinal)
            for b in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: ordinal >> (8 * UInt32(b)))) }
        }
        bytes.append(contentsOf: indexes)
        return Data(bytes)
    }
}
