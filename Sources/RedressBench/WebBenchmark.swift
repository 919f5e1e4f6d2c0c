import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOPosix
import RedressAPI
import RedressModel
import RedressNode
import RedressStore

/// `redress bench web`: the staff workspace's pages under load, as a busy
/// office's browsers ask for them.
///
/// One run, in a fresh folder under `directory` that it removes afterwards:
/// generate `complaints` complaints (`GeneratedStore`), give the largest
/// division an agent signed in with a browser session (its cookie), serve
/// the node's HTTP listener on 127.0.0.1 and drive it from `clients`
/// concurrent keep-alive connections in the same process, in three phases of
/// `requestsPerPhase` requests (after `clients` × 20 unmeasured inbox pages
/// that warm the readers' page caches): the inbox (the division's open complaints
/// with every queue's count, the first page or a later one), a text search
/// in the inbox, and a complaint's page with its history and step forms.
/// Each request is the whole server-side page (queries and templates);
/// latencies are exact nearest-rank percentiles of every request.
public struct WebBenchmark: Sendable {
    public var complaints: Int
    public var divisions: Int
    public var clients: Int
    public var requestsPerPhase: Int
    public var directory: URL
    /// Measure this existing store (a data folder, such as `bench report --keep-store` leaves) instead of generating one; it gains the bench's agent.
    public var existingStore: URL?
    public var progress: @Sendable (String) -> Void

    public init(complaints: Int = 1_000_000, divisions: Int = 50, clients: Int = 16, requestsPerPhase: Int = 3_000,
                directory: URL = FileManager.default.temporaryDirectory, existingStore: URL? = nil,
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.existingStore = existingStore
        self.complaints = complaints
        self.divisions = divisions
        self.clients = clients
        self.requestsPerPhase = requestsPerPhase
        self.directory = directory
        self.progress = progress
    }

    public func run() async throws -> WebBenchmarkResult {
        guard complaints > 0, clients > 0, requestsPerPhase > 0 else {
            throw ReportBenchmarkError.invalidParameter(name: "complaints, clients and requests", reason: "must each be at least 1")
        }
        let bench = try BenchmarkNode(directory: directory, name: "web", complaints: complaints, divisions: divisions,
                                      existingStore: existingStore, progress: progress)
        defer { bench.close() }
        let (node, store, division, sample) = (bench.node, bench.store, bench.division, bench.sample)
        let password = RandomText.hex(bytes: 16)
        let login = "agent-\(RandomText.hex(bytes: 4))"
        try node.addAccount(login: login, name: "Bench Agent", division: division, role: .agent, password: password, by: bench.admin)
        let session = try node.signIn(login: login, password: password, source: "127.0.0.1")
        let cookie = [("Cookie", "redress_session=\(session.sessionSecret)")]

        let (base, client) = try await bench.serve(clients: clients)
        let load = APIBenchmark.Load(client: client, clients: clients, requests: requestsPerPhase)

        var random = SplitMix64(seed: 10)
        let cursors = (0..<requestsPerPhase).map { _ in Bool.random(using: &random) ? nil : sample.randomElement(using: &random)! }
        let searches = (0..<requestsPerPhase).map { _ in
            [SyntheticText.lastNames.randomElement(using: &random)!, SyntheticText.words.randomElement(using: &random)!].joined(separator: "+")
        }
        let shows = (0..<requestsPerPhase).map { _ in sample.randomElement(using: &random)!.id }

        // Unmeasured first: each reader connection fills its page cache, as a node's do in its first minutes of a day.
        progress("warm-up: \(clients * 20) inbox pages, not measured")
        _ = try await APIBenchmark.Load(client: client, clients: clients, requests: clients * 20).run(headers: cookie) { index in
            "\(base)/?queue=all&stage=open&sort=oldest" + (cursors[index % cursors.count].map { "&after=\(ComplaintCursor(receivedAt: $0.receivedAt, id: $0.id).text)" } ?? "")
        }
        progress("inbox: \(requestsPerPhase) pages from \(clients) clients")
        let inbox = try await load.run(headers: cookie) { index in
            "\(base)/?queue=all&stage=open&sort=oldest" + (cursors[index].map { "&after=\(ComplaintCursor(receivedAt: $0.receivedAt, id: $0.id).text)" } ?? "")
        }
        progress("search: \(requestsPerPhase) pages")
        let search = try await load.run(headers: cookie) { index in "\(base)/?queue=all&q=\(searches[index])" }
        progress("complaint: \(requestsPerPhase) pages")
        let complaint = try await load.run(headers: cookie) { index in "\(base)/complaints/\(shows[index])" }
        return WebBenchmarkResult(complaints: try store.complaintCount(), divisions: try store.divisions().count,
                                  agentDivisionComplaints: try store.complaintCount(ComplaintQuery(division: division)),
                                  clients: clients, generateSeconds: bench.generateSeconds, inbox: inbox, search: search, complaint: complaint)
    }
}
