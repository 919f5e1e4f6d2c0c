import Foundation
import RedressModel
import RedressNode
import RedressStore
import RedressTestSupport
import Testing

@Suite struct AccountReplicationTests {
    @Test func anAccountMadeOnOneNodeSignsInOnAnotherAndHistoryNamesItOnBoth() throws {
        let head = try NodeFixture(accounts: false, directory: "head")
        let branchStore = try RedressStore.create(at: head.folder.subdirectory("branch"), division: "north", nodeName: "branch",
                                                  defaultsYield: true, user: "root", configuration: head.clock.storeConfiguration) { tx in
            try FirstAdmin.create(in: tx, login: "root", division: "north")
        }
        let branch = NodeFixture.service(branchStore, clock: head.clock)
        try NodeFixture.sync(from: branch.store, to: head.node.store)
        try head.node.addAccount(login: "sam", name: "Sam Lee", division: "north", role: .agent, password: NodeFixture.password, by: head.admin)
        try NodeFixture.sync(from: head.node.store, to: branch.store)

        let signedIn = try branch.signIn(login: "sam", password: NodeFixture.password, source: "127.0.0.1")
        let id = try branch.record(NodeFixture.complaint(), by: signedIn.account).id
        try branch.perform(.lifecycle(.acknowledge, .init()), on: id.description, by: signedIn.account)
        try NodeFixture.sync(from: branch.store, to: head.node.store)
        for node in [head.node, branch] {
            let complaint = try node.store.complaint(id)
            #expect(complaint.history.map(\.event.user) == ["sam"])
            let json = ComplaintJSON(complaint, now: head.clock.now, withHistory: true, names: try node.accountNames(for: complaint))
            #expect(json.history?.map(\.user_name) == ["Sam Lee"])
            #expect(json.created_by == "sam")
        }
        #expect(try head.node.store.digest() == branch.store.digest())
    }

    @Test func theSameLoginMadeOnTwoNodesApartIsOneAccountAndDeactivationWins() throws {
        let a = try NodeFixture(accounts: false, directory: "a")
        let bStore = try RedressStore.create(at: a.folder.subdirectory("b"), division: "retail", nodeName: "b",
                                             user: "root", configuration: a.clock.storeConfiguration) { tx in
            try FirstAdmin.create(in: tx, login: "root", division: "retail")
            try tx.upsertDivision(code: "north", name: "North", conduct: .default)
        }
        let b = NodeFixture.service(bStore, clock: a.clock)
        let bAdmin = try b.actingAccount("root")
        try a.node.addAccount(login: "kim", name: "Kim A", division: "retail", role: .agent, password: nil, by: a.admin)
        a.clock.advance(by: 10)
        try b.addAccount(login: "kim", name: "Kim B", division: "retail", role: .supervisor, password: nil, by: bAdmin)
        try a.node.deactivate("kim", by: a.admin)
        try NodeFixture.sync(from: a.node.store, to: b.store)
        try NodeFixture.sync(from: b.store, to: a.node.store)
        for node in [a.node, b] {
            let kim = try #require(try node.store.account("kim"))
            // The later write wins each field; the deactivation, made before it, still wins.
            #expect(kim.name == "Kim B" && kim.role == .supervisor && !kim.isActive)
            #expect(try node.store.accounts().filter { $0.login == "kim" }.count == 1)
        }
        #expect(try a.node.store.digest() == b.store.digest())
    }
}
