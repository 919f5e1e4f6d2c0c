import Dispatch
import Foundation
import RedressStore
import RedressTestSupport
import Synchronization
import Testing
@testable import RedressSync

/// `.ownThreads` keeps a test's sessions moving while other tests hold every
/// thread of Swift's cooperative pool, as the parallel suite does on two
/// cores.
@Suite(.ownThreads) struct OwnThreadsTraitTests {
    @Test func aSyncCompletesWhileTheCooperativePoolIsFull() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), client = try cluster.node("client")
        _ = try StoreFixture.addComplaints(3, to: server.store)
        _ = try StoreFixture.addComplaints(2, to: client.store)

        // The cooperative pool has a thread per core. Detached tasks prefer no
        // executor, so they run there and each holds one of its threads.
        let width = ProcessInfo.processInfo.activeProcessorCount
        let pool = ThreadHold()
        let flags = Flags()
        let allHeld = DispatchSemaphore(value: 0), syncEnded = DispatchSemaphore(value: 0)
        @Sendable func release() -> Bool {
            flags.released.withLock { done in
                defer { done = true }
                if !done { pool.release(width) }
                return !done
            }
        }
        // Nothing async can run on a full cooperative pool, so the guard is a
        // thread: once the pool is full, a sync that needs it cannot end, and
        // after 20 s the guard frees the pool and the test fails.
        Thread.detachNewThread {
            allHeld.wait()
            if syncEnded.wait(timeout: .now() + 20) == .timedOut, release() { flags.guardFreedThePool.store(true, ordering: .sequentiallyConsistent) }
        }
        let holders = (0..<width).map { _ in
            Task.detached {
                if flags.entered.add(1, ordering: .sequentiallyConsistent).newValue == width { allHeld.signal() }
                pool.hold()
            }
        }
        await pool.waitUntilHeld(width)

        let result: Result<SyncReport?, any Error>
        do {
            var received: SyncReport?
            try await withServer(server) { listening, _ in received = try await client.sync(with: listening) }
            result = .success(received)
        } catch {
            result = .failure(error)
        }
        syncEnded.signal()
        _ = release()
        for holder in holders { await holder.value }

        let waitedForThePool = flags.guardFreedThePool.load(ordering: .sequentiallyConsistent)
        #expect(!waitedForThePool, "the sync waited for the cooperative pool")
        let report = try #require(try result.get())
        #expect(report.isComplete)
        #expect(try client.store.digest() == server.store.digest())
    }
}

private final class Flags: Sendable {
    let entered = Atomic(0)
    let released = Mutex(false)
    let guardFreedThePool = Atomic(false)
}
