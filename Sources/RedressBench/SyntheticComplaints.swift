import Foundation
import RedressModel
import RedressStore

/// The complaints and updates both sides of the store benchmark write.
///
/// Made once, before any timing starts, from a fixed seed: the plain baseline
/// and the CRDT store write exactly the same values, and generating them is not
/// part of either figure. Values have realistic sizes (a description of about
/// 200 bytes, names, e-mail addresses) and codes from the default taxonomy, so
/// the store's validation accepts them.
struct SyntheticComplaints {
    /// One complaint as the store receives it, with the values the store
    /// derives from it (due times, stage, level), which the baseline writes itself.
    struct Complaint {
        var id: ComplaintID
        var input: NewComplaint
        var ackDueAt: Int64
        var respondDueAt: Int64
        /// The response promise the store records with it ("15 days").
        var respondPromise: String
    }

    /// The five fields every complaint gets updated with.
    struct Update {
        var assignee: String
        var severity: String
        var product: String
        var rootCause: String
        var decision: String

        /// The fields and their values, in a fixed order.
        var fields: [(field: ComplaintField, value: String)] {
            [(.assignee, assignee), (.severity, severity), (.product, product), (.rootCause, rootCause), (.decision, decision)]
        }
    }

    static let updatedFields: [ComplaintField] = [.assignee, .severity, .product, .rootCause, .decision]

    let complaints: [Complaint]
    let updates: [Update]

    /// 2025-01-01T00:00:00Z: complaints arrive every 5 minutes from then on.
    static let firstReceivedAt: Int64 = 1_735_689_600_000

    init(count: Int, division: String, seed: UInt64 = 0x5EED_2ED2_E55) {
        var rng = SplitMix64(seed: seed)
        let conduct = CodeOfConduct.default
        func codes(_ kind: Taxonomy.Kind) -> [String] { (Taxonomy.defaults[kind] ?? []).map(\.code) }
        let channels = codes(.channel), categories = codes(.category), remedies = codes(.remedy)
        let severities = codes(.severity), rootCauses = codes(.rootCause)

        var complaints: [Complaint] = []
        var updates: [Update] = []
        complaints.reserveCapacity(count)
        updates.reserveCapacity(count)
        for i in 0..<count {
            let receivedAt = Self.firstReceivedAt + Int64(i) * 300_000
            let date = Date(timeIntervalSince1970: Double(receivedAt) / 1000)
            let first = SyntheticText.firstNames.randomElement(using: &rng)!
            let last = SyntheticText.lastNames.randomElement(using: &rng)!
            let input = NewComplaint(
                channel: channels.randomElement(using: &rng)!,
                complainant: .init(name: "\(first) \(last)",
                                   contact: "\(first.lowercased()).\(last.lowercased())\(rng.next() % 1000)@example.org"),
                product: SyntheticText.products.randomElement(using: &rng)!,
                category: categories.randomElement(using: &rng)!,
                description: Self.description(using: &rng),
                requestedRemedy: remedies.randomElement(using: &rng)!,
                severity: severities.randomElement(using: &rng)!,
                division: division,
                receivedAt: receivedAt)
            complaints.append(Complaint(id: ComplaintID.make(at: date, using: &rng), input: input,
                                        ackDueAt: conduct.acknowledgementDue(receivedAt: receivedAt),
                                        respondDueAt: conduct.responseDue(from: receivedAt), respondPromise: conduct.respond.description))
            updates.append(Update(
                assignee: "agent-\(rng.next() % 200)",
                severity: severities.randomElement(using: &rng)!,
                product: SyntheticText.products.randomElement(using: &rng)!,
                rootCause: rootCauses.randomElement(using: &rng)!,
                decision: SyntheticText.decisions.randomElement(using: &rng)!))
        }
        self.complaints = complaints
        self.updates = updates
    }

    /// About 200 bytes of plausible complaint text.
    static func description(using rng: inout SplitMix64) -> String {
        var text = SyntheticText.openings.randomElement(using: &rng)!
        while text.utf8.count < 190 {
            text += " " + SyntheticText.words.randomElement(using: &rng)!
        }
        return text + "."
    }

}
