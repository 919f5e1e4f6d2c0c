import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RedressReports
import RedressStore
import Synchronization
import Testing
@testable import RedressDashboard

@Suite struct DashboardRouterTests {
    func application(_ test: DashboardStore) -> some ApplicationProtocol {
        Application(router: DashboardRouter(store: test.store, clock: { DashboardStore.now }).router())
    }

    func get(_ test: DashboardStore, _ uri: String, method: HTTPRequest.Method = .get) async throws -> (HTTPResponse.Status, HTTPFields, String) {
        try await application(test).test(.router) { client in
            try await client.execute(uri: uri, method: method) { response in
                (response.status, response.headers, String(buffer: response.body))
            }
        }
    }

    func groups(_ json: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    }

    @Test func thePageShowsEveryDivisionSideBySideWithoutPersonalData() async throws {
        let test = try DashboardStore()
        let (status, headers, page) = try await get(test, "/")
        #expect(status == .ok)
        #expect(headers[.contentType] == "text/html; charset=utf-8")
        #expect(headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'none'") == true)
        // One bar chart per side-by-side figure, four trend charts.
        #expect(page.components(separatedBy: "<svg").count - 1 == DashboardMetric.sideBySide.count + 4)
        #expect(page.contains("id=\"division-retail\"") && page.contains("id=\"division-cards\""))
        #expect(page.contains("Cards &lt;&amp;&gt; &quot;Co&quot;"))
        #expect(!page.contains("Cards <&>"))
        // cards has no satisfaction scores: said, not charted.
        #expect(page.contains("1 division with too few complaints for this figure"))
        #expect(page.contains("too few complaints in every division for this figure"))  // no customer counts anywhere
        // Aggregates only: no complainant, contact or complaint text.
        for secret in ["Ada Moss", "ada@example.org", "Charged twice"] { #expect(!page.contains(secret)) }
        #expect(!page.contains("<script"))
    }

    @Test func theJSONEndpointGivesTheReportsFigures() async throws {
        let test = try DashboardStore()
        let expected = try test.store.report(by: .division, now: DashboardStore.now)
        let (status, headers, body) = try await get(test, "/api/kpis?by=division")
        #expect(status == .ok)
        #expect(headers[.contentType] == "application/json")
        let groups = try groups(body)
        #expect(groups.map { $0["group"] as? String } == expected.map(\.group))
        for (json, group) in zip(groups, expected) {
            #expect(json["complaints"] as? Int == group.complaints)
            #expect(json["backlog"] as? Int == group.backlog)
            #expect(json["csat_mean"] as? Double == group[.csatMean].value)
            #expect((json["resolved_within_promise"] as? Double) == group[.resolvedWithinPromise].value)
        }
        #expect(groups.first { $0["group"] as? String == "retail" }?["complaints"] as? Int == 30)
    }

    @Test func filtersNarrowEveryEndpoint() async throws {
        let test = try DashboardStore()
        let (_, _, months) = try await get(test, "/api/kpis?by=month&division=cards")
        let groups = try groups(months)
        #expect(groups.reduce(0) { $0 + ($1["complaints"] as? Int ?? 0) } == 12)
        let (_, _, trend) = try await get(test, "/api/trend?from=2026-02-01")
        let volumes = try JSONDecoder().decode([MonthlyVolume].self, from: Data(trend.utf8))
        #expect(!volumes.isEmpty)
        #expect(volumes.allSatisfy { $0.month == "2026-02" })
        let (_, _, snapshot) = try await get(test, "/api/snapshot?division=retail")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(snapshot.utf8)) as? [String: Any])
        let divisions = try #require(object["divisions"] as? [[String: Any]])
        #expect(divisions.map { $0["group"] as? String } == ["retail"])
    }

    @Test func aBadParameterIsNamed() async throws {
        let test = try DashboardStore()
        let (status, _, body) = try await get(test, "/?from=2026-02-30")
        #expect(status == .badRequest)
        #expect(body.contains("from=\"2026-02-30\"") && body.contains("YYYY-MM-DD"))
        let (byStatus, _, byBody) = try await get(test, "/api/kpis?by=weekday")
        #expect(byStatus == .badRequest)
        #expect(byBody.contains("by=") && byBody.contains("division, category, channel, month, quarter"))
        let (orderStatus, _, _) = try await get(test, "/api/kpis?from=2026-03-01&to=2026-01-01")
        #expect(orderStatus == .badRequest)
        // A parameter it does not take is refused by name, not ignored (a bookmark's typo).
        for path in ["/?divison=cards", "/api/kpis?by=division&form=2026-01-01", "/api/snapshot?x=1"] {
            let (typoStatus, _, typoBody) = try await get(test, path)
            #expect(typoStatus == .badRequest && typoBody.contains("takes no parameter") && typoBody.contains("from, to, division, by"), "\(path)")
        }
    }

    @Test func nothingButReading() async throws {
        let test = try DashboardStore()
        let before = try test.store.digest()
        for method in [HTTPRequest.Method.post, .put, .delete] {
            let (status, _, _) = try await get(test, "/", method: method)
            #expect(status != .ok)
        }
        #expect(try test.store.digest() == before)
        let (health, _, ok) = try await get(test, "/healthz")
        #expect(health == .ok && ok == "ok\n")
    }

    @Test func aNewComplaintShowsUpOnTheNextRequest() async throws {
        let test = try DashboardStore()
        // Never stale, however slow a loaded test machine makes the computation.
        let router = DashboardRouter(store: test.store, clock: { DashboardStore.now }, staleAfter: .seconds(86_400))
        let app = Application(router: router.router())
        try await app.test(.router) { client in
            func retail() async throws -> Int? {
                try await client.execute(uri: "/api/kpis", method: .get) { response in
                    try groups(String(buffer: response.body)).first { $0["group"] as? String == "retail" }?["complaints"] as? Int
                }
            }
            #expect(try await retail() == 30)
            #expect(try await retail() == 30)
            try test.add(division: "retail", at: DashboardStore.now - DashboardStore.day)
            #expect(try await retail() == 31)
        }
    }
}

extension DashboardRouterTests {
    @Test func warmingUpComputesTheDefaultPageBeforeAnyone() async throws {
        let test = try DashboardStore()
        // A clock that says how many times figures were computed.
        let computations = Counter()
        // Reused for a day: however long a loaded test machine pauses between the two.
        let router = DashboardRouter(store: test.store, clock: { computations.next() }, maxAge: .seconds(86_400))
        await router.warmUp()
        #expect(computations.value == 1)
        try await Application(router: router.router()).test(.router) { client in
            try await client.execute(uri: "/api/snapshot", method: .get) { response in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
                // The warmed-up figures, not new ones.
                #expect(object["computed_at"] as? Int == 1)
            }
        }
        #expect(computations.value == 1)
    }
}

/// Counts calls, from any thread.
final class Counter: Sendable {
    private let count = Mutex(Int64(0))
    func next() -> Int64 { count.withLock { $0 += 1; return $0 } }
    var value: Int64 { count.withLock { $0 } }
}
