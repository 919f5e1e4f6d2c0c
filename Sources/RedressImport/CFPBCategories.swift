/// Maps a CFPB "Issue" onto the shared taxonomy's categories.
///
/// The CFPB has changed its issue list over the years (about 170 issues in
/// the full database, 86 in the sample), so the mapping is ordered keyword
/// rules rather than a closed table: the first rule with a keyword contained
/// in the lowercased issue wins, and an issue no rule knows is `other`.
/// docs/IMPORT.md lists the rules and what they give on the sample.
enum CFPBCategories {
    static let rules: [(category: String, keywords: [String])] = [
        ("fraud", ["fraud", "scam", "identity theft", "unauthorized", "didn't apply", "lost or stolen", "embezzlement"]),
        ("privacy", ["improper use", "share information", "sharing of info", "privacy"]),
        ("fees", ["fee", "interest", "funds being low", "costs"]),
        ("delay", ["delay", "not available when promised", "wasn't credited", "didn't receive money"]),
        ("billing", ["not owed", "your statement", "billing", "payment", "payoff", "charging your account", "credit limit"]),
        ("product", ["incorrect information", "monitoring", "add-on", "damaged", "trouble using"]),
        ("staff", ["tactics", "threatened", "legal action", "illegal action"]),
        ("communication", ["notification", "disclosure", "advertising", "marketing", "false statements", "confusing",
                           "can't contact", "verification"]),
        ("access", ["unable to get"]),
        ("service", ["investigation", "managing", "dealing with", "closing", "opening", "struggling", "unable to pay",
                     "applying", "getting", "customer service", "servicing", "shopping", "settlement", "modification",
                     "foreclosure", "problem", "trouble", "account"]),
    ]

    static func category(forIssue issue: String) -> String {
        let lowered = issue.lowercased()
        for rule in rules where rule.keywords.contains(where: { lowered.contains($0) }) { return rule.category }
        return "other"
    }
}
