import Foundation
import RedressTestSupport
import RedressBench
import Synchronization
import Testing

/// `redress bench store` at a tiny scale: its figures hang together and it
/// cleans up after itself. Nothing here asserts a time; speed is measured by
/// release runs recorded in docs/BENCHMARKS.md.
@Suite struct StoreBenchmarkSmokeTests {
    let directory = TemporaryDirectory()

    /// Field values a fresh store replicates besides its complaints: 37
    /// default taxonomy entries of 4 fields and the node's division with 10;
    /// then, with the first personal value sealed, the division's key (3
    /// fields), its grant to this node as custodian (5) and the writer key (4).
    static let seededFields = 37 * 4 + 10 + 3 + 5 + 4
    static let seededChanges = 37 + 1 + 3

    @Test func aTinyRunIsInternallyConsistent() throws {
        // Given a run of 200 complaints, in transactions of 150 (so the change
        // log is written in more than one multi-row INSERT) and apply batches
        // of at most 500 field values (so the replica takes several)
        let phases = Mutex<[String]>([])
        let benchmark = StoreBenchmark(complaints: 200, directory: directory.url, transactionSize: 150, applyBatchFields: 500,
                                       progress: { line in phases.withLock { $0.append(line) } })

        // When it runs (it throws if the replica's digest differs from the source's)
        let result = try benchmark.run()

        // Then the counts are exact: every complaint is sent as one change with
        // the 16 fields its creation still owns and one with the 5 it updated
        #expect(result.complaints == 200)
        #expect(result.updatedFieldsPerComplaint == 5)
        #expect(result.applyChanges == Self.seededChanges + 2 * 200)
        #expect(result.applyFieldChanges == Self.seededFields + 21 * 200)
        #expect(result.applyBatches >= result.applyFieldChanges / 500)
        #expect(result.digest.count == 64 && result.digest.allSatisfy(\.isHexDigit))
        #expect(result.personalDataSealed, "the run wrote its personal fields sealed")

        // And the figures are positive and the ratios are what they claim to be
        for seconds in [result.plainInsertSeconds, result.plainUpdateSeconds, result.crdtInsertSeconds, result.crdtUpdateSeconds,
                        result.applySeconds, result.readSeconds] {
            #expect(seconds > 0)
        }
        #expect(result.plainBytes > 0 && result.crdtBytes > 0)
        #expect(abs(result.crdtOverPlain - result.crdtSeconds / result.plainSeconds) < 1e-9)
        #expect(abs(result.dbSizeRatio - Double(result.crdtBytes) / Double(result.plainBytes)) < 1e-9)
        #expect(abs(result.applyChangesPerSecond - Double(result.applyFieldChanges) / result.applySeconds) < 1e-6)
        #expect(result.applyMaxTransactionMs > 0 && result.applyMaxTransactionMs <= result.applySeconds * 1000 + 1e-6)
        #expect(result.applyP99TransactionMs > 0 && result.applyP99TransactionMs <= result.applyMaxTransactionMs)

        // And it reported its phases and left no file behind
        #expect(phases.withLock { $0.count } >= 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }

    @Test func theJSONHasTheKeysScriptsRead() throws {
        // Given a tiny run's result
        let result = try StoreBenchmark(complaints: 20, directory: directory.url).run()

        // When it is printed as JSON
        let json = try result.json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])

        // Then it is one line with the keys issue 3 names, and it decodes back
        #expect(!json.contains("\n"))
        for key in ["plain_seconds", "crdt_seconds", "crdt_over_plain", "db_size_ratio", "apply_changes_per_second",
                    "complaints", "apply_field_changes", "apply_max_transaction_ms", "plain_bytes", "crdt_bytes"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(try JSONDecoder().decode(StoreBenchmarkResult.self, from: Data(json.utf8)) == result)
        #expect(result.table.contains("crdt_over_plain"))
    }

    @Test func refusesNonsenseSizes() {
        #expect(throws: StoreBenchmarkError.self) { try StoreBenchmark(complaints: 0, directory: directory.url).run() }
        #expect(throws: StoreBenchmarkError.self) { try StoreBenchmark(complaints: 5, directory: directory.url, transactionSize: 0).run() }
    }
}
