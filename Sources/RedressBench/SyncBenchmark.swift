public import Foundation
import RedressModel
import RedressPKI
import RedressStore
import RedressSync
import RedressWire
import SwiftProtobuf

/// `redress bench sync`: what replication costs, in one process over
/// loopback TLS 1.3 with the settings a node runs with.
///
/// 1. **First sync of a new node.** A peer holds `complaints` complaints
///    (written a chunk per transaction, then checkpointed); a new node of the
///    same cluster syncs with it once, as `redress sync --peer` does. While
///    it runs, another thread records a complaint on the new node every
///    `localWriteInterval` and times each write, and a sampler watches the
///    process's resident memory. Afterwards a second sync brings those writes
///    to the peer and both digests must be equal, or there are no figures.
///    The payload the wire is compared with is the protobuf encoding of the
///    change messages alone, re-encoded from the sender's store after the
///    sync exactly as its batches encode them.
/// 2. **A sync between equal nodes.** `clusterNodes` nodes each record a few
///    complaints and are made equal (directly, without the network); then two
///    of them sync over TLS `equalSyncRuns` times for each pairing of the
///    two key-exchange settings (`TLSKeyExchange`: server × client, so both
///    equal pairs and both mixed ones). Each sync must move nothing.
///
/// Both nodes live in this process, so the memory figure bounds the
/// receiving node's from above.
public struct SyncBenchmark: Sendable {
    public var complaints: Int
    public var clusterNodes: Int
    /// Where the nodes' folders go (a fresh folder inside, removed afterwards).
    public var directory: URL
    /// Complaints per transaction when filling the peer.
    public var fillTransactionSize: Int
    /// Seconds between two local writes on the new node during its first sync.
    public var localWriteInterval: TimeInterval
    public var equalSyncRuns: Int
    /// Called with a short line as each phase starts.
    public var progress: @Sendable (String) -> Void

    static let division = "bench"

    public init(complaints: Int = 100_000, clusterNodes: Int = 10, directory: URL = FileManager.default.temporaryDirectory,
                fillTransactionSize: Int = 1_000, localWriteInterval: TimeInterval = 0.02, equalSyncRuns: Int = 5,
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.complaints = complaints
        self.clusterNodes = clusterNodes
        self.directory = directory
        self.fillTransactionSize = fillTransactionSize
        self.localWriteInterval = localWriteInterval
        self.equalSyncRuns = equalSyncRuns
        self.progress = progress
    }

