import Dispatch
import Foundation
public import RedressModel

/// Recording many complaints at once, for loading large data sets.
extension LocalTransaction {
    /// Records `complaints`, each with its lifecycle, with the same checks
    /// and the same merged result as `createComplaint` followed by
    /// `write(key:_:)` for each, but faster: each complaint is one stamped
    /// INSERT (one change instead of two), and the batch's personal texts are
    /// sealed on every core before the inserts run in order.
    ///
    /// Every input is checked before any complaint is written, so a bad one
    /// throws before this inserts a complaint (only the division keys that
    /// sealing needed may have been made, and the caller's transaction rolls
    /// those back with it).
    public func createComplaints(_ complaints: [RecordedComplaint]) throws {
        var externalRefs = Set<String>()
        var planned: [(key: String, writes: [FieldWrite], sealing: PersonalSealing?)] = []
        planned.reserveCapacity(complaints.count)
        for complaint in complaints {
            if let ref = complaint.input.externalRef, !externalRefs.insert(ref).inserted {
                throw StoreError.duplicateExternalRef(ref)
            }
            let key = complaint.id.description
            // The lifecycle first: of two writes of one field in one stamp, the first wins.
            let writes = complaint.lifecycle.map { FieldWrite($0.key, $0.value) } + (try creationWrites(complaint.input))
            planned.append((key, writes, try sealing(of: key, writes)))
        }
        let sealed = Self.sealConcurrently(planned.map(\.sealing))
        for (index, var complaint) in planned.enumerated() {
            complaint.sealing?.apply(sealed[index], to: &complaint.writes)
            try writeSealed(.complaint, key: complaint.key, complaint.writes, expectNew: true, personal: complaint.sealing != nil)
        }
    }

    /// Each sealing's ciphertexts (none for nil), computed on every core:
    /// the complaints are split into one interleaved share per core.
    static func sealConcurrently(_ sealings: [PersonalSealing?]) -> [[String]] {
        let shares = max(1, min(ProcessInfo.processInfo.activeProcessorCount, sealings.count / 32))
        var sealed = [[String]](repeating: [], count: sealings.count)
        sealed.withUnsafeMutableBufferPointer { buffer in
            // Each share writes only its own indices of the buffer.
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: shares) { share in
                for index in stride(from: share, to: sealings.count, by: shares) {
                    buffer[index] = sealings[index]?.sealedTexts() ?? []
                }
            }
        }
        return sealed
    }
}
