import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import RedressAPI
import RedressModel
import RedressNode
import RedressStore
import Synchronization

/// `redress bench api`: the node's HTTP API under load, as a busy office
/// would use it.
///
/// One run, in a fresh folder under `directory` that it removes afterwards:
/// 1. generate `complaints` complaints (`GeneratedStore`, as `bench report`)
///    and give the largest division an agent and the node an intake
///    integration, each with an API token;
/// 2. serve the API on 127.0.0.1 (`NodeHTTPServer`, the code `redress serve`
///    runs) and drive it from `clients` concurrent keep-alive connections
///    (AsyncHTTPClient) in the same process;
/// 3. four phases of `requestsPerPhase` requests each: the agent's list of
///    open complaints (the first page, or a page after a random complaint),
///    a text search for a random name and word, one complaint with its
///    history, and complaints recorded by the integration.
/// Latencies are exact nearest-rank percentiles of every request.
public struct APIBenchmark: Sendable {
    public var complaints: Int
    public var divisions: Int
    public var clients: Int
    public var requestsPerPhase: Int
    public var directory: URL
    /// Measure this existing store instead of generating one; the recording phase adds its complaints to it.
    public var existingStore: URL?
    public var progress: @Sendable (String) -> Void

    public init(complaints: Int = 1_000_000, divisions: Int = 50, clients: Int = 32, requestsPerPhase: Int = 5_000,
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

    public func run() async throws -> APIBenchmarkResult {
        guard complaints > 0, clients > 0, requestsPerPhase > 0 else {
            throw ReportBenchmarkError.invalidParameter(name: "complaints, clients and requests", reason: "must each be at least 1")
        }
        let bench = try BenchmarkNode(directory: directory, name: "api", complaints: complaints, divisions: divisions,
                                      existingStore: existingStore, progress: progress)
        defer { bench.close() }
        let (node, admin, division, sample) = (bench.node, bench.admin, bench.division, bench.sample)
        // Named afresh for each run: a kept store (`--store`) has the accounts of earlier runs.
        let suffix = RandomText.hex(bytes: 4)
        let agent = "agent-\(suffix)", intake = "intake-\(suffix)"
        try node.addAccount(login: agent, name: "Bench Agent", division: division, role: .agent, password: nil, by: admin)
        try node.addAccount(login: intake, name: "Bench Intake", division: division, role: .intake, password: nil, by: admin)
        let agentToken = try node.createToken(for: agent, name: "bench-\(agent)", by: admin).text
        let intakeToken = try node.createToken(for: intake, name: "bench-\(intake)", by: admin).text

        let (root, client) = try await bench.serve(clients: clients)
        let base = root + "/api/v1"
        let load = Load(client: client, clients: clients, requests: requestsPerPhase)

        var random = SplitMix64(seed: 9)
        let cursors = (0..<requestsPerPhase).map { _ in Bool.random(using: &random) ? nil : sample.randomElement(using: &random)! }
        let searches = (0..<requestsPerPhase).map { _ in
            [SyntheticText.lastNames.randomElement(using: &random)!, SyntheticText.words.randomElement(using: &random)!].joined(separator: "%20")
        }
        let shows = (0..<requestsPerPhase).map { _ in sample.randomElement(using: &random)!.id }

        progress("list: \(requestsPerPhase) requests from \(clients) clients")
        let list = try await load.run(token: agentToken) { index in
            "\(base)/complaints?stage=open&limit=50" + (cursors[index].map { "&cursor=\(ComplaintCursor(receivedAt: $0.receivedAt, id: $0.id).text)" } ?? "")
        }
        progress("search: \(requestsPerPhase) requests")
        let search = try await load.run(token: agentToken) { index in "\(base)/complaints?limit=50&q=\(searches[index])" }
        progress("show: \(requestsPerPhase) requests")
        let show = try await load.run(token: agentToken) { index in "\(base)/complaints/\(shows[index])" }
        progress("record: \(requestsPerPhase) complaints")
        // Each complaint its own invented complainant and story, like the
        // generated ones: a store measured again later (`--store`) then searches
        // as a fresh one does, not past thousands of identical newest complaints.
        let bodies = try (0..<requestsPerPhase).map { _ in try Self.recordBody(using: &random) }
        let record = try await load.run(token: intakeToken, body: { bodies[$0] }) { _ in "\(base)/complaints" }
        return APIBenchmarkResult(complaints: complaints, divisions: divisions, agentDivisionComplaints: try bench.store.complaintCount(ComplaintQuery(division: division)),
                                  clients: clients, generateSeconds: bench.generateSeconds, list: list, search: search, show: show, record: record)
    }

    /// The JSON of a complaint as an integration would send it, with an
    /// invented complainant and description.
    private static func recordBody(using random: inout SplitMix64) throws -> String {
        let name = SyntheticText.firstNames.randomElement(using: &random)! + " " + SyntheticText.lastNames.randomElement(using: &random)!
        let body: [String: Any] = [
            "channel": "web-form", "category": "fees", "requested_remedy": "refund",
            "complainant": ["name": name, "contact": "complainant@example.org"],
            "description": SyntheticComplaints.description(using: &random),
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
    }

    /// `requests` requests from `clients` concurrent workers, each taking the next index.
    struct Load: Sendable {
        let client: HTTPClient
        let clients: Int
        let requests: Int

        func run(token: String, body: (@Sendable (Int) -> String)? = nil, url: @escaping @Sendable (Int) -> String) async throws -> APIBenchmarkResult.Latency {
            try await run(headers: [("Authorization", "Bearer \(token)")], body: body, url: url)
        }

        /// The requests with `headers` (a bearer token, a browser's session cookie).
        func run(headers: [(String, String)], body: (@Sendable (Int) -> String)? = nil, url: @escaping @Sendable (Int) -> String) async throws -> APIBenchmarkResult.Latency {
            let next = NextIndex()
            let start = ProcessTimes.now()
            let samples = try await withThrowingTaskGroup(of: [Double].self) { group in
                for _ in 0..<clients {
                    group.addTask {
                        var samples: [Double] = []
                        while true {
                            let index = next.take()
                            guard index < requests else { return samples }
                            var request = HTTPClientRequest(url: url(index))
                            for (name, value) in headers { request.headers.add(name: name, value: value) }
                            if let body {
                                request.method = .POST
                                request.headers.add(name: "Content-Type", value: "application/json")
                                request.body = .bytes(ByteBuffer(string: body(index)))
                            }
                            let sent = ProcessTimes.now()
                            let response = try await client.execute(request, timeout: .seconds(60))
                            _ = try await response.body.collect(upTo: 16 << 20)
                            guard (200..<300).contains(response.status.code) else {
                                throw ReportBenchmarkError.invalidParameter(name: "request \(url(index))", reason: "answered \(response.status.code)")
                            }
                            samples.append(ProcessTimes.now().since(sent).wall)
                        }
                    }
                }
                var all: [Double] = []
                for try await part in group { all += part }
                return all
            }
            return APIBenchmarkResult.Latency(samples: samples, seconds: ProcessTimes.now().since(start).wall)
        }
    }
}

/// Hands out 0, 1, 2, … to concurrent workers.
private final class NextIndex: Sendable {
    private let value = Mutex(0)

    func take() -> Int { value.withLock { value in defer { value += 1 }; return value } }
}
