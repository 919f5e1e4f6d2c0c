import Foundation
import NIOCore
import RedressModel
import RedressPKI
import RedressStore
import RedressTestSupport
import RedressWire
import Testing
@testable @_spi(Testing) import RedressSync

/// Each refusal ends that connection only: the server goes on serving a good peer.
@Suite("Peers that must be refused", .timeLimit(.minutes(2)), .ownThreads)
struct SyncRefusalTests {
    /// A good peer's sync, which must still complete after each refusal.
    private func expectStillServing(_ server: SyncServer, _ log: ServerLog, good: TestNode, owner: TestNode) async throws {
        try StoreFixture.addComplaints(1, to: good.store)
        let report = try await good.sync(with: server)
        #expect(report.isComplete)
        #expect(try good.store.digest() == owner.store.digest())
        guard case .success = await log.next() else { Issue.record("the good peer's session failed on the server"); return }
    }

    @Test func aCertificateFromAnotherCAIsRefused() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), good = try cluster.node("good")
        let intruder = try cluster.node("intruder", issuer: try ClusterAuthority.create())
        try await withServer(server) { listening, log in
            let error = await #expect(throws: SyncError.self) { try await intruder.sync(with: listening) }
            #expect(error?.code == .session || error?.code == .tlsHandshake, "\(String(describing: error))")
            guard case .failure(let refusal) = await log.next() else { Issue.record("the server accepted it"); return }
            #expect(refusal.code == .tlsHandshake)
            #expect(try server.store.complaints().isEmpty)
            try await expectStillServing(listening, log, good: good, owner: server)
        }
    }

    @Test func anExpiredCertificateIsRefused() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), good = try cluster.node("good")
        let now = Date()
        let expired = try cluster.node("expired", validity: (now.addingTimeInterval(-30 * 86_400), now.addingTimeInterval(-86_400)))
        try StoreFixture.addComplaints(2, to: expired.store)
        try await withServer(server) { listening, log in
            await #expect(throws: SyncError.self) { try await expired.sync(with: listening) }
            guard case .failure(let refusal) = await log.next() else { Issue.record("the server accepted it"); return }
            #expect(refusal.code == .tlsHandshake)
            #expect(try server.store.complaints().isEmpty)
            try await expectStillServing(listening, log, good: good, owner: server)
        }
    }

    @Test func aHelloThatIsNotTheCertificatesNodeIsRefused() async throws {
        // Given a peer whose certificate names another node than its store (and hello) does
        let cluster = try TestCluster()
        let server = try cluster.node("server"), good = try cluster.node("good")
        let impostor = try cluster.node("impostor", certificateNode: .random())
        try StoreFixture.addComplaints(2, to: impostor.store)
        try await withServer(server) { listening, log in
            let error = await #expect(throws: SyncError.self) { try await impostor.sync(with: listening) }
            #expect(error?.failure?.code == .nodeIDMismatch)
            #expect(await log.nextRefusal() == .nodeIDMismatch)
            #expect(try server.store.complaints().isEmpty)
            try await expectStillServing(listening, log, good: good, owner: server)
        }
    }

    @Test func aRetiredNodeIsRefused() async throws {
        // Given a server that has learned that `old` was retired
        let cluster = try TestCluster()
        let server = try cluster.node("server"), good = try cluster.node("good"), old = try cluster.node("old")
        try server.store.addMember(old.store.node, name: "old", division: "branch", certificateSerial: old.credentials.serialNumber, user: "admin")
        try server.store.addMember(good.store.node, name: "good", division: "branch", certificateSerial: nil, user: "admin")
        try server.store.retireMember(old.store.node, user: "admin")
        try StoreFixture.addComplaints(2, to: old.store)
        try await withServer(server) { listening, log in
            let error = await #expect(throws: SyncError.self) { try await old.sync(with: listening) }
            #expect(error?.failure?.code == .retiredNode)
            #expect(await log.nextRefusal() == .retiredNode)
            // Both sides noted the failed contact for `redress status`
            let onServer = try server.store.peerStatuses().first { $0.node == old.store.node }
            #expect(onServer?.lastError?.contains("retired") == true && onServer?.lastSyncAt == nil)
            let onRetired = try old.store.peerStatuses().first { $0.node == server.store.node }
            #expect(onRetired?.address == "127.0.0.1:\(listening.port)" && onRetired?.lastError != nil)
            #expect(try server.store.complaints().isEmpty)
            try await expectStillServing(listening, log, good: good, owner: server)
        }
    }

    @Test func unknownNodesAreRefusedWhenThePolicySaysSo() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), stranger = try cluster.node("stranger")
        var configuration = SyncConfiguration()
        configuration.admitUnknownNodes = false
        try await withServer(server, configuration) { listening, log in
            let error = await #expect(throws: SyncError.self) { try await stranger.sync(with: listening) }
            #expect(error?.failure?.code == .unknownNode)
            #expect(await log.nextRefusal() == .unknownNode)
        }
    }

    @Test func aPlaintextClientIsRefused() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), good = try cluster.node("good")
        try await withServer(server) { listening, log in
            // A well-formed hello frame, but without TLS
            let hello = SyncMessage.hello(SyncHello(clusterID: cluster.clusterID, node: good.store.node, softwareVersion: "plain",
                                                    versionVector: VersionVector())).frame()
            let (received, _) = try await rawExchange(port: listening.port, tls: nil, send: framed(hello))
            // The server answers with at most a TLS alert, never a sync frame, and closes
            #expect(decodeFrames(received).isEmpty)
            guard case .failure(let refusal) = await log.next() else { Issue.record("the server accepted it"); return }
            #expect(refusal.code == .tlsHandshake)
            try await expectStillServing(listening, log, good: good, owner: server)
        }
    }

    @Test func anOversizedFrameIsRefusedAtItsHeader() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), peer = try cluster.node("peer"), good = try cluster.node("good")
        var configuration = SyncConfiguration()
        configuration.maxFrameLength = 64 * 1024
        try await withServer(server, configuration) { listening, log in
            // A header announcing 64 KiB + 1, and none of the frame
            let header = withUnsafeBytes(of: UInt32(64 * 1024 + 1).bigEndian) { Array($0) }
            let (received, _) = try await rawExchange(port: listening.port, tls: peer.identity, send: header)
            let messages = decodeFrames(received)
            #expect(messages.count == 1)
            if case .error(let failure)? = messages.first { #expect(failure.code == .frameTooLarge) } else { Issue.record("no error frame") }
            #expect(await log.nextRefusal() == .frameTooLarge)
            try await expectStillServing(listening, log, good: good, owner: server)
        }
    }

    @Test func garbageAfterTheHandshakeIsRefused() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), peer = try cluster.node("peer"), good = try cluster.node("good")
        try await withServer(server) { listening, log in
            // A frame whose bytes are not an envelope
            let (received, _) = try await rawExchange(port: listening.port, tls: peer.identity, send: framed([0xFF, 0xFE, 0xFD, 0x07, 0x00, 0x99]))
            if case .error(let failure)? = decodeFrames(received).first { #expect(failure.code == .decodeError) } else { Issue.record("no error frame") }
            #expect(await log.nextRefusal() == .decodeError)
            // A valid envelope that breaks the rules: a batch before any hello
            let batch = SyncMessage.batch(sequence: 1, ChangeBatch()).frame()
            let (second, _) = try await rawExchange(port: listening.port, tls: peer.identity, send: framed(batch))
            if case .error(let failure)? = decodeFrames(second).first { #expect(failure.code == .outOfOrder) } else { Issue.record("no error frame") }
            #expect(await log.nextRefusal() == .outOfOrder)
            // Raw noise, whose first four bytes make an absurd length
            let noise: [UInt8] = Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
            let (third, _) = try await rawExchange(port: listening.port, tls: peer.identity, send: noise)
            if case .error(let failure)? = decodeFrames(third).first { #expect(failure.code == .frameTooLarge) } else { Issue.record("no error frame") }
            #expect(await log.nextRefusal() == .frameTooLarge)
            try await expectStillServing(listening, log, good: good, owner: server)
        }
    }

    @Test func aPeerThatSaysNothingIsTimedOut() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), peer = try cluster.node("peer"), good = try cluster.node("good")
        var configuration = SyncConfiguration()
        // Short enough for a quick test, long enough that the good peer's sync
        // afterwards is not cut off on a machine busy with the rest of the suite
        // (at 1 s it once was, with two builds running beside the tests).
        configuration.idleTimeout = .seconds(5)
        try await withServer(server, configuration) { listening, log in
            // Connected over TLS, then silent: meanwhile local writes on the server go on
            async let silent = rawExchange(port: listening.port, tls: peer.identity, send: [])
            try StoreFixture.addComplaints(1, to: server.store)
            let (received, _) = try await silent
            if case .error(let failure)? = decodeFrames(received).first { #expect(failure.code == .timeout) } else { Issue.record("no error frame") }
            #expect(await log.nextRefusal() == .timeout)
            try await expectStillServing(listening, log, good: good, owner: server)
        }
    }
}