    public func run() async throws -> SyncBenchmarkResult {
        guard complaints > 0 else { throw SyncBenchmarkError.invalidParameter(name: "complaints", reason: "must be at least 1") }
        guard clusterNodes >= 2 else { throw SyncBenchmarkError.invalidParameter(name: "cluster nodes", reason: "must be at least 2") }
        guard fillTransactionSize > 0 else { throw SyncBenchmarkError.invalidParameter(name: "transaction size", reason: "must be at least 1") }
        guard equalSyncRuns > 0 else { throw SyncBenchmarkError.invalidParameter(name: "equal sync runs", reason: "must be at least 1") }

        let workspace = directory.appendingPathComponent("redress-bench-sync-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: workspace) }
        let authority = try ClusterAuthority.create()

        var result = try await firstSync(authority: authority, workspace: workspace.appendingPathComponent("first-sync"))
        let equal = try await equalSync(authority: authority, workspace: workspace.appendingPathComponent("cluster"))
        result.clusterNodes = clusterNodes
        result.equalSyncBytes = equal.wire
        result.equalSyncFrameBytes = equal.frames
        result.equalSyncKeyExchange = TLSKeyExchange.default.rawValue
        result.equalSyncBytesX25519 = equal.wireX25519
        result.equalSyncBytesX25519MLKEM768 = equal.wireX25519MLKEM768
        result.equalSyncBytesMixed = equal.wireMixed
        result.equalSyncRuns = equalSyncRuns
        return result
    }

    // MARK: - First sync

    private func firstSync(authority: ClusterAuthority, workspace: URL) async throws -> SyncBenchmarkResult {
        let peer = try SyncBenchmarkNode(name: "peer", division: Self.division, authority: authority, in: workspace)
        progress("filling the peer with \(complaints) complaints")
        var next = 0
        while next < complaints {
            let end = min(complaints, next + fillTransactionSize)
            try peer.store.write(user: SyncBenchmarkNode.user) { tx in
                for index in next..<end {
                    let complaint = SyncBenchmarkComplaints.complaint(index, division: Self.division)
                    _ = try tx.createComplaint(complaint.input, id: complaint.id)
                }
            }
            next = end
        }
        try peer.store.checkpoint()

        let newNode = try SyncBenchmarkNode(name: "new-node", division: Self.division, authority: authority, in: workspace)
        let configuration = Self.configuration()
        let batchFields = configuration.maxBatchFields
        let interval = localWriteInterval
        progress("first sync of a new node")
        let (report, seconds, memory, writes) = try await peer.serving(configuration) { address in
            let client = try newNode.client(configuration)
            let memory = ResidentMemory()
            let writes = LocalWriteProbe(store: newNode.store, division: Self.division, interval: interval)
            let start = ContinuousClock.now
            let outcome: Result<SyncReport, SyncError>
            do throws(SyncError) {
                outcome = .success(try await client.syncOnce(with: address))
            } catch {
                outcome = .failure(error)
            }
            let elapsed = ContinuousClock.now - start
            let writeFigures = await writes.stop()
            let memoryFigures = await memory.stop()
            let report: SyncReport
            switch outcome {
            case .success(let value): report = value
            case .failure(let error): throw SyncBenchmarkError.syncIncomplete(phase: "first sync", detail: error.description)
            }
            guard report.isComplete else {
                throw SyncBenchmarkError.syncIncomplete(phase: "first sync", detail: "\(report.outcome)")
            }
            return (report, Self.seconds(elapsed), memoryFigures, writeFigures)
        }

        progress("measuring the change payload")
        // What the peer sent: its own changes above the new node's starting
        // vector (it holds no others but the new node's, filtered out).
        let received = try Self.payload(of: peer.store, origin: peer.store.node, after: report.localVectorAtStart,
                                        limit: report.changesReceived, batchFields: batchFields)
        // What the new node sent: its own changes the peer lacked, in the
        // order it sent them, as many as it sent.
        let sent = try Self.payload(of: newNode.store, origin: newNode.store.node,
                                    after: report.peerVectorAtStart ?? VersionVector(),
                                    limit: report.changesSent, batchFields: batchFields)

        progress("second sync (the writes made during the first), comparing digests")
        try await peer.serving(configuration) { address in
            let report = try await newNode.client(configuration).syncOnce(with: address)
            guard report.isComplete else { throw SyncBenchmarkError.syncIncomplete(phase: "second sync", detail: "\(report.outcome)") }
        }
        let digest = try peer.store.digest()
        guard try newNode.store.digest() == digest else { throw SyncBenchmarkError.digestMismatch(phase: "first sync") }

        let wire = report.wireBytesSent + report.wireBytesReceived
        let frames = report.frameBytesSent + report.frameBytesReceived
        let uncompressed = report.uncompressedFrameBytesSent + report.uncompressedFrameBytesReceived
        let payload = received + sent
        let megabyte = 1_048_576.0
        return SyncBenchmarkResult(
            complaints: complaints,
            firstSyncChangeMessages: report.changesReceived, firstSyncFieldChanges: report.fieldsReceived,
            firstSyncBatches: report.batchesReceived, firstSyncSeconds: seconds,
            firstSyncChangesPerSecond: Double(report.fieldsReceived) / seconds,
            firstSyncWireBytes: wire, firstSyncFrameBytes: frames, firstSyncPayloadBytes: payload,
            firstSyncUncompressedFrameBytes: uncompressed,
            frameCompressionRatio: Double(frames) / Double(max(1, uncompressed)),
            wireBytesPerChange: Double(wire) / Double(max(1, report.fieldsReceived + report.fieldsSent)),
            wireOverPayload: Double(wire) / Double(max(1, payload)),
            frameOverPayload: Double(frames) / Double(max(1, payload)),
            peakRSSMB: Double(memory.peak) / megabyte, rssBeforeSyncMB: Double(memory.before) / megabyte,
            peakRSSMethod: memory.method.rawValue,
            localWritesDuringSync: writes.writes, localWriteFailures: writes.failures,
            localWriteMaxMs: writes.maxSeconds * 1000,
            localWriteMeanMs: writes.writes > 0 ? writes.totalSeconds / Double(writes.writes) * 1000 : 0,
            clusterNodes: 0, equalSyncKeyExchange: "", equalSyncBytes: 0, equalSyncFrameBytes: 0, equalSyncBytesX25519: 0,
            equalSyncBytesX25519MLKEM768: 0, equalSyncBytesMixed: 0, equalSyncRuns: 0,
            digest: digest, personalDataSealed: try PersonalDataSealing.allSealed(in: peer.store))
    }

    /// The protobuf size of `origin`'s change messages in `store` above
    /// `vector`, the first `limit` of them, encoded in batches as a sync sends
    /// them (`ChangeBatch.wire`), counting each `Change` message alone.
    private static func payload(of store: RedressStore, origin: NodeID, after vector: VersionVector,
                                limit: Int, batchFields: Int) throws -> Int {
        var vector = vector
        var bytes = 0, counted = 0, sequence: UInt64 = 0
        let originBytes = origin.wireBytes
        while counted < limit {
            let batch = try store.changes(after: vector, maxFields: batchFields)
            if batch.isEmpty { break }
            sequence += 1
            let message = batch.wire(sequence: sequence)
            for change in message.changes where counted < limit && message.nodes[Int(change.origin)] == originBytes {
                let encoded: [UInt8] = try change.serializedBytes()
                bytes += encoded.count
                counted += 1
            }
            for (node, range) in batch.coverage { vector.counters[node] = max(vector[node], range.upTo) }
        }
        return bytes
    }

    // MARK: - Equal nodes

    private func equalSync(authority: ClusterAuthority, workspace: URL) async throws -> EqualSyncFigures {
        progress("a \(clusterNodes)-node cluster: making the nodes equal")
        let nodes = try (0..<clusterNodes).map { index in
            try SyncBenchmarkNode(name: "node-\(index + 1)", division: "division-\(index + 1)", authority: authority, in: workspace)
        }
        for (index, node) in nodes.enumerated() {
            try node.store.write(user: SyncBenchmarkNode.user) { tx in
                for offset in 0..<20 {
                    let complaint = SyncBenchmarkComplaints.complaint(index * 20 + offset, division: "division-\(index + 1)")
                    _ = try tx.createComplaint(complaint.input, id: complaint.id)
                }
            }
        }
        // Everyone into the first node, then the first node into everyone.
        for node in nodes.dropFirst() { try Self.copyAll(from: node.store, to: nodes[0].store) }
        for node in nodes.dropFirst() { try Self.copyAll(from: nodes[0].store, to: node.store) }
        let digest = try nodes[0].store.digest()
        for node in nodes {
            guard try node.store.digest() == digest else { throw SyncBenchmarkError.digestMismatch(phase: "setting up the cluster") }
        }

        progress("syncs between two equal nodes")
        let server = nodes[1], client = nodes[2]
        let runs = equalSyncRuns
        // (server's setting, client's setting) → median wire bytes, and the frames of the default pair.
        var wire: [Pair: Int] = [:]
        var frames = 0
        for serverSetting in TLSKeyExchange.allCases {
            let figures = try await server.serving(Self.configuration(serverSetting)) { address in
                var figures: [(Pair, wire: Int, frames: Int)] = []
                for clientSetting in TLSKeyExchange.allCases {
                    var wire: [Int] = [], frames: [Int] = []
                    for _ in 0..<runs {
                        let report = try await client.client(Self.configuration(clientSetting)).syncOnce(with: address)
                        guard report.isComplete else {
                            throw SyncBenchmarkError.syncIncomplete(phase: "sync between equal nodes", detail: "\(report.outcome)")
                        }
                        let moved = report.changesSent + report.changesReceived
                        guard moved == 0 else { throw SyncBenchmarkError.nodesNotEqual(moved: moved) }
                        wire.append(report.wireBytesSent + report.wireBytesReceived)
                        frames.append(report.frameBytesSent + report.frameBytesReceived)
                    }
                    figures.append((Pair(server: serverSetting, client: clientSetting), Self.median(wire), Self.median(frames)))
                }
                return figures
            }
            for figure in figures {
                wire[figure.0] = figure.wire
                if figure.0 == Pair(server: .default, client: .default) { frames = figure.frames }
            }
        }
        return EqualSyncFigures(
            wire: wire[Pair(server: .default, client: .default)] ?? 0, frames: frames,
            wireX25519: wire[Pair(server: .x25519, client: .x25519)] ?? 0,
            wireX25519MLKEM768: wire[Pair(server: .x25519MLKEM768, client: .x25519MLKEM768)] ?? 0,
            wireMixed: wire[Pair(server: .x25519, client: .x25519MLKEM768)] ?? 0)
    }

    /// The key-exchange settings of the two sides of an equal-node sync.
    private struct Pair: Hashable, Sendable {
        var server: TLSKeyExchange
        var client: TLSKeyExchange
    }

    /// Median socket bytes of equal-node syncs per key-exchange pairing.
    private struct EqualSyncFigures {
        /// Both sides with `TLSKeyExchange.default`, and that sync's protobuf frames.
        var wire: Int
        var frames: Int
        var wireX25519: Int
        var wireX25519MLKEM768: Int
        /// A hybrid client and an X25519-only server (the costlier mixed pairing:
        /// the client's unused hybrid key share still crosses the wire).
        var wireMixed: Int
    }

    /// Applies everything `source` has that `target` lacks, batch by batch, without the network.
    private static func copyAll(from source: RedressStore, to target: RedressStore) throws {
        while true {
            let batch = try source.changes(after: target.versionVector(), maxFields: 10_000)
            if batch.isEmpty { return }
            try target.apply(batch)
        }
    }

    // MARK: - Helpers

    /// The settings `redress serve` and `redress sync` run with, with the given key exchange.
    private static func configuration(_ keyExchange: TLSKeyExchange = .default) -> SyncConfiguration {
        var configuration = SyncConfiguration()
        configuration.softwareVersion = "redress bench"
        configuration.keyExchange = keyExchange
        return configuration
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    private static func median(_ values: [Int]) -> Int {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
