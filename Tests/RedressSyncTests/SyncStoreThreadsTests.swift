import Foundation
import NIOCore
import NIOPosix
import RedressStore
import RedressTestSupport
import Testing
@testable import RedressSync

/// A sync keeps moving while every thread of NIO's shared pool is busy with
/// other blocking work (the HTTP routes' bcrypt and SQLite, a long store
/// check): its store work has threads of its own (`SyncStoreThreads`).
@Suite(.ownThreads) struct SyncStoreThreadsTests {
    @Test func aSyncCompletesWhileTheSharedBlockingPoolIsFull() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), client = try cluster.node("client")
        _ = try StoreFixture.addComplaints(3, to: server.store)
        _ = try StoreFixture.addComplaints(2, to: client.store)
        let configuration = SyncConfiguration()

        let blockers = NIOSingletons.blockingPoolThreadCountSuggestion
        let pool = ThreadHold()
        let held = (0..<blockers).map { _ in
            Task { try await NIOThreadPool.singleton.runIfActive { pool.hold() } }
        }
        // Every shared thread is now inside `hold()`: nothing else can run there until `release(_:)`.
        await pool.waitUntilHeld(blockers)
        // The sync races a guard: without threads of its own it would wait for the
        // shared pool for ever, so after 20 s the guard frees the pool and the test fails.
        let (report, waitedForTheSharedPool) = await withTaskGroup(of: Result<SyncReport, any Error>?.self) { group in
            group.addTask {
                do {
                    var received: SyncReport?
                    try await withServer(server, configuration) { listening, _ in
                        received = try await client.sync(with: listening, configuration)
                    }
                    return .success(try #require(received))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(20))
                return nil
            }
            let first = await group.next()!
            pool.release(blockers)
            if let first {
                group.cancelAll()
                return (first, false)
            }
            return (await group.next()!!, true)
        }
        for task in held { try await task.value }

        #expect(!waitedForTheSharedPool, "the sync waited for NIO's shared pool")
        let completed = try report.get()
        #expect(completed.isComplete)
        #expect(completed.changesApplied > 0 && completed.changesSent > 0)
        #expect(try client.store.digest() == server.store.digest())
    }
}