@Suite("Stopping", .timeLimit(.minutes(1)), .ownThreads)
struct SyncShutdownTests {
    @Test func aStoppingServerSaysGoodbyeToItsPeers() async throws {
        // Given a server, and a peer that said hello and then waits
        let cluster = try TestCluster()
        let server = try cluster.node("server"), peer = try cluster.node("peer")
        let admitted = AsyncStream<Void>.makeStream()
        var configuration = SyncConfiguration()
        configuration.membership = { _ in admitted.continuation.yield(); return .active }
        let listening = try await SyncServer.bind(host: "127.0.0.1", port: 0, store: server.store, identity: server.identity,
                                                  configuration: configuration)
        let serving = Task { try await listening.run() }
        let hello = SyncMessage.hello(SyncHello(clusterID: cluster.clusterID, node: peer.store.node, softwareVersion: "test",
                                                versionVector: VersionVector()))
        async let exchange = rawExchange(port: listening.port, tls: peer.identity, send: framed(hello.frame()))
        var admissions = admitted.stream.makeAsyncIterator()
        await admissions.next()
        // When the server's task is cancelled (as on SIGTERM)
        serving.cancel()
        // Then the peer hears why before the connection closes, and the server stops
        let (received, _) = try await exchange
        #expect(decodeFrames(received).contains(.goodbye(.shuttingDown)))
        _ = try? await serving.value
    }
}
