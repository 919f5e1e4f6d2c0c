import Foundation
import RedressModel
import RedressStore

/// A store of generated complaints for the benchmarks that need a large one
/// (`bench report`, `bench api`): `ReportBenchmarkComplaints` (Zipf-like
/// division sizes, realistic lifecycles) plus each division's monthly
/// customer counts, written through the store's local write path in bulk
/// (`LocalTransaction.createComplaints`: one insert per complaint with its
/// lifecycle, personal texts sealed on every core, the next batch generated
/// while one is written).
enum GeneratedStore {
    static let transactionSize = 2_000

    /// Writes the divisions, customer counts and complaints, then checkpoints
    /// so that readers read the database file, not a long WAL.
    static func create(in folder: URL, complaints count: Int, divisions: Int, user: String,
                       progress: @Sendable (String) -> Void) throws -> RedressStore {
        let complaints = ReportBenchmarkComplaints(count: count, divisions: divisions)
        progress("generating \(count) complaints in \(divisions) divisions")
        let first = complaints.divisions[0]
        let store = try RedressStore.create(at: folder, division: first.code, divisionName: first.name,
                                            nodeName: "bench", user: user)
        let customerCounts = complaints.customerCounts()
        try store.write(user: user) { tx in
            for division in complaints.divisions {
                try tx.upsertDivision(code: division.code, name: division.name, conduct: division.conduct)
            }
            for count in customerCounts {
                try tx.setCustomerCount(division: count.division, period: count.period, customers: count.customers)
            }
        }
        let start = ProcessTimes.now()
        var lastShown = start, written = 0
        let batches = GeneratedBatches(complaints, batchSize: transactionSize)
        while let batch = batches.next() {
            try store.write(user: user) { tx in try tx.createComplaints(batch) }
            written += batch.count
            let now = ProcessTimes.now()
            if now.since(lastShown).wall >= 2 || written == count {
                lastShown = now
                let seconds = now.since(start).wall
                progress(String(format: "generated %d of %d complaints (%.0f/s)", written, count,
                                Double(written) / max(seconds, 1e-9)))
            }
        }
        try store.checkpoint()
        return store
    }
}
