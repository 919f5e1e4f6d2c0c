public import Testing

/// Runs a test (or every test of a suite) on `TestThreads`, so that
/// synchronous tests holding the cooperative pool cannot stall its sessions
/// past their timeouts. For tests that run real connections with idle or
/// handshake timeouts; `OwnThreadsTraitTests` shows it works with the whole
/// cooperative pool held.
public struct OwnThreadsTrait: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(TestThreads.shared) { try await function() }
    }
}

extension Trait where Self == OwnThreadsTrait {
    /// See `OwnThreadsTrait`.
    public static var ownThreads: Self { Self() }
}
