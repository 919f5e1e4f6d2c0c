import Foundation
import RedressModel
import RedressNode
import RedressStore

/// A small, deterministic set of complaints so that a fresh node has
/// something to show: every stage, every channel, some overdue.
///
/// Names and contacts are invented; none belongs to a real person.
enum SampleData {
    static let firstNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret", "Ken", "Radia", "Tim"]
    static let lastNames = ["Moss", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus", "Hamilton", "Thompson", "Perlman", "Berners"]
    static let products = ["Current account", "Savings account", "Credit card", "Mortgage", "Mobile app", "Home insurance", "Personal loan"]
    static let stories: [String: [String]] = [
        "fees": ["Charged a monthly fee that was waived in writing", "Charged twice for one transfer", "Overdraft fee after a deposit cleared"],
        "service": ["Waited 50 minutes on hold and was cut off", "Branch closed during opening hours", "Adviser never called back"],
        "billing": ["Statement shows a payment I did not make", "Direct debit taken on the wrong date"],
        "delay": ["Mortgage offer delayed by six weeks", "Refund promised a month ago has not arrived"],
        "staff": ["Rude treatment at the counter", "Adviser refused to explain the charges"],
        "communication": ["Letters sent to an old address after I moved", "No reply to three emails"],
        "privacy": ["My statement was sent to another customer", "Marketing calls after opting out"],
        "product": ["Card stops working abroad", "App crashes on every login"],
    ]

    /// Two invented sister divisions, so that a first start shows what the
    /// head office sees: divisions side by side. Each works at its own pace
    /// (a multiplier on the time between steps), so their figures differ.
    static let sisterDivisions: [(code: String, name: String, conduct: CodeOfConduct, pace: Double)] = [
        ("sample-north", "North region (sample)", CodeOfConduct(acknowledgeWithinHours: 24, respondWithinDays: 10), 0.6),
        ("sample-south", "South region (sample)", CodeOfConduct(acknowledgeWithinHours: 48, respondWithinDays: 15), 1.8),
    ]

    /// Wording the sample divisions offer when staff write to a complainant.
    static let replyTemplates = [
        ("Acknowledgement", "Thank you for telling us about this. We have recorded your complaint and will reply in full within the time our code of conduct promises. You do not need to do anything more for now."),
        ("Asking for information", "To look into your complaint we need a little more information from you: please send us the details below by replying to this message."),
        ("Final response", "We have now finished looking into your complaint. Our decision and what we will do are set out below. If you are not satisfied, you may refer your complaint to the external dispute scheme named below."),
    ]

    /// Creates `count` complaints over the last 60 days, at historical times,
    /// in the node's division and in each sample sister division.
    static func load(into store: RedressStore, count: Int = 48, user: String, now: Int64 = TimeFormat.nowMillis) throws -> Int {
        var random = SplitMix64(seed: 10002)
        try store.write(user: user, at: now - 61 * 86_400_000) { tx in
            for sister in sisterDivisions { try tx.upsertDivision(code: sister.code, name: sister.name, conduct: sister.conduct) }
            for division in [store.division] + sisterDivisions.map(\.code) {
                for (name, text) in replyTemplates { try tx.saveReplyTemplate(division: division, name: name, text: text) }
            }
        }
        var created = 0
        for (division, pace) in [(store.division, 1.0)] + sisterDivisions.map({ ($0.code, $0.pace) }) {
            created += try load(into: store, division: division, pace: pace, count: count, user: user, now: now, random: &random)
        }
        return created
    }

    private static func load(into store: RedressStore, division: String, pace: Double, count: Int, user: String, now: Int64,
                             random: inout SplitMix64) throws -> Int {
        // The default taxonomy's channels, but for "other".
        let channels = (Taxonomy.defaults[.channel] ?? []).map(\.code).filter { $0 != "other" }
        let categories = stories.keys.sorted()
        let remedies = ["apology", "explanation", "refund", "compensation", "repair", "none"]
        let rootCauses = ["process", "system", "people", "policy", "third-party", "expectation"]
        let day: Int64 = 86_400_000
        var created = 0
        // Oldest first, so every write's historical time is after the previous one.
        let offsets = (0..<count).map { _ in Int64.random(in: 0..<(60 * day), using: &random) }.sorted(by: >)
        for offset in offsets {
            let receivedAt = now - offset
            let first = firstNames.randomElement(using: &random)!
            let last = lastNames.randomElement(using: &random)!
            let category = categories.randomElement(using: &random)!
            let input = NewComplaint(
                channel: channels.randomElement(using: &random)!,
                complainant: .init(name: "\(first) \(last)", contact: "\(first.lowercased()).\(last.lowercased())@example.org"),
                product: products.randomElement(using: &random)!,
                category: category,
                description: stories[category]!.randomElement(using: &random)!,
                requestedRemedy: remedies.randomElement(using: &random)!,
                severity: ["low", "medium", "medium", "high", "critical"].randomElement(using: &random)!,
                division: division,
                receivedAt: receivedAt)
            let id = try store.write(user: user, at: receivedAt) { tx in
                try tx.createComplaint(input, id: ComplaintID.make(at: Date(timeIntervalSince1970: Double(receivedAt) / 1000), using: &random))
            }
            created += 1
            // Walk it through part of its lifecycle, each step a little later.
            let progress = Int.random(in: 0...6, using: &random)
            var at = receivedAt
            func step(_ body: (LocalTransaction) throws -> Void) throws {
                at += Int64(Double(Int64.random(in: (day / 24)...(3 * day), using: &random)) * pace)
                guard at < now else { return }
                try store.write(user: user, at: at, body)
            }
            if progress >= 1 { try step { try $0.take(.acknowledge, on: id) } }
            if progress >= 2 { try step { try $0.take(.assess, on: id) } }
            if progress >= 3 { try step { try $0.assign(id, to: ["sam", "kim", "alex"].randomElement(using: &random)!) } }
            if progress >= 4, Bool.random(using: &random) { try step { try $0.escalate(id) } }
            if progress >= 4 {
                let remedy = remedies.randomElement(using: &random)!, rootCause = rootCauses.randomElement(using: &random)!
                // Money back upholds the complaint; an apology upholds it in part; an explanation does not.
                let outcome: Outcome = switch remedy {
                case "explanation", "none": .notUpheld
                case "apology": .partlyUpheld
                default: .upheld
                }
                let redress = ["refund", "compensation"].contains(remedy)
                    ? MoneyAmount(minorUnits: Int64.random(in: 10...250, using: &random) * 100, currency: "GBP") : nil
                try step { try $0.take(.respond, on: id, .init(decision: "We reviewed your case and corrected the error",
                                                               remedy: remedy, rootCause: rootCause, outcome: outcome, redress: redress)) }
            }
            if progress >= 5 {
                try step { try $0.take(.close, on: id, .init(csat: Int.random(in: SatisfactionScale.csat, using: &random), nps: Int.random(in: SatisfactionScale.nps, using: &random),
                                                             firstContact: progress == 5 && Bool.random(using: &random))) }
            }
            if progress == 6, Bool.random(using: &random) { try step { try $0.take(.refer, on: id, .init(scheme: "Financial Ombudsman")) } }
        }
        return created
    }

    /// The demo's accounts: one per role, in the node's division (the
    /// analyst at head office, where analysts sit), each with a new random
    /// password that is printed once.
    static func createAccounts(in node: NodeService, admin: String) throws -> [(login: String, role: Role, password: String)] {
        let actor = try node.actingAccount(admin)
        let people: [(login: String, name: String, role: Role)] = [
            ("sam", "Sam Agent", .agent), ("kim", "Kim Supervisor", .supervisor), ("alex", "Alex Manager", .manager),
            ("ana", "Ana Analyst", .analyst), ("webform", "Website form", .intake), ("root-admin", "Demo Admin", .admin),
        ]
        var created: [(login: String, role: Role, password: String)] = []
        for person in people {
            let password = DemoPassword.make()
            try node.addAccount(login: person.login, name: person.name, division: node.store.division, role: person.role,
                                password: password, by: actor)
            created.append((person.login, person.role, password))
        }
        return created
    }
}

/// Readable random passwords for the demo's accounts: four groups of four
/// letters and digits (about 80 bits), easy to type from the terminal.
enum DemoPassword {
    static func make() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }.joined(separator: "-")
    }
}
