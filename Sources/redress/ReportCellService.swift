import Logging
import RedressDashboard
import RedressReports
import RedressStore
import ServiceLifecycle

/// Keeps the report cells current while `serve` runs (docs/ARCHITECTURE.md,
/// "Report cells"): builds them when the store has none (a new or upgraded
/// store, or damaged cells), then sums again the (division, month)s that
/// writes and syncs made stale. Reports are exact whatever is left stale,
/// only slower; a few (division, month)s per transaction keep the write lock
/// free for the node's writers most of the time.
struct ReportCellService: Service {
    let store: RedressStore
    /// How long it waits between rounds when nothing is stale.
    var pause: Duration = .seconds(5)
    /// How long it waits between transactions while months are stale.
    var pauseBetweenBatches: Duration = .milliseconds(20)
    /// (division, month)s per transaction.
    var batch = 8
    let logger = Logger(label: "redress.reports")

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var building = false
            while !Task.isCancelled {
                var remaining = 0
                do {
                    let progress = try await Blocking.runInBackground { [store, batch] in try store.refreshReportCells(limit: batch) }
                    remaining = progress.remaining ?? 0
                    if progress.startedOver {
                        building = true
                        logger.info("building the report cells", metadata: ["redress.months": "\(progress.summed + remaining)"])
                    } else if building, remaining == 0 {
                        building = false
                        logger.info("the report cells are built")
                    }
                } catch {
                    // Stale months stay stale; reports read them from the complaints, and the next round tries again.
                    logger.warning("could not refresh the report cells", metadata: ["redress.reason": "\(error)"])
                }
                try? await Task.sleep(for: remaining > 0 ? pauseBetweenBatches : pause)
            }
        }
    }
}
