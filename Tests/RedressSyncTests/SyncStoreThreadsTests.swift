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

        // Every shared thread sits inside `hold()` while the sync runs: without
        // threads of its own the sync would wait for the shared pool for ever.
        let blockers = NIOSingletons.blockingPoolThreadCountSuggestion
        let (report, waitedForTheSharedPool) = try await syncWhileHeld(blockers, occupy: { pool in
            (0..<blockers).map { _ in Task { try await NIOThreadPool.singleton.runIfActive { pool.hold() } } }
        }, client: client, server: server, configuration)

        #expect(!waitedForTheSharedPool, "the sync waited for NIO's shared pool")
        let completed = try report.get()
        #expect(completed.isComplete)
        #expect(completed.changesApplied > 0 && completed.changesSent > 0)
        #expect(try client.store.digest() == server.store.digest())
    }
}
