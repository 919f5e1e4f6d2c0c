import Dispatch
import Foundation
import RedressTestSupport
@testable import RedressSync

/// One sync of `client` with a server for `server` while `count` threads of
/// some pool sit in `hold()` (`occupy` puts them there), and whether it
/// needed them: if the sync has not ended 20 s after they are all held, a
/// guard thread lets them go, and `waited` is true. The guard is a thread,
/// not a task, because the held pool may be the one tasks run on.
func syncWhileHeld(_ count: Int, occupy: (ThreadHold) -> [Task<Void, any Error>],
                   client: TestNode, server: TestNode, _ configuration: SyncConfiguration = SyncConfiguration())
async throws -> (report: Result<SyncReport, any Error>, waited: Bool) {
    let pool = ThreadHold()
    let syncEnded = DispatchSemaphore(value: 0), guardFreedThePool = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        pool.blockUntilHeld(count)
        if syncEnded.wait(timeout: .now() + 20) == .timedOut {
            guardFreedThePool.signal()
            pool.release(count)
        }
    }
    let holders = occupy(pool)
    await pool.waitUntilHeld(count)
    let report: Result<SyncReport, any Error>
    do {
        var received: SyncReport?
        try await withServer(server, configuration) { listening, _ in received = try await client.sync(with: listening, configuration) }
        report = received.map { .success($0) } ?? .failure(SyncWhileHeldError.noReport)
    } catch {
        report = .failure(error)
    }
    syncEnded.signal()
    // Letting go twice (after the guard did) only leaves the gate open.
    pool.release(count)
    for holder in holders { try await holder.value }
    return (report, guardFreedThePool.wait(timeout: .now()) == .success)
}

enum SyncWhileHeldError: Error { case noReport }
