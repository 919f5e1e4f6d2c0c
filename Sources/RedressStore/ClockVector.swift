import Foundation
import GRDB
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
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            // A record written before its kind gained fields (a store of an
            // earlier version) has fewer index bytes: those fields have no stamp yet.
            guard let n = bytes.first.map(Int.init), bytes.count >= 1 + n * 12, bytes.count <= 1 + n * 12 + fieldCount else {
                throw StoreError.corruptRecord(detail: "a clock vector of \(bytes.count) bytes does not fit \(fieldCount) fields")
            }
            let table = 1 + n * 12
            for field in 0..<(bytes.count - table) {
                let index = Int(bytes[table + field])
                if index == 0xFF { continue }
                guard index < n else { throw StoreError.corruptRecord(detail: "a clock vector names stamp \(index) of \(n)") }
                let base = 1 + index * 12
                let time = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: base, as: UInt64.self))
                let ordinal = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: base + 8, as: UInt32.self))
                stamps[field] = LocalStamp(time: time, ordinal: Int64(ordinal))
            }
        }
    }

    /// Decodes the `clocks` column as read from SQLite.
    init(decoding value: DatabaseValue, fieldCount: Int) throws {
        guard case .blob(let data) = value.storage else {
            throw StoreError.corruptRecord(detail: "a clock vector is not a blob")
        }
        try self.init(decoding: data, fieldCount: fieldCount)
    }

    func encoded() -> Data {
        // Distinct stamps in order of first use; a record has one per write
        // that still owns a field, so a linear search is the fast one.
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
        // Bytes into an array, then one `Data`: appending to `Data` piece by
        // piece was most of this function's time, and it runs for every
        // record written or merged.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 + distinct.count * 12 + stamps.count)
        bytes.append(UInt8(distinct.count))
        for stamp in distinct {
            let time = stamp.time, ordinal = UInt32(stamp.ordinal)  // shifted out low byte first: little endian
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: time >> UInt64(shift))) }
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: ordinal >> UInt32(shift))) }
        }
        bytes.append(contentsOf: indexes)
        return Data(bytes)
    }
}
