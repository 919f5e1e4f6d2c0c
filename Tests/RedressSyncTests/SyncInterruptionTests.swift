import Foundation
import RedressModel
import RedressStore
import RedressTestSupport
import Testing
@testable @_spi(Testing) import RedressSync

/// A connection cut after each frame in turn, on either side, then a sync
/// that resumes: nothing is lost, nothing is applied twice.
@Suite("Cut connections resume", .timeLimit(.minutes(5)), .ownThreads)
struct SyncInterruptionTests {
    private struct Pair {
        let cluster: TestCluster
        let server: TestNode
        let client: TestNode
        let serverIDs: [ComplaintID]
        let clientIDs: [ComplaintID]

        init() throws {
            cluster = try TestCluster()
            server = try cluster.node("server")
            client = try cluster.node("client")
            serverIDs = try StoreFixture.addComplaints(6, to: server.store)
            clientIDs = try StoreFixture.addComplaints(4, to: client.store)
        }

        /// Both stores are readable and hold what they should, whatever was cut.
        func expectConsistent() throws {
            for store in [server.store, client.store] {
                _ = try store.digest()
                let vector = try store.versionVector()
                // A node never claims more of an origin than the origin has written.
                for origin in [server.store, client.store] {
                    #expect(vector[origin.node] <= (try origin.versionVector())[origin.node])
                }
            }
        }

        /// After a full sync: equal, with each complaint once and each history entry once.
        func expectConverged() throws {
            #expect(try server.store.digest() == client.store.digest())
            for store in [server.store, client.store] {
                #expect(try store.complaints().count == 10)
                for id in serverIDs + clientIDs {
                    #expect(try store.complaint(id).history.count == 2)
                }
            }
        }
    }

    /// Small batches, so that a sync has many frames to be cut after.
    private static var smallBatches: SyncConfiguration {
        var configuration = SyncConfiguration()
        configuration.maxBatchFields = 12
        return configuration
    }

    @Test func aCutOnTheClientSideAfterEachFrameResumes() async throws {
        var cut = 1
        while true {
            try #require(cut < 200, "the sync never completes")
            let pair = try Pair()
            var cutting = Self.smallBatches
            cutting.cutAfterFrames = cut
            var completed = false
            try await withServer(pair.server, Self.smallBatches) { listening, _ in
                do {
                    completed = try await pair.client.sync(with: listening, cutting).isComplete
                } catch let error as SyncError {
                    #expect(error.code == .session, "cut after frame \(cut): \(error)")
                }
                try pair.expectConsistent()
                try await pair.client.sync(with: listening, Self.smallBatches)
            }
            try pair.expectConverged()
            if completed { break }
            cut += 1
        }
        // Hellos, several batches and acks each way, goodbyes
        #expect(cut > 12)
    }

    @Test func aCutOnTheServerSideAfterEachFrameResumes() async throws {
        var cut = 1
        while true {
            try #require(cut < 200, "the sync never completes")
            let pair = try Pair()
            var cutting = Self.smallBatches
            cutting.cutAfterFrames = cut
            var completed = false
            try await withServer(pair.server, cutting) { listening, log in
                completed = (try? await pair.client.sync(with: listening, Self.smallBatches))?.isComplete ?? false
                _ = await log.next()
            }
            try pair.expectConsistent()
            try await withServer(pair.server, Self.smallBatches) { listening, _ in
                try await pair.client.sync(with: listening, Self.smallBatches)
            }
            try pair.expectConverged()
            if completed { break }
            cut += 1
        }
        #expect(cut > 12)
    }
}
