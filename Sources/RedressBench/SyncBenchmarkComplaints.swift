import Foundation
import RedressModel
import RedressStore

/// The complaints the sync benchmark's source node holds: deterministic (the
/// same index gives the same complaint on every run), generated a chunk at a
/// time so that the data set is never in memory at once, with realistic
/// sizes (names, e-mail addresses, a description of about 200 bytes) and
/// codes from the default taxonomy.
///
/// Each complaint is one change of 18 fields when the store creates it.
struct SyncBenchmarkComplaints {
    /// 2025-01-01T00:00:00Z; complaint `i` arrives `i` × 5 minutes later.
    static let firstReceivedAt: Int64 = 1_735_689_600_000

    /// Complaint number `index`.
    static func complaint(_ index: Int, division: String) -> (id: ComplaintID, input: NewComplaint) {
        var state = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ 0x5EED
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }

        let receivedAt = firstReceivedAt + Int64(index) * 300_000
        let first = pick(SyntheticText.firstNames), last = pick(SyntheticText.lastNames)
        var description = pick(SyntheticText.openings)
        while description.utf8.count < 190 { description += " " + pick(SyntheticText.words) }
        let input = NewComplaint(
            channel: pick(channels),
            complainant: .init(name: "\(first) \(last)", contact: "\(first.lowercased()).\(last.lowercased())\(next() % 1000)@example.org"),
            product: pick(SyntheticText.products), category: pick(categories), description: description + ".",
            requestedRemedy: pick(remedies), severity: pick(severities), division: division, receivedAt: receivedAt)
        var generator = Generator(source: next)
        let id = ComplaintID.make(at: Date(timeIntervalSince1970: Double(receivedAt) / 1000), using: &generator)
        return (id, input)
    }

    /// Adapts the per-complaint mixer to `RandomNumberGenerator` for `ComplaintID.make`.
    private struct Generator: RandomNumberGenerator {
        var source: () -> UInt64
        mutating func next() -> UInt64 { source() }
    }

    private static let channels = ["phone", "email", "web-form", "letter", "in-person", "social-media"]
    private static let categories = ["fees", "service", "product", "billing", "delay", "staff", "communication", "privacy"]
    private static let remedies = ["apology", "explanation", "refund", "replacement", "repair", "compensation"]
    private static let severities = ["low", "medium", "high", "critical"]
}
