import Foundation
import Hummingbird
import HummingbirdTesting
import RedressTestSupport
import Synchronization
import Testing
@testable import RedressDashboard

/// Reports and dashboard snapshots run on threads of their own
/// (`Blocking.runReport`), so that a report taking seconds on a large store
/// never holds one of the threads that answer staff's pages and API calls.
@Suite struct ReportThreadsTests {
    @Test func aDashboardComputationWaitsForTheReportThreadsNotTheRequestThreads() async throws {
        let test = try DashboardStore()
        let application = Application(router: DashboardRouter(store: test.store, clock: { DashboardStore.now }).router())
        let hold = ThreadHold()
        // Both report threads are taken: a dashboard computation can only wait.
        let held = (0..<2).map { _ in Task { try await Blocking.runReport { hold.hold() } } }
        await hold.waitUntilHeld(2)

        let answered = Mutex(false)
        let request = Task {
            try await application.test(.router) { client in
                try await client.execute(uri: "/api/kpis?by=division", method: .get) { response in
                    answered.withLock { $0 = true }
                    return response.status
                }
            }
        }
        // Meanwhile the request threads answer other work at once.
        for _ in 0..<20 { #expect(try await Blocking.run { 1 } == 1) }
        // Computed on the request threads (as before), the figures would be
        // back within milliseconds; on the report threads they cannot be
        // until those are freed. The test waits up to 3 s for a wrong answer.
        for _ in 0..<30 where !answered.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!answered.withLock { $0 }, "the dashboard answered while every report thread was held")
        hold.release(2)
        #expect(try await request.value == .ok)
        for task in held { try await task.value }
    }
}
