import Foundation
import RedressModel
import RedressStore
import RedressTestSupport
import Testing
@testable @_spi(Testing) import RedressSync

/// The sync library records every outcome for `redress status`, once: a
/// session (by the peer's node id) and a connection that failed (by the
/// address dialled), so no caller has to record it again.
@Suite(.ownThreads) struct PeerStatusRecordingTests {
    @Test func aPeerThatCannotBeReachedIsRecordedWithTheReason() async throws {
        let cluster = try TestCluster()
        let node = try cluster.node("branch")
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        let address = try #require(SyncPeerAddress("127.0.0.1:1"))
        await #expect(throws: SyncError.self) { try await node.client().syncOnce(with: address) }
        let status = try #require(try node.store.peerStatuses().first { $0.address == "127.0.0.1:1" })
        #expect(status.node == nil && status.lastSyncAt == nil)
        #expect(status.lastError?.contains("cannot connect") == true, "\(status.lastError ?? "nil")")
    }

    @Test func aSessionIsRecordedOnBothSidesByNodeAndOnTheDiallerByAddressToo() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), client = try cluster.node("client")
        try await withServer(server) { listening, log in
            _ = try await client.sync(with: listening)
            // The server records its side when its session ends, which may be after the client's: wait for that end.
            _ = await log.next()
        }
        let dialled = try #require(try client.store.peerStatuses().first { $0.node == server.store.node })
        #expect(dialled.address != nil && dialled.lastSyncAt != nil && dialled.lastError == nil)
        let answered = try #require(try server.store.peerStatuses().first { $0.node == client.store.node })
        #expect(answered.address == nil && answered.lastSyncAt != nil)
        #expect(try client.store.peerStatuses().count == 1 && server.store.peerStatuses().count == 1)
    }
}
