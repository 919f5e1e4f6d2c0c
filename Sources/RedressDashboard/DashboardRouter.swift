public import Foundation
public import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore
import NIOPosix
import RedressReports
public import RedressStore

/// The dashboard's routes: the page, its data as JSON, and a health check.
///
/// Read-only by construction: only GET routes exist, and every answer comes
/// from `RedressStore.report` and friends, which read on read-only connections.
/// Answers are aggregates; no complainant's data is ever part of one.
public struct DashboardRouter: Sendable {
    let store: RedressStore
    let logger: Logger
    /// Unix ms "now"; a parameter so tests can pin backlog and overdue.
    let clock: @Sendable () -> Int64
    /// The path the routes are mounted at ("" for the root, "/dashboard" on a node), for the page's links.
    private(set) var basePath: String
    private let snapshots: SnapshotCache<DashboardQuery, DashboardSnapshot>
    private let reports: SnapshotCache<DashboardQuery, [GroupKPIs]>

    /// - Parameters:
    ///   - staleAfter: an answer that took this long may be served for up to
    ///     `maxAge` after the data changed, while its successor is computed
    ///     (see `SnapshotCache`).
    ///   - maxAge: how long an answer is reused at all (backlog and overdue move with the clock).
    public init(store: RedressStore, logger: Logger = Logger(label: "redress.dashboard"),
                clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) },
                staleAfter: Duration = .seconds(1), maxAge: Duration = .seconds(30)) {
        self.store = store
        basePath = ""
        self.logger = logger
        self.clock = clock
        snapshots = SnapshotCache(maxAge: maxAge, expensiveAfter: staleAfter)
        reports = SnapshotCache(maxAge: maxAge, expensiveAfter: staleAfter)
    }

    /// The same dashboard (sharing its caches) with its links under `path`, for mounting there.
    public func mounted(at path: String) -> DashboardRouter {
        var copy = self
        copy.basePath = path
        return copy
    }

    /// The dashboard's pages and JSON, for any request context: the node's
    /// HTTP server mounts them behind its sign-in (`RedressAPI`).
    public func routes<Context: RequestContext>(context: Context.Type = Context.self) -> RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("/") { request, _ in
            await answer(html: true) {
                let query = try DashboardQuery(parameters: Self.parameters(request))
                return .html(DashboardPage.render(try await snapshot(query.pageKey), base: basePath))
            }
        }
        routes.get("/api/snapshot") { request, _ in
            await answer(html: false) {
                let query = try DashboardQuery(parameters: Self.parameters(request))
                return try .json(try await snapshot(query.pageKey))
            }
        }
        routes.get("/api/kpis") { request, _ in
            await answer(html: false) {
                let query = try DashboardQuery(parameters: Self.parameters(request))
                return try .json(try await report(query))
            }
        }
        routes.get("/api/trend") { request, _ in
            await answer(html: false) {
                let query = try DashboardQuery(parameters: Self.parameters(request))
                return try .json(try await snapshot(query.pageKey).volumes)
            }
        }
        return routes
    }

    /// A router serving the dashboard alone with no sign-in, and a health
    /// check: for tests of the pages and figures themselves.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.addRoutes(routes())
        router.get("/healthz") { _, _ in
            Response.text(.ok, "ok\n")
        }
        return router
    }

    // MARK: - Computing, off the event loops

    /// Computes the default page (every division, all time) into the cache,
    /// on one thread: it runs as the node starts, while staff may already be
    /// at work, and should take one core, not every one. A failure is left
    /// for the first request to report.
    public func warmUp() async {
        _ = try? await snapshot(DashboardQuery(), parallelism: 1)
    }

    private func snapshot(_ query: DashboardQuery, parallelism: Int = RedressStore.defaultReportParallelism) async throws -> DashboardSnapshot {
        let version = try await Blocking.run { try store.versionVector() }
        return try await snapshots.value(for: query, version: version) { [store, clock] in
            try await Blocking.runReport {
                try DashboardSnapshot.compute(store: store, query: query, now: clock(), parallelism: parallelism)
            }
        }
    }

    private func report(_ query: DashboardQuery) async throws -> [GroupKPIs] {
        let version = try await Blocking.run { try store.versionVector() }
        return try await reports.value(for: query, version: version) { [store, clock] in
            try await Blocking.runReport { try store.report(by: query.grouping, scope: query.scope, now: clock()) }
        }
    }


    // MARK: - Answers

    /// Turns a failure into a response: a bad parameter is the caller's (400,
    /// naming it); anything else is logged and answered with a 500 that gives
    /// nothing away.
    private func answer(html: Bool, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as DashboardError {
            return html ? .text(.badRequest, "\(error)\n") : (try? .json(["error": "\(error)"], status: .badRequest)) ?? .text(.badRequest, "\(error)\n")
        } catch {
            logger.error("dashboard request failed", metadata: ["redress.reason": "\(error)"])
            return .text(.internalServerError, "the dashboard could not compute its figures; the node's log has the reason\n")
        }
    }

    static func parameters(_ request: Request) -> [String: String] {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            parameters[String(key)] = String(value)
        }
        return parameters
    }
}

extension Response {
    /// The Content-Security-Policy of every page the node serves: no scripts
    /// but the node's own files, no frames, no external loads.
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// Headers every answer carries: never cached (figures change with the
    /// data), never sniffed, and no scripts, frames or external loads allowed.
    public static func withHeaders(_ status: HTTPResponse.Status, contentType: String, body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    public static func html(_ page: String) -> Response {
        withHeaders(.ok, contentType: "text/html; charset=utf-8", body: page)
    }

    public static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        withHeaders(status, contentType: "text/plain; charset=utf-8", body: text)
    }

    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return withHeaders(status, contentType: "application/json", body: String(decoding: try encoder.encode(value), as: UTF8.self) + "\n")
    }
}
