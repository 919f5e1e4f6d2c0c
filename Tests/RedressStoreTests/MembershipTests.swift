import Foundation
import RedressModel
import RedressStore
import Testing

/// The replicated membership list and the local peer status: membership
/// changes travel by sync like any record, and retirement is monotone.
@Suite struct MembershipTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()
    let cluster = UUID()

    /// The first node of a cluster, listing itself as a member.
    func firstNode(_ name: String, division: String = "retail") throws -> RedressStore {
        let node = NodeID.random()
        return try RedressStore.create(at: directory.subdirectory(name), division: division, nodeName: name, node: node,
                                       clusterID: cluster, user: "admin", configuration: clock.configuration) { tx in
            try tx.addMember(node, name: name, division: division, certificateSerial: "01")
        }
    }

    /// A node joining with the id it was given by `addMember` on another node.
    func joiningNode(_ name: String, node: NodeID, division: String) throws -> RedressStore {
        try RedressStore.create(at: directory.subdirectory(name), division: division, nodeName: name, node: node,
                                clusterID: cluster, defaultsYield: true, user: "admin", configuration: clock.configuration) { tx in
            try tx.addMember(node, name: name, division: division, certificateSerial: "02")
        }
    }

    /// Member lists compared without the local last-contact times.
    func replicated(_ store: RedressStore) throws -> [ClusterMember] {
        try store.members().map { var member = $0; member.lastContactAt = nil; return member }
    }

    func exchange(_ a: RedressStore, _ b: RedressStore) throws {
        try Fixture.sync(from: a, to: b)
        try Fixture.sync(from: b, to: a)
    }

    @Test func membershipReplicatesAndAJoiningNodesDefaultsDoNotOverwriteTheCluster() throws {
        // Given a first node that adds "lyon" in a new division, then sets that division's promises
        let head = try firstNode("head")
        let lyonID = NodeID.random()
        try head.addMember(lyonID, name: "lyon", division: "lyon", certificateSerial: "02", user: "admin")
        clock.advance(by: 1_000)
        try head.write(user: "admin") { tx in
            try tx.upsertDivision(code: "lyon", name: "Lyon branch", conduct: CodeOfConduct(acknowledgeWithinHours: 24, respondWithinDays: 10))
        }
        // When lyon joins later (its clock is ahead) and they sync both ways
        clock.advance(by: 60_000)
        let lyon = try joiningNode("lyon", node: lyonID, division: "lyon")
        #expect(try lyon.members().map(\.name) == ["lyon"])
        try exchange(head, lyon)
        // Then both list both members, and the cluster's promises for lyon won over lyon's fresh defaults
        #expect(try replicated(head) == replicated(lyon))
        #expect(try head.members().map(\.name) == ["head", "lyon"])
        #expect(try head.members().allSatisfy { !$0.retired })
        let lyonDivision = try #require(try lyon.divisions().first { $0.code == "lyon" })
        #expect(lyonDivision.name == "Lyon branch")
        #expect(lyonDivision.conduct.acknowledge == PromiseDuration(amount: 24, unit: .hours))
        #expect(try head.digest() == lyon.digest())
        #expect(lyon.clusterID == cluster && head.clusterID == cluster)
    }

    @Test func retirementWinsOverAConcurrentUnretireAndRenameInEitherOrder() throws {
        let head = try firstNode("head")
        let lyonID = NodeID.random(), parisID = NodeID.random()
        try head.addMember(lyonID, name: "lyon", division: "lyon", certificateSerial: "02", user: "admin")
        try head.addMember(parisID, name: "paris", division: "paris", certificateSerial: "03", user: "admin")
        let lyon = try joiningNode("lyon", node: lyonID, division: "lyon")
        try exchange(head, lyon)

        // head retires paris; concurrently and later by the clock, lyon renames it and writes retired = 0
        clock.advance(by: 1_000)
        try head.retireMember(parisID, user: "admin")
        clock.advance(by: 1_000)
        try lyon.write(user: "rogue") { tx in
            try tx.write(key: parisID.description, [MemberField.name: .text("paris-2"), .retired: 0])
        }
        #expect(try lyon.isRetired(node: parisID) == false)

        // A third replica hears lyon first, then head; head and lyon exchange
        let late = try joiningNode("late", node: .random(), division: "retail")
        try Fixture.sync(from: lyon, to: late)
        try Fixture.sync(from: head, to: late)
        try exchange(head, lyon)

        for store in [head, lyon, late] {
            let paris = try #require(try store.member(parisID))
            #expect(paris.retired, "on \(store.nodeName)")
            #expect(paris.name == "paris-2", "the rename is a later write and wins by its own rule, on \(store.nodeName)")
            #expect(try store.isRetired(node: parisID))
            #expect(try !store.isRetired(node: lyonID))
        }
        #expect(try head.digest() == lyon.digest())
        #expect(try Set([head, lyon].map { try replicated($0) }).count == 1)

        // And a later re-add (same id) cannot un-retire either
        clock.advance(by: 1_000)
        try lyon.addMember(parisID, name: "paris", division: "paris", certificateSerial: "04", user: "admin")
        try exchange(head, lyon)
        #expect(try head.isRetired(node: parisID) && lyon.isRetired(node: parisID))
    }

    @Test func retiringThisNodeOrAnUnknownNodeIsRefusedAndWritesNothing() throws {
        let head = try firstNode("head")
        let before = try head.versionVector()
        #expect(throws: StoreError.self) { try head.retireMember(head.node, user: "admin") }
        #expect(throws: StoreError.self) { try head.retireMember(.random(), user: "admin") }
        #expect(try head.versionVector() == before)
        #expect(try !head.isRetired(node: head.node))
        #expect(try !head.isRetired(node: .random()), "an unknown node is not retired; the sync layer decides about unknown nodes")
    }

    @Test func membersResolveByNameOrIdAndARetiredNameCanBeReused() throws {
        let head = try firstNode("head")
        let old = NodeID.random(), new = NodeID.random()
        try head.addMember(old, name: "lyon", division: "lyon", certificateSerial: "02", user: "admin")
        #expect(try head.resolveMember("lyon").node == old)
        try head.retireMember(old, user: "admin")
        try head.addMember(new, name: "lyon", division: "lyon", certificateSerial: "03", user: "admin")
        #expect(try head.resolveMember("lyon").node == new)
        #expect(try head.resolveMember(old.description).node == old)
        #expect(throws: StoreError.self) { try head.resolveMember("nowhere") }
        try head.addMember(.random(), name: "lyon", division: "lyon", certificateSerial: "05", user: "admin")
        #expect(throws: StoreError.self, "two active nodes named lyon: ambiguous") { try head.resolveMember("lyon") }
    }

    @Test func peerStatusIsLocalAndFollowsAPeerFromItsAddressToItsNodeID() throws {
        let head = try firstNode("head")
        let lyonID = NodeID.random()
        try head.addMember(lyonID, name: "lyon", division: "lyon", certificateSerial: "02", user: "admin")
        let digest = try head.digest(), vector = try head.versionVector()
        #expect(try head.member(lyonID)?.lastContactAt == nil)

        // A peer that cannot be reached is known by its address only
        try head.recordPeerContact(node: nil, address: "10.0.0.2:7400", outcome: .failed(reason: "connection refused"), at: 1_000)
        #expect(try head.peerStatuses() == [PeerStatus(node: nil, address: "10.0.0.2:7400", lastContactAt: nil, lastSyncAt: nil,
                                                        lastError: "connection refused", lastErrorAt: 1_000, peerVersionVector: nil)])
        // Once it answers, the same row takes its node id; a sync clears the error
        try head.recordPeerContact(node: lyonID, address: "10.0.0.2:7400", outcome: .contacted, at: 2_000)
        try head.recordPeerContact(node: lyonID, address: "10.0.0.2:7400", outcome: .synced,
                                   peerVersionVector: VersionVector([lyonID: 7, head.node: 3]), at: 3_000)
        let statuses = try head.peerStatuses()
        #expect(statuses == [PeerStatus(node: lyonID, address: "10.0.0.2:7400", lastContactAt: 3_000, lastSyncAt: 3_000,
                                        lastError: nil, lastErrorAt: nil, peerVersionVector: VersionVector([lyonID: 7, head.node: 3]))])
        // Inbound contact (no address) updates the same row; a failure keeps the last sync
        try head.recordPeerContact(node: lyonID, address: nil, outcome: .failed(reason: "cut"), at: 4_000)
        let status = try #require(try head.peerStatuses().first)
        #expect(status.address == "10.0.0.2:7400" && status.lastSyncAt == 3_000 && status.lastError == "cut" && status.lastContactAt == 4_000)
        #expect(try head.member(lyonID)?.lastContactAt == 4_000)
        // Another node answering at that address takes it over
        let other = NodeID.random()
        try head.recordPeerContact(node: other, address: "10.0.0.2:7400", outcome: .contacted, at: 5_000)
        #expect(try head.peerStatuses().map(\.address) == [other, lyonID].sorted().map { $0 == other ? "10.0.0.2:7400" : nil })
        // None of this is replicated state
        #expect(try head.digest() == digest)
        #expect(try head.versionVector() == vector)
        #expect(throws: StoreError.self) { try head.recordPeerContact(node: nil, address: nil, outcome: .contacted) }
    }

    @Test func theClusterIDSurvivesReopeningAndAStandaloneNodeHasNone() throws {
        let head = try firstNode("head")
        #expect(try RedressStore.open(at: head.directory).clusterID == cluster)
        let alone = try RedressStore.create(at: directory.subdirectory("alone"), division: "retail", nodeName: "alone", user: "admin")
        #expect(alone.clusterID == nil)
        #expect(try alone.members().isEmpty)
    }
}
