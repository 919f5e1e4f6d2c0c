import Foundation
import RedressModel
import RedressStore

/// The complaints `bench report` reports on: divisions of very different
/// sizes and habits, and complaints spread the way real complaint data is.
///
/// A report over uniform data would hide what makes it slow or wrong (every
/// group the same size, every percentile the same), so the spread follows real
/// data: division sizes are Zipf-like (the largest has about a fifth of all
/// complaints, the smallest well under 1%); each division has its own promises
/// (24–72 hours, 10–56 days), pace, escalation habit, first-contact rate and
/// satisfaction; acknowledgement and resolution times are log-normal with long
/// tails; a complaint still open at the data set's end is one whose times run
/// past it; some are withdrawn, referred, reopened or escalated; categories,
/// channels and root causes are Pareto-skewed; descriptions vary in length.
///
/// Deterministic: one `SplitMix64` from a fixed seed, consumed in order, so the
/// same `count` and `divisions` give the same complaints on every run and
/// machine. Generated one complaint at a time (`next()`), never all in memory.
struct ReportBenchmarkComplaints {
    /// One division's size and habits.
    struct Division {
        var code: String
        var name: String
        var conduct: CodeOfConduct
        /// Share of all complaints.
        var weight: Double
        /// Multiplies acknowledgement and resolution times: above 1 is slower.
        var pace: Double
        /// Multiplies the escalation and referral probabilities.
        var escalation: Double
        /// Share of closures at first contact.
        var firstContactRate: Double
        /// Shifts satisfaction scores, -1…1.
        var satisfaction: Double
        /// Complaints per 1,000 customers per month, to derive its customer counts.
        var complaintsPer1000: Double
        /// Cumulative category weights, its own mix around the common one.
        var categoryCumulative: [Double]
    }

    /// 2023-07-01T00:00:00Z to 2025-07-01T00:00:00Z: two years of complaints.
    static let periodStart: Int64 = 1_688_169_600_000
    static let periodEnd: Int64 = 1_751_328_000_000
    static let months = 24
    static let seed: UInt64 = 0x00_00_50_AF_0A_11_D1_05

    let count: Int
    let divisions: [Division]
    private let divisionCumulative: [Double]
    private var random: SplitMix64
    private(set) var produced = 0

    init(count: Int, divisions divisionCount: Int) {
        self.count = count
        var random = SplitMix64(seed: Self.seed)
        var divisions: [Division] = []
        // Zipf with exponent 1.07: 50 divisions give the largest ~21%, the smallest ~0.4%.
        let raw = (1...divisionCount).map { 1 / pow(Double($0), 1.07) }
        let total = raw.reduce(0, +)
        let digits = String(divisionCount).count
        for (index, weight) in raw.enumerated() {
            var categoryWeights = Self.categories.map { $0.weight * Self.logNormal(median: 1, sigma: 0.45, &random) }
            let categoryTotal = categoryWeights.reduce(0, +)
            categoryWeights = categoryWeights.map { $0 / categoryTotal }
            let number = String(index + 1)
            let padded = String(repeating: "0", count: max(0, digits - number.count)) + number
            divisions.append(Division(
                code: "D\(padded)", name: "Division \(padded)",
                conduct: CodeOfConduct(acknowledgeWithinHours: [24, 48, 48, 72].randomElement(using: &random)!,
                                       respondWithinDays: [10, 15, 15, 30, 56].randomElement(using: &random)!),
                weight: weight / total,
                pace: Self.logNormal(median: 1, sigma: 0.35, &random),
                escalation: Self.logNormal(median: 1, sigma: 0.5, &random),
                firstContactRate: 0.12 + 0.25 * Self.uniform(&random),
                satisfaction: 2 * Self.uniform(&random) - 1,
                complaintsPer1000: Self.logNormal(median: 1.2, sigma: 0.5, &random),
                categoryCumulative: Self.cumulative(categoryWeights)))
        }
        self.divisions = divisions
        self.divisionCumulative = Self.cumulative(divisions.map(\.weight))
        self.random = random
    }

