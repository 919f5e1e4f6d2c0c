import Foundation
import RedressModel
import RedressNode
import RedressStore
import RedressTestSupport
import Testing

@Suite struct AuthenticationTests {
    @Test func signInGivesASessionThatSurvivesARestartAndEndsAtSignOut() throws {
        let fixture = try NodeFixture()
        let signedIn = try fixture.node.signIn(login: "agent-retail", password: NodeFixture.password, source: "127.0.0.1")
        #expect(signedIn.account.role == .agent)
        #expect(try fixture.node.session(secret: signedIn.sessionSecret).account.login == "agent-retail")
        // The store keeps only a hash of the secret.
        #expect(try NodeFixture.filesContain(signedIn.sessionSecret, in: fixture.node.store.directory).isEmpty)
        // A restart: a new service on the reopened store.
        let reopened = NodeFixture.service(try RedressStore.open(at: fixture.node.store.directory, configuration: fixture.clock.storeConfiguration),
                                           clock: fixture.clock)
        #expect(try reopened.session(secret: signedIn.sessionSecret).session.csrfToken == signedIn.csrfToken)
        try reopened.signOut(secret: signedIn.sessionSecret)
        #expect(throws: NodeError.self) { try reopened.session(secret: signedIn.sessionSecret) }
    }

    @Test func aSessionExpires() throws {
        let fixture = try NodeFixture()
        let signedIn = try fixture.node.signIn(login: "agent-retail", password: NodeFixture.password, source: "127.0.0.1")
        fixture.clock.advance(by: fixture.node.sessionLifetimeMillis + 1)
        let error = try #require(throws: NodeError.self) { try fixture.node.session(secret: signedIn.sessionSecret) }
        #expect(error.kind == .unauthenticated)
    }

