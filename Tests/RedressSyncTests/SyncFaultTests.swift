import Foundation
import GRDB
import Logging
import NIOCore
import NIOEmbedded
import NIOPosix
import RedressModel
import RedressStore
import RedressTestSupport
import RedressWire
import Synchronization
import Testing
@testable @_spi(Testing) import RedressSync

/// Faults a node meets on a bad day (issue 12): wrong clocks, states that
/// differ behind equal version vectors, floods of connections.
@Suite("Faults", .timeLimit(.minutes(2)), .ownThreads)
struct SyncFaultTests {
    /// A store whose wall clock runs `offset` ms off the real one.
    static func skewed(by offset: Int64) -> StoreConfiguration {
        var configuration = StoreConfiguration()
        configuration.wallClock = { UInt64(Int64(Date().timeIntervalSince1970 * 1000) + offset) }
        return configuration
    }

    @Test func aPeersClockOffsetIsMeasuredAndRecordedOnBothSides() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server")
        let ahead = try cluster.node("ahead", configuration: Self.skewed(by: 30_000))
        try StoreFixture.addComplaints(2, to: ahead.store)
        try await withServer(server) { listening, log in
            let report = try await ahead.sync(with: listening)
            #expect(report.isComplete)
            // Its changes, 30 s ahead, are within the drift limit (60 s): accepted.
            #expect(try server.store.complaints().count == 2)
            let offset = try #require(report.peerClockOffsetMillis)
            #expect((-35_000 ... -25_000).contains(offset), "the server is about 30 s behind the client: \(offset)")
            guard case .success(let served) = await log.next() else { Issue.record("the server's session failed"); return }
            #expect((25_000...35_000).contains(served.peerClockOffsetMillis ?? 0))
            let recorded = try server.store.peerStatuses().first { $0.node == ahead.store.node }?.clockOffsetMillis
            #expect((25_000...35_000).contains(recorded ?? 0), "recorded for `redress status`: \(String(describing: recorded))")
        }
    }

    @Test func aPeerFurtherAheadThanTheDriftLimitIsRefusedAndItsOffsetIsKnown() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server")
        let ahead = try cluster.node("ahead", configuration: Self.skewed(by: 10 * 60_000))
        try StoreFixture.addComplaints(1, to: ahead.store)
        try await withServer(server) { listening, log in
            let error = await #expect(throws: SyncError.self) { try await ahead.sync(with: listening) }
            #expect(error?.failure?.code == .clockDrift || error?.detail.contains("ahead") == true, "\(String(describing: error))")
            _ = await log.next()
            #expect(try server.store.complaints().isEmpty)
            let recorded = try server.store.peerStatuses().first { $0.node == ahead.store.node }?.clockOffsetMillis ?? 0
            #expect(recorded > 9 * 60_000, "the server knows how far ahead the peer is: \(recorded)")
        }
    }

    /// Two nodes with equal version vectors whose states differ (a row lost
    /// from one file without a trace) find out from their hellos, and the
    /// next sync repairs the difference.
    @Test func equalVectorsHidingDifferentStatesAreFoundAndRepaired() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), client = try cluster.node("client")
        let ids = try StoreFixture.addComplaints(3, to: server.store)
        try await withServer(server) { listening, _ in
            #expect(try await client.sync(with: listening).isComplete)
            #expect(try client.store.digest() == server.store.digest())
            // A complaint's row vanishes from the client's file (triggers are not involved in a DELETE).
            let raw = try DatabaseQueue(path: client.store.databasePath)
            try await raw.write { db in try db.execute(sql: "DELETE FROM complaint WHERE id = ?", arguments: [ids[1].description]) }
            #expect(try client.store.versionVector() == server.store.versionVector())
            #expect(try client.store.digest() != server.store.digest())
            try client.store.refreshDigest()
            try server.store.refreshDigest()

            let found = try await client.sync(with: listening)
            #expect(found.isComplete && found.digestsDiffered)
            #expect(try client.store.versionVector().total == 0, "the client asks for everything again")
            let repaired = try await client.sync(with: listening)
            #expect(repaired.isComplete && repaired.changesReceived > 0)
            #expect(try client.store.complaint(ids[1]).id == ids[1])
            #expect(try client.store.digest() == server.store.digest())
            // Each side also asked for its own changes again; a few more syncs (at most five) settle what each tells the other.
            var syncs = 0
            while try client.store.versionVector() != server.store.versionVector(), syncs < 5 {
                #expect(try await client.sync(with: listening).isComplete)
                syncs += 1
            }
            #expect(try client.store.versionVector() == server.store.versionVector(), "after \(syncs) more syncs")
            try client.store.refreshDigest()
            try server.store.refreshDigest()
            #expect(try await client.sync(with: listening).digestsDiffered == false)
        }
    }

    /// Connections that never start TLS cannot keep a real peer out: the
    /// server holds at most its limit, closes the oldest unverified ones to
    /// make room, and closes each after the handshake timeout.
    @Test func aFloodOfSilentConnectionsDoesNotKeepARealPeerOut() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), good = try cluster.node("good")
        try StoreFixture.addComplaints(2, to: good.store)
        var configuration = SyncConfiguration()
        configuration.maxConnections = 16
        configuration.maxPendingConnectionsPerAddress = 8
        configuration.handshakeTimeout = .seconds(5)
        let floodSize = 40
        try await withServer(server, configuration) { listening, _ in
            var flood: [any Channel] = []
            for _ in 0..<floodSize {
                flood.append(try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connect(host: "127.0.0.1", port: listening.port).get())
            }
            let report = try await good.sync(with: listening)
            #expect(report.isComplete)
            #expect(try server.store.digest() == good.store.digest())
            // The server held at most its 16 (the good peer's among them): the oldest silent ones made room.
            let stillOpen = flood.filter(\.isActive).count
            #expect(stillOpen <= 15, "\(stillOpen) silent connections still open")
            // Every silent connection is closed by the server: pushed out, or timed out.
            // Bounded: a connection the server forgot would stop the test at its time limit.
            var closed = 0
            for channel in flood {
                try? await channel.closeFuture.get()
                closed += 1
            }
            #expect(closed == floodSize)
        }
    }
}