    /// Customers per (division, `YYYY-MM`) over the period: the division's
    /// complaints that month ÷ its complaint rate, with some seasonal wobble.
    func customerCounts() -> [(division: String, period: String, customers: Int)] {
        var random = SplitMix64(seed: Self.seed ^ 0xC057)
        var result: [(String, String, Int)] = []
        for division in divisions {
            let perMonth = Double(count) * division.weight / Double(Self.months)
            for month in 0..<Self.months {
                let period = String(format: "%04d-%02d", 2023 + (6 + month) / 12, (6 + month) % 12 + 1)
                let customers = perMonth * 1_000 / division.complaintsPer1000 * (0.95 + 0.1 * Self.uniform(&random))
                result.append((division.code, period, max(1, Int(customers.rounded()))))
            }
        }
        return result
    }

    /// The next complaint and what happened to it since (its lifecycle
    /// fields); complaints come in order of receipt, a little more of them
    /// each month (a growing organisation).
    mutating func next() -> RecordedComplaint {
        precondition(produced < count, "all \(count) complaints were generated")
        let span = Double(Self.periodEnd - Self.periodStart)
        let slot = pow(Double(produced) / Double(count), 0.85)
        let nextSlot = pow(Double(produced + 1) / Double(count), 0.85)
        let receivedAt = Self.periodStart + Int64(span * (slot + (nextSlot - slot) * Self.uniform(&random)))
        produced += 1

        let division = divisions[Self.pick(divisionCumulative, &random)]
        let first = SyntheticText.firstNames.randomElement(using: &random)!, last = SyntheticText.lastNames.randomElement(using: &random)!
        let category = Self.categories[Self.pick(division.categoryCumulative, &random)].code
        let input = NewComplaint(
            channel: Self.channels[Self.pick(Self.channelCumulative, &random)].code,
            complainant: .init(name: "\(first) \(last)",
                               contact: "\(first.lowercased()).\(last.lowercased())\(random.next() % 1000)@example.org"),
            product: SyntheticText.products.randomElement(using: &random)!,
            category: category,
            description: description(),
            requestedRemedy: Self.remedies.randomElement(using: &random)!,
            severity: Self.severities[Self.pick(Self.severityCumulative, &random)].code,
            division: division.code,
            receivedAt: receivedAt)
        let id = ComplaintID.make(at: Date(timeIntervalSince1970: Double(receivedAt) / 1000), using: &random)
        return RecordedComplaint(id: id, input: input, lifecycle: outcome(receivedAt: receivedAt, division))
    }

    // MARK: - What happened to a complaint

    private static let hour: Double = 3_600_000
    private static let day: Double = 86_400_000

