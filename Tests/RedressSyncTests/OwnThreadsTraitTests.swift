import Foundation
import RedressStore
import RedressTestSupport
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
        let (report, waited) = try await syncWhileHeld(width, occupy: { pool in
            (0..<width).map { _ in Task.detached { pool.hold() } }
        }, client: client, server: server)

        #expect(!waited, "the sync waited for the cooperative pool")
        let completed = try report.get()
        #expect(completed.isComplete)
        #expect(try client.store.digest() == server.store.digest())
    }
}