@Suite struct ConnectionGateTests {
    @Test func theOldestUnverifiedConnectionMakesRoomAndVerifiedOnesStay() throws {
        let gate = ConnectionGate(limits: .init(maxConnections: 3, maxPendingPerAddress: 10))
        let channels = (0..<5).map { _ in EmbeddedChannel() }
        #expect(gate.admit(channels[0], address: "10.0.0.1") == .admitted)
        gate.verified(channels[0])
        #expect(gate.admit(channels[1], address: "10.0.0.2") == .admitted)
        #expect(gate.admit(channels[2], address: "10.0.0.2") == .admitted)
        // Full: the oldest pending (1), never the verified (0), makes room.
        #expect(gate.admit(channels[3], address: "10.0.0.3") == .admittedEvicting(1))
        #expect(!channels[1].isActive || (try? channels[1].closeFuture.wait()) == nil)
        #expect(gate.count == 3)
        gate.verified(channels[2])
        gate.verified(channels[3])
        // Full of verified peers: the newcomer is refused.
        #expect(gate.admit(channels[4], address: "10.0.0.4") == .refused)
        gate.closed(channels[0])
        #expect(gate.admit(channels[4], address: "10.0.0.4") == .admitted)
    }

    @Test func oneAddressCannotHoldMoreThanItsShareOfUnverifiedConnections() {
        let gate = ConnectionGate(limits: .init(maxConnections: 100, maxPendingPerAddress: 2))
        let channels = (0..<4).map { _ in EmbeddedChannel() }
        #expect(gate.admit(channels[0], address: "10.0.0.9") == .admitted)
        #expect(gate.admit(channels[1], address: "10.0.0.9") == .admitted)
        #expect(gate.admit(channels[2], address: "10.0.0.9") == .admittedEvicting(1))
        #expect(gate.admit(channels[3], address: "10.0.0.8") == .admitted)
        #expect(gate.count == 3)
    }
}

@Suite struct LogThrottleTests {
    /// Collects what reaches the log.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    struct Handler: LogHandler {
        let sink: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            sink.lines.withLock { $0.append(message.description) }
        }
    }

    @Test func aFloodOfOneKindOfLineLogsOnlyTheFirstFewPerWindow() {
        let sink = Lines()
        let logger = Logger(label: "test") { _ in Handler(sink: sink) }
        let throttle = LogThrottle(limit: 3, window: .seconds(3600))
        for index in 0..<50 { throttle.log(logger) { $0.warning("refused \(index)") } }
        #expect(sink.lines.withLock { $0 } == ["refused 0", "refused 1", "refused 2"])
    }
}
