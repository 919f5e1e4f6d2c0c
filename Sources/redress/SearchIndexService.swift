import Logging
import RedressDashboard
import RedressStore
import ServiceLifecycle

/// Keeps the node's blind search index caught up while `serve` runs: a sync
/// or an import only queues complaints for it, and a search indexes what is
/// still queued before it answers. Indexing in the background means the
/// first search after a large sync or import answers at once.
struct SearchIndexService: Service {
    let store: RedressStore
    /// How long it waits between rounds when nothing is queued.
    var pause: Duration = .seconds(2)
    /// How long it waits between batches while complaints are queued: the
    /// write lock is free for other processes for most of the time (a batch
    /// holds it for a few milliseconds), so a command run beside `serve`
    /// after a large import is not refused as "locked".
    var pauseBetweenBatches: Duration = .milliseconds(40)
    let logger = Logger(label: "redress.search")

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var indexed = 0
                do {
                    indexed = try await Blocking.runInBackground { [store] in try store.indexPendingSearchBatch() }
                } catch {
                    // The queue stays; the next round, or the next search, tries again.
                    logger.warning("could not index queued complaints", metadata: ["redress.reason": "\(error)"])
                }
                try? await Task.sleep(for: indexed > 0 ? pauseBetweenBatches : pause)
            }
        }
    }
}
