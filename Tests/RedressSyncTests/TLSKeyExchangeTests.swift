import Foundation
import NIOSSL
import RedressModel
import RedressPKI
import RedressStore
import RedressTestSupport
import Testing
@testable @_spi(Testing) import RedressSync

/// The key-exchange setting (`TLSKeyExchange`) and what each handshake
/// carries: every pairing of settings syncs, the hybrid is used only when
/// both sides offer it, a node sends its leaf certificate alone, and nodes
/// with certificates of earlier versions still sync.
@Suite("TLS key exchange and handshake size", .timeLimit(.minutes(2)), .ownThreads)
struct TLSKeyExchangeTests {
    private func configuration(_ keyExchange: TLSKeyExchange) -> SyncConfiguration {
        var configuration = SyncConfiguration()
        configuration.keyExchange = keyExchange
        return configuration
    }

    @Test func theDefaultIsX25519AndTheHybridFallsBackToIt() {
        #expect(TLSKeyExchange.default == .x25519)
        #expect(SyncConfiguration().keyExchange == .x25519)
        #expect(TLSKeyExchange.x25519.groups == [.x25519])
        // Every setting offers X25519, so any two nodes share a group
        #expect(TLSKeyExchange.x25519MLKEM768.groups == [.x25519_MLKEM768, .x25519])
        #expect(TLSKeyExchange(rawValue: "x25519-mlkem768") == .x25519MLKEM768)
        #expect(TLSKeyExchange(rawValue: "X25519") == nil)
    }

    @Test func everyPairingOfSettingsSyncsAndTheHybridIsUsedOnlyWhenBothOfferIt() async throws {
        // Given two nodes with different data
        let cluster = try TestCluster()
        let a = try cluster.node("a"), b = try cluster.node("b")
        try StoreFixture.addComplaints(5, to: a.store)
        try StoreFixture.addComplaints(3, to: b.store)
        var wire: [String: Int] = [:]
        for serverSetting in TLSKeyExchange.allCases {
            try await withServer(a, configuration(serverSetting)) { server, log in
                for clientSetting in TLSKeyExchange.allCases {
                    // When b syncs with a, each side with its own setting
                    let report = try await b.sync(with: server, configuration(clientSetting))
                    // Then the sync completes on both sides
                    #expect(report.isComplete, "client \(clientSetting), server \(serverSetting): \(report.outcome)")
                    guard case .success(let served) = await log.next() else {
                        Issue.record("the \(serverSetting) server failed with a \(clientSetting) client")
                        continue
                    }
                    #expect(served.isComplete)
                    #expect(try a.store.digest() == b.store.digest())
                    // An equal-node sync's bytes tell which key shares crossed the wire
                    let equal = try await b.sync(with: server, configuration(clientSetting))
                    #expect(equal.changesSent + equal.changesReceived == 0)
                    _ = await log.next()
                    wire["\(serverSetting)/\(clientSetting)"] = equal.wireBytesSent + equal.wireBytesReceived
                }
            }
        }
        let classical = try #require(wire["x25519/x25519"])
        let hybrid = try #require(wire["x25519-mlkem768/x25519-mlkem768"])
        let hybridClient = try #require(wire["x25519/x25519-mlkem768"])
        let classicalClient = try #require(wire["x25519-mlkem768/x25519"])
        // Two hybrid nodes agree on the hybrid: ML-KEM-768 adds a 1,184-byte key share and a 1,088-byte ciphertext
        #expect(hybrid - classical > 2_000, "\(wire)")
        // A hybrid client and an X25519 server agree on X25519 without a retry: only the client's share is extra
        #expect(hybridClient - classical > 1_000 && hybrid - hybridClient > 900, "\(wire)")
        // An X25519 client costs the same whatever the server prefers
        #expect(abs(classicalClient - classical) < 100, "\(wire)")
    }

    @Test func aNodePresentsItsLeafCertificateAloneAndAsksForNoCANames() throws {
        let cluster = try TestCluster()
        let node = try cluster.node("leaf")
        // The chain a node presents is its own certificate; the peer has the CA
        #expect(node.identity.certificateChain.count == 1)
        #expect(try node.identity.certificateChain.first?.toDERBytes() == node.credentials.certificateDER)
        let server = node.identity.serverTLSConfiguration()
        #expect(!server.sendCANameList)
        #expect(server.certificateChain.count == 1)
        #expect(node.identity.clientTLSConfiguration().certificateChain.count == 1)
        // One signature algorithm, the one every Redress key uses
        #expect(server.verifySignatureAlgorithms == [.ecdsaSecp256R1Sha256])
        #expect(server.signingSignatureAlgorithms == [.ecdsaSecp256R1Sha256])
    }

    @Test func nodesWithCertificatesOfEarlierVersionsSyncWithNewOnes() async throws {
        // Given a node with a certificate as earlier versions issued it, and one with a new, smaller one
        let cluster = try TestCluster()
        let old = try cluster.node("old", legacy: true), new = try cluster.node("new")
        #expect(old.credentials.certificateDER.count > new.credentials.certificateDER.count + 150)
        try StoreFixture.addComplaints(4, to: old.store)
        try StoreFixture.addComplaints(2, to: new.store)
        // When each serves the other in turn, with either key exchange
        try await withServer(old) { server, log in
            let report = try await new.sync(with: server)
            #expect(report.isComplete)
            #expect(report.peer == old.store.node)
            guard case .success(let served) = await log.next() else { Issue.record("the old node refused the new one"); return }
            #expect(served.peer == new.store.node)
        }
        try await withServer(new, configuration(.x25519MLKEM768)) { server, log in
            let report = try await old.sync(with: server, configuration(.x25519MLKEM768))
            #expect(report.isComplete)
            #expect(report.peer == new.store.node)
            guard case .success(let served) = await log.next() else { Issue.record("the new node refused the old one"); return }
            #expect(served.peer == old.store.node)
        }
        // Then both hold everything
        #expect(try old.store.digest() == new.store.digest())
        #expect(try old.store.complaints().count == 6)
    }
}