    /// The lifecycle fields of a complaint received at `receivedAt`, as the
    /// store would hold them once its steps were taken (the same fields
    /// `LocalTransaction.take` writes).
    private mutating func outcome(receivedAt: Int64, _ division: Division) -> [ComplaintField: FieldValue] {
        var fields: [ComplaintField: FieldValue] = [:]
        let end = Self.periodEnd
        func at(_ offset: Double) -> Int64 { receivedAt + Int64(offset) }
        let conduct = division.conduct

        // Closed at first contact: no separate acknowledgement or response.
        if Self.uniform(&random) < division.firstContactRate {
            let closedAt = at(Self.logNormal(median: 0.5 * Self.hour, sigma: 1.0, &random))
            if closedAt < end {
                fields[.closedAt] = .integer(closedAt)
                fields[.stage] = .integer(StageState(stage: .closed).encoded)
                fields[.firstContact] = 1
                fields[.rootCause] = .text(Self.rootCauses[Self.pick(Self.rootCauseCumulative, &random)].code)
                addScores(to: &fields, division, late: false)
                return fields
            }
        }

        let ackDelay = Self.logNormal(median: division.pace * Double(conduct.acknowledge.amount) * 0.3 * Self.hour,
                                      sigma: 0.9, &random)
        let resolveDelay = max(ackDelay + Self.hour,
                               Self.logNormal(median: division.pace * Double(conduct.respond.amount) * 0.45 * Self.day,
                                              sigma: 0.75, &random))
        let acknowledgedAt = at(ackDelay)
        guard acknowledgedAt < end else {
            fields[.stage] = .integer(StageState(stage: .received).encoded)
            return fields
        }
        fields[.acknowledgedAt] = .integer(acknowledgedAt)
        fields[.assignee] = .text("agent-\(random.next() % 400)")

        // Escalation while open: the level only rises.
        let escalate = Self.uniform(&random)
        let level: Int64 = escalate < 0.04 * division.escalation ? 3 : escalate < 0.16 * division.escalation ? 2 : 1
        if level > 1 { fields[.level] = .integer(level) }

        // A few withdraw between acknowledgement and response.
        if Self.uniform(&random) < 0.03 {
            fields[.stage] = .integer(StageState(stage: .withdrawn).encoded)
            return fields
        }
        let respondedAt = at(resolveDelay)
        // 3% stay stuck open whatever their age: the old backlog every organisation has.
        guard respondedAt < end, Self.uniform(&random) >= 0.03 else {
            let open: [Stage] = [.acknowledged, .assessed, .investigating, .investigating]
            fields[.stage] = .integer(StageState(stage: open.randomElement(using: &random)!).encoded)
            return fields
        }
        fields[.respondedAt] = .integer(respondedAt)
        fields[.decision] = .text(SyntheticText.decisions.randomElement(using: &random)!)
        fields[.remedy] = .text(Self.remedies.randomElement(using: &random)!)
        if Self.uniform(&random) < 0.92 {
            fields[.rootCause] = .text(Self.rootCauses[Self.pick(Self.rootCauseCumulative, &random)].code)
        }
        let closedAt = respondedAt + Int64(Self.logNormal(median: 3 * Self.day, sigma: 0.8, &random))
        guard closedAt < end, Self.uniform(&random) >= 0.04 else {
            fields[.stage] = .integer(StageState(stage: .responded).encoded)
            return fields
        }
        let late = respondedAt > conduct.responseDue(from: receivedAt)
        fields[.closedAt] = .integer(closedAt)
        fields[.firstContact] = 0
        addScores(to: &fields, division, late: late)

        // Referred to an external scheme after closure, more often when late.
        if Self.uniform(&random) < (late ? 0.06 : 0.02) * division.escalation {
            let referredAt = closedAt + Int64(Self.logNormal(median: 30 * Self.day, sigma: 0.5, &random))
            if referredAt < end {
                fields[.stage] = .integer(StageState(stage: .referred).encoded)
                fields[.referredAt] = .integer(referredAt)
                fields[.scheme] = .text("Financial Ombudsman Service")
                fields[.level] = .integer(Int64(EscalationLevel.externalDisputeResolution.rawValue))
                return fields
            }
        }
        // Reopened, more often when the complainant was unhappy; most are resolved again.
        if Self.uniform(&random) < (late ? 0.08 : 0.035) {
            let reopenedAt = closedAt + Int64(Self.logNormal(median: 7 * Self.day, sigma: 0.8, &random))
            if reopenedAt < end {
                fields[.respondDueAt] = .integer(conduct.responseDue(from: reopenedAt))
                let againAt = reopenedAt + Int64(Self.logNormal(median: division.pace * 5 * Self.day, sigma: 0.7, &random))
                if againAt < end, Self.uniform(&random) < 0.85 {
                    fields[.respondedAt] = .integer(againAt)
                    fields[.closedAt] = .integer(againAt + Int64(Self.logNormal(median: 2 * Self.day, sigma: 0.6, &random)))
                    fields[.stage] = .integer(StageState(generation: 1, stage: .closed).encoded)
                } else {
                    fields[.closedAt] = .null
                    let open: [Stage] = [.received, .acknowledged, .investigating]
                    fields[.stage] = .integer(StageState(generation: 1, stage: open.randomElement(using: &random)!).encoded)
                }
                return fields
            }
        }
        fields[.stage] = .integer(StageState(stage: .closed).encoded)
        return fields
    }