    @Test func aWrongPasswordAndAnUnknownLoginAreRefusedAlike() throws {
        let fixture = try NodeFixture()
        for login in ["agent-retail", "nobody"] {
            let error = try #require(throws: NodeError.self) {
                try fixture.node.signIn(login: login, password: "wrong password", source: "10.0.0.\(login.count)")
            }
            #expect(error.kind == .unauthenticated)
            #expect(error.message == "wrong login or password")
        }
    }

    @Test func repeatedFailuresLockTheAccountAndTheAddressForAWhile() throws {
        let fixture = try NodeFixture()
        let limit = fixture.node.throttle.limit
        for _ in 0..<limit {
            #expect(throws: NodeError.self) { try fixture.node.signIn(login: "agent-retail", password: "guess", source: "10.0.0.9") }
        }
        // The right password no longer helps, from anywhere, and the refusal says until when.
        let locked = try #require(throws: NodeError.self) {
            try fixture.node.signIn(login: "agent-retail", password: NodeFixture.password, source: "10.0.0.10")
        }
        #expect(locked.kind == .rateLimited)
        #expect(locked.message.contains("this account") && locked.message.contains("try again after"))
        // The address is locked too, for other accounts.
        let address = try #require(throws: NodeError.self) {
            try fixture.node.signIn(login: "supervisor-retail", password: NodeFixture.password, source: "10.0.0.9")
        }
        #expect(address.kind == .rateLimited && address.message.contains("this address"))
        // After the lockout it works again.
        fixture.clock.advance(by: fixture.node.throttle.lockoutMillis + 1)
        #expect(try fixture.node.signIn(login: "agent-retail", password: NodeFixture.password, source: "10.0.0.9").account.login == "agent-retail")
    }

    @Test func aDeactivatedAccountIsRefusedEverywhereAtOnce() throws {
        let fixture = try NodeFixture()
        let session = try fixture.node.signIn(login: "agent-retail", password: NodeFixture.password, source: "127.0.0.1")
        let token = try fixture.node.createToken(for: "agent-retail", name: "phone-app", by: fixture.admin)
        let agent = try fixture.account(.agent)
        let id = try fixture.node.record(NodeFixture.complaint(), by: agent).id
        try fixture.node.deactivate("agent-retail", by: fixture.admin)
        let before = try fixture.node.store.digest()
        #expect(throws: NodeError.self) { try fixture.node.session(secret: session.sessionSecret) }
        #expect(throws: NodeError.self) { try fixture.node.account(forToken: token.text) }
        #expect(throws: NodeError.self) { try fixture.node.actingAccount("agent-retail") }
        #expect(throws: NodeError.self) { try fixture.node.signIn(login: "agent-retail", password: NodeFixture.password, source: "127.0.0.1") }
        // Even an Account value read before the deactivation can do nothing more.
        let stale = try #require(throws: NodeError.self) { try fixture.node.perform(.lifecycle(.acknowledge, .init()), on: id.description, by: agent) }
        #expect(stale.kind == .unauthenticated)
        #expect(try fixture.node.store.digest() == before)
        // Deactivation is for ever: the login cannot be created again.
        #expect(throws: NodeError.self) {
            try fixture.node.addAccount(login: "agent-retail", name: nil, division: "retail", role: .agent, password: nil, by: fixture.admin)
        }
    }

    @Test func aTokenActsAsItsAccountUntilRevokedAndOnlyItsHashIsStored() throws {
        let fixture = try NodeFixture()
        let created = try fixture.node.createToken(for: "intake-retail", name: "website", by: fixture.admin)
        #expect(created.text.hasPrefix("rdr_"))
        let account = try fixture.node.account(forToken: created.text)
        #expect(account.login == "intake-retail" && account.role == .intake)
        // The whole secret: it is base64url, so it may itself hold "_" (its last fragment alone could be two letters found anywhere).
        let secret = String(created.text.split(separator: "_", maxSplits: 2)[2])
        #expect(try NodeFixture.filesContain(secret, in: fixture.node.store.directory).isEmpty)
        // The intake account records, and cannot read what it recorded.
        let complaint = try fixture.node.record(NodeFixture.complaint(), by: account)
        #expect(try #require(throws: NodeError.self) { try fixture.node.complaint(complaint.id.description, by: account) }.kind == .notFound)
        // A forged secret with a real id is refused.
        let forged = created.text.dropLast(3) + "abc"
        #expect(throws: NodeError.self) { try fixture.node.account(forToken: String(forged)) }
        try fixture.node.revokeToken(named: "website", by: fixture.admin)
        #expect(throws: NodeError.self) { try fixture.node.account(forToken: created.text) }
        #expect(try fixture.node.tokens(by: fixture.admin).map(\.isRevoked) == [true])
    }

    @Test func aNewPasswordEndsOlderSessions() throws {
        let fixture = try NodeFixture()
        let session = try fixture.node.signIn(login: "agent-retail", password: NodeFixture.password, source: "127.0.0.1")
        fixture.clock.advance(by: 1000)
        let agent = try fixture.account(.agent)
        try fixture.node.setPassword("agent-retail", to: "another good one", by: agent)
        #expect(throws: NodeError.self) { try fixture.node.session(secret: session.sessionSecret) }
        #expect(throws: NodeError.self) { try fixture.node.signIn(login: "agent-retail", password: NodeFixture.password, source: "127.0.0.1") }
        #expect(try fixture.node.signIn(login: "agent-retail", password: "another good one", source: "127.0.0.1").account.login == "agent-retail")
        // Nobody but an admin sets another account's password.
        let refused = try #require(throws: NodeError.self) { try fixture.node.setPassword("supervisor-retail", to: "take over now", by: agent) }
        #expect(refused.kind == .forbidden)
    }

    @Test func passwordsAreCheckedForLengthAndNeverStoredInPlainText() throws {
        let fixture = try NodeFixture()
        for password in ["short", String(repeating: "x", count: 73)] {
            let error = try #require(throws: NodeError.self) {
                try fixture.node.addAccount(login: "lee", name: nil, division: "retail", role: .agent, password: password, by: fixture.admin)
            }
            #expect(error.kind == .invalid && error.field == "password")
        }
        try fixture.node.store.checkpoint()
        #expect(try NodeFixture.filesContain(NodeFixture.password, in: fixture.node.store.directory).isEmpty)
    }
}

@Suite struct UpgradeTests {
    @Test func aStoreWithoutAccountsGetsItsFirstAdminOnceAndKeepsItsDigestOtherwise() throws {
        let folder = TemporaryDirectory()
        let clock = ManualClock()
        let store = try RedressStore.create(at: folder.subdirectory("old"), division: "retail", nodeName: "old", user: "ops",
                                            configuration: clock.storeConfiguration)
        let node = NodeFixture.service(store, clock: clock)
        #expect(try store.accountCount() == 0)
        let made = try #require(try node.ensureFirstAdmin(login: "ops"))
        #expect(made.role == .admin && made.division == "retail" && made.passwordHash == nil)
        let digest = try store.digest()
        #expect(try node.ensureFirstAdmin(login: "someone-else") == nil)
        #expect(try store.digest() == digest)
        #expect(try store.accounts().map(\.login) == ["ops"])
    }
}

@Suite struct AccountAdministrationTests {
    /// A refused request is refused as such, before the password is even looked at.
    @Test func aNonAdminIsRefusedBeforeItsPasswordIsChecked() throws {
        let fixture = try NodeFixture()
        let agent = try fixture.account(.agent)
        let add = try #require(throws: NodeError.self) {
            try fixture.node.addAccount(login: "eve", name: nil, division: "retail", role: .admin, password: "short", by: agent)
        }
        #expect(add.kind == .forbidden)
        let reset = try #require(throws: NodeError.self) { try fixture.node.setPassword("supervisor-retail", to: "short", by: agent) }
        #expect(reset.kind == .forbidden)
    }
}
