import Logging
import RedressDashboard
import RedressModel
import RedressStore
import ServiceLifecycle

/// What `serve` does for the store in the background: the damage scrub
/// (`RedressStore.check`) when it starts and on its interval, and the digest
/// a sync's hello offers, computed once the version vector has stood still,
/// so that two idle nodes whose vectors are equal find out whether their
/// states are too (docs/ARCHITECTURE.md, "Damage and repair").
struct StoreMaintenanceService: Service {
    let store: RedressStore
    /// Between scrubs; `nil`: never.
    var scrubInterval: Duration?
    /// How long the vector must stay the same before its digest is computed
    /// (a whole scan of the store: never while changes keep arriving).
    var quietPeriod: Duration = .seconds(10)
    let logger = Logger(label: "redress.maintenance")

    func run() async throws {
        await cancelWhenGracefulShutdown {
            let clock = ContinuousClock()
            var nextScrub = scrubInterval.map { _ in clock.now }
            var lastVector: VersionVector?
            while !Task.isCancelled {
                if let due = nextScrub, clock.now >= due, let interval = scrubInterval {
                    await scrub()
                    nextScrub = clock.now + interval
                }
                do {
                    let vector = try await Blocking.runInBackground { [store] in try store.versionVector() }
                    if vector == lastVector, store.digestAtHand(for: vector) == nil {
                        try await Blocking.runInBackground { [store] in _ = try store.refreshDigest() }
                    }
                    lastVector = vector
                } catch {
                    logger.warning("could not compute the digest for peers", metadata: ["redress.reason": "\(error)"])
                }
                try? await Task.sleep(for: quietPeriod)
            }
        }
    }

    private func scrub() async {
        do {
            let report = try await Blocking.runInBackground { [store] in try store.check(thorough: false) }
            if report.isHealthy {
                logger.info("store checked: no damage", metadata: ["redress.records": "\(report.recordsChecked)"])
            } else {
                logger.error("store checked: damage found", metadata: [
                    "redress.sqlite.problems": "\(report.sqliteProblems.count)",
                    "redress.damaged.records": "\(report.damagedRecords.count)",
                    "redress.advice": "\(report.advice)",
                ])
            }
        } catch {
            logger.error("could not check the store", metadata: ["redress.reason": "\(error)"])
        }
    }
}