    /// Satisfaction (about half of closures) and NPS (about 40%), lower when late.
    private mutating func addScores(to fields: inout [ComplaintField: FieldValue], _ division: Division, late: Bool) {
        let mood = 3.6 + 0.6 * division.satisfaction + 1.1 * Self.normal(&random) - (late ? 0.9 : 0)
        if Self.uniform(&random) < 0.5 {
            fields[.csat] = .integer(Int64(min(5, max(1, mood.rounded()))))
        }
        if Self.uniform(&random) < 0.4 {
            let score = 2 * mood - 0.5 + 1.2 * Self.normal(&random)
            fields[.nps] = .integer(Int64(min(10, max(0, score.rounded()))))
        }
    }

    /// Between about 40 and 2,000 bytes of complaint text, ~300 typically.
    private mutating func description() -> String {
        let length = min(2_000, max(40, Int(Self.logNormal(median: 300, sigma: 0.6, &random))))
        var text = SyntheticText.openings.randomElement(using: &random)!
        while text.utf8.count < length { text += " " + SyntheticText.words.randomElement(using: &random)! }
        return text + "."
    }

    // MARK: - Random draws

    /// Uniform in [0, 1).
    private static func uniform(_ random: inout SplitMix64) -> Double {
        Double(random.next() >> 11) * 0x1p-53
    }

    /// Standard normal (Box–Muller).
    private static func normal(_ random: inout SplitMix64) -> Double {
        let u = max(uniform(&random), 0x1p-53)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * uniform(&random))
    }

    private static func logNormal(median: Double, sigma: Double, _ random: inout SplitMix64) -> Double {
        median * exp(sigma * normal(&random))
    }

    private static func cumulative(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        var sum = 0.0
        return weights.map { sum += $0 / total; return sum }
    }

    /// An index drawn with the weights behind `cumulative`.
    private static func pick(_ cumulative: [Double], _ random: inout SplitMix64) -> Int {
        let u = uniform(&random)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > u { high = middle } else { low = middle + 1 }
        }
        return low
    }

    // MARK: - Vocabulary (codes from the default taxonomy)

    private static let channels: [(code: String, weight: Double)] = [
        ("web-form", 0.34), ("phone", 0.26), ("email", 0.22), ("in-person", 0.06), ("letter", 0.05),
        ("social-media", 0.05), ("other", 0.02),
    ]
    private static let channelCumulative = cumulative(channels.map(\.weight))
    private static let categories: [(code: String, weight: Double)] = [
        ("fees", 0.22), ("service", 0.18), ("billing", 0.14), ("delay", 0.12), ("product", 0.10),
        ("communication", 0.08), ("staff", 0.06), ("fraud", 0.04), ("privacy", 0.03), ("access", 0.02), ("other", 0.01),
    ]
    private static let rootCauses: [(code: String, weight: Double)] = [
        ("process", 0.30), ("system", 0.18), ("people", 0.15), ("expectation", 0.10), ("policy", 0.10),
        ("third-party", 0.08), ("unfounded", 0.06), ("other", 0.03),
    ]
    private static let rootCauseCumulative = cumulative(rootCauses.map(\.weight))
    private static let severities: [(code: String, weight: Double)] = [
        ("low", 0.25), ("medium", 0.50), ("high", 0.20), ("critical", 0.05),
    ]
    private static let severityCumulative = cumulative(severities.map(\.weight))
    private static let remedies = ["apology", "explanation", "explanation", "refund", "refund", "replacement", "repair",
                                   "compensation", "none"]
}
