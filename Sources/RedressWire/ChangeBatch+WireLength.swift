public import RedressModel

extension ChangeBatch {
    /// An upper bound of the batch's serialized envelope size, computed
    /// without serializing, so a sender can keep batches under the peer's
    /// frame limit before it encodes them.
    ///
    /// Every varint is counted at its widest (10 bytes, 5 for 32 bits) and
    /// every length prefix at 5 bytes, so the bound holds for any values.
    public var estimatedWireLength: Int {
        let string = 6, int64 = 11, int32 = 6
        var total = 6 + int64  // envelope tag and length, sequence
        var tags = 0
        for change in changes {
            total += 6 + int32 + int64 + int64 + 6  // change tag/length, origin, gap, time, payload tag/length
            switch change.payload {
            case .record(_, let key, let fields):
                total += int32 + string + key.utf8.count
                for field in fields {
                    total += 6 + int32  // field tag/length, index
                    switch field.value {
                    case .null: break
                    case .integer: total += int64
                    case .real: total += 9
                    case .text(let text): total += string + text.utf8.count
                    }
                }
            case .event(let event):
                total += string + event.complaint.utf8.count + int32 + string + event.user.utf8.count
                    + string + (event.text?.utf8.count ?? 0) + 2 * int64
            case .tag(let dot):
                tags += 1
                total += int32 + int64 + string + dot.complaint.utf8.count + string + dot.tag.utf8.count + 2
            }
        }
        total += (coverage.count + tags) * (string + 16)  // node table
        total += coverage.count * (6 + int32 + 2 * int64)
        return total
    }
}
