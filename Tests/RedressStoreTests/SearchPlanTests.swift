import Foundation
import GRDB
import RedressKeys
import RedressModel
@testable import RedressStore
import Testing

/// A search finds the same complaints whichever way SQLite is led through
/// the index: every word tested per row (`driving` nil, the plan of common
/// words), or any one word's complaints looked up first (the plan of a rare
/// word), as `complaints(_:)` chooses.
@Suite struct SearchPlanTests {
    let directory = TemporaryDirectory()

    @Test func everyPlanFindsTheSameComplaints() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["REDRESS_TEST_SEED"] ?? "") ?? 20261203
        print("SearchPlanTests seed \(seed) (REDRESS_TEST_SEED)")
        var random = SplitMix64(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let surnames = ["Moss", "Okafor", "Lindqvist", "Haddad", "Novak"]
        let words = ["refund", "branch", "letter", "twice", "waited", "manager", "interest", "online", "never", "card", "fee", "the"]
        let store = try RedressStore.create(at: directory.subdirectory("a"), division: "retail", nodeName: "a", user: "ann")
        for _ in 0..<40 {
            let story = (0..<(3 + Int(random.next() % 4))).map { _ in pick(words) }.joined(separator: " ")
            _ = try store.write(user: "ann") { tx in
                try tx.createComplaint(Fixture.complaint(name: "Ada \(pick(surnames))", description: story))
            }
        }
        var found = 0
        for _ in 0..<80 {
            let text = (0..<(1 + Int(random.next() % 3))).map { _ in pick(surnames + words + ["absent", "oka"]) }.joined(separator: " ")
            let chosen = Set(try store.complaints(ComplaintQuery(text: text)).map(\.id.description))
            let search = store.keyring.search
            let tokens = SearchTokens.words(text).map { search.token($0) }
            for driving in [nil] + tokens {
                let (condition, arguments) = SearchIndex.condition(text, search: search, driving: driving)
                let ids = try store.read { db in
                    try String.fetchAll(db, sql: "SELECT id FROM complaint WHERE \(condition)", arguments: StatementArguments(arguments.map(\.databaseValue)))
                }
                #expect(Set(ids) == chosen, "“\(text)” led by \(driving.map(String.init) ?? "no word")")
            }
            found += chosen.isEmpty ? 0 : 1
        }
        #expect(found > 10 && found < 80, "the queries should both find and miss complaints (found \(found) of 80)")
    }
}
