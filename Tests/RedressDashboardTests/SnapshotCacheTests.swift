import RedressModel
import Testing
@testable import RedressDashboard

@Suite struct SnapshotCacheTests {
    let v1 = VersionVector([NodeID.random(): 1])
    var v2: VersionVector { v1.merged(with: VersionVector([NodeID.random(): 1])) }

    @Test func anUnchangedVersionReusesTheAnswerAndAChangedOneRecomputes() async throws {
        // Nothing counts as expensive, however slow a loaded test machine is.
        let cache = SnapshotCache<String, Int>(maxAge: .seconds(86_400), expensiveAfter: .seconds(86_400))
        #expect(try await cache.value(for: "page", version: v1) { 1 } == 1)
        #expect(try await cache.value(for: "page", version: v1) { 2 } == 1)
        // Cheap answers are never served stale.
        #expect(try await cache.value(for: "page", version: v2) { 3 } == 3)
    }

    @Test func anExpensiveAnswerIsServedWhileItsSuccessorIsComputed() async throws {
        // Every answer counts as expensive here.
        let cache = SnapshotCache<String, Int>(maxAge: .seconds(86_400), expensiveAfter: .zero)
        let newer = v2
        #expect(try await cache.value(for: "page", version: v1) { 1 } == 1)
        // The data changed: the previous answer at once, the new one computed meanwhile
        #expect(try await cache.value(for: "page", version: newer) { 2 } == 1)
        await cache.settle()
        // and served from then on.
        #expect(try await cache.value(for: "page", version: newer) { 3 } == 2)
    }

    @Test func aStaleAnswerIsNeverOlderThanMaxAge() async throws {
        let cache = SnapshotCache<String, Int>(maxAge: .zero, expensiveAfter: .zero)
        #expect(try await cache.value(for: "page", version: v1) { 1 } == 1)
        #expect(try await cache.value(for: "page", version: v1) { 2 } == 2)
    }
}
