import Foundation

/// The figures of one run of the sync benchmark (issue 4, "Speed and memory").
///
/// "Changes" are field changes, as in the store benchmark: one complaint
/// created is one change message carrying 18 field changes. Encodes to one
/// JSON object with snake_case keys (`redress bench sync --json`); `table`
/// renders it for people, with the targets.
public struct SyncBenchmarkResult: Codable, Sendable, Hashable, BenchmarkReport {
    // MARK: First sync of a new node from a peer holding `complaints` complaints.
    public var complaints: Int
    /// Change messages and field changes the new node received and applied.
    public var firstSyncChangeMessages: Int
    public var firstSyncFieldChanges: Int
    public var firstSyncBatches: Int
    /// Wall time of `syncOnce`, connection and TLS handshake included.
    public var firstSyncSeconds: Double
    /// Field changes received per second of `firstSyncSeconds`.
    public var firstSyncChangesPerSecond: Double
    /// Bytes on the socket, both directions, TLS included.
    public var firstSyncWireBytes: Int
    /// Length-prefixed protobuf frames, both directions (hellos, batches, acks, goodbyes).
    public var firstSyncFrameBytes: Int
    /// The protobuf encoding of the change messages alone, as the batches carry
    /// them (`Change` messages: node index, counter gap, time delta, payload),
    /// both directions: what the data costs before any framing.
    public var firstSyncPayloadBytes: Int
    /// The same frames before DEFLATE (`FrameCompression`), both directions.
    public var firstSyncUncompressedFrameBytes: Int
    /// Frames as sent over frames before compression.
    public var frameCompressionRatio: Double
    public var wireBytesPerChange: Double
    public var wireOverPayload: Double
    public var frameOverPayload: Double
    /// The whole process's resident memory: both nodes run in it, so this is
    /// an upper bound of the receiving node's.
    public var peakRSSMB: Double
    public var rssBeforeSyncMB: Double
    public var peakRSSMethod: String
    /// Complaints recorded on the new node while its first sync ran.
    public var localWritesDuringSync: Int
    public var localWriteFailures: Int
    public var localWriteMaxMs: Double
    public var localWriteMeanMs: Double

    // MARK: A sync between two equal nodes of a cluster of `clusterNodes`.
    public var clusterNodes: Int
    /// The key exchange nodes run with unless configured otherwise
    /// (`TLSKeyExchange.default`), which `equalSyncBytes` was measured with.
    public var equalSyncKeyExchange: String
    /// Bytes on the socket, both directions, both sides with the default settings.
    public var equalSyncBytes: Int
    /// The same sync's protobuf frames alone: what the protocol itself costs.
    public var equalSyncFrameBytes: Int
    /// Socket bytes when both sides offer only X25519 (`--tls-key-exchange x25519`).
    public var equalSyncBytesX25519: Int
    /// Socket bytes when both sides offer the post-quantum hybrid first
    /// (`--tls-key-exchange x25519-mlkem768`; they agree on the hybrid).
    public var equalSyncBytesX25519MLKEM768: Int
    /// A hybrid client with an X25519-only server: they agree on X25519, but
    /// the client's hybrid key share has crossed the wire already.
    public var equalSyncBytesMixed: Int
    /// How many equal syncs were measured (each figure is their median).
    public var equalSyncRuns: Int

    public var digest: String
    /// Whether the personal fields were stored sealed (field-level encryption on), read off the store.
    public var personalDataSealed: Bool

    /// The targets of issue 4 ("Speed and memory").
    public enum Target {
        public static let changesPerSecond = 100_000.0
        /// Issue 12: a first sync's wire bytes at most half its payload (frames are deflated).
        public static let wireOverPayload = 0.5
        public static let peakRSSMB = 300.0
        public static let equalSyncBytes = 4_096
    }

    public var meetsTargets: Bool {
        firstSyncChangesPerSecond >= Target.changesPerSecond && wireOverPayload <= Target.wireOverPayload
            && peakRSSMB < Target.peakRSSMB && equalSyncBytes < Target.equalSyncBytes && localWriteFailures == 0
    }

    enum CodingKeys: String, CodingKey {
        case complaints
        case firstSyncChangeMessages = "first_sync_change_messages"
        case firstSyncFieldChanges = "first_sync_field_changes"
        case firstSyncBatches = "first_sync_batches"
        case firstSyncSeconds = "first_sync_seconds"
        case firstSyncChangesPerSecond = "first_sync_changes_per_second"
        case firstSyncWireBytes = "first_sync_wire_bytes"
        case firstSyncFrameBytes = "first_sync_frame_bytes"
        case firstSyncPayloadBytes = "first_sync_payload_bytes"
        case firstSyncUncompressedFrameBytes = "first_sync_uncompressed_frame_bytes"
        case frameCompressionRatio = "frame_compression_ratio"
        case wireBytesPerChange = "wire_bytes_per_change"
        case wireOverPayload = "wire_over_payload"
        case frameOverPayload = "frame_over_payload"
        case peakRSSMB = "peak_rss_mb"
        case rssBeforeSyncMB = "rss_before_sync_mb"
        case peakRSSMethod = "peak_rss_method"
        case localWritesDuringSync = "local_writes_during_sync"
        case localWriteFailures = "local_write_failures"
        case localWriteMaxMs = "local_write_max_ms"
        case localWriteMeanMs = "local_write_mean_ms"
        case clusterNodes = "cluster_nodes"
        case equalSyncBytes = "equal_sync_bytes"
        case equalSyncFrameBytes = "equal_sync_frame_bytes"
        case equalSyncKeyExchange = "equal_sync_key_exchange"
        case equalSyncBytesX25519 = "equal_sync_bytes_x25519"
        case equalSyncBytesX25519MLKEM768 = "equal_sync_bytes_x25519_mlkem768"
        case equalSyncBytesMixed = "equal_sync_bytes_mixed"
        case equalSyncRuns = "equal_sync_runs"
        case digest
        case personalDataSealed = "personal_data_sealed"
    }

    /// A table for people: each figure and, for the headline ones, the target.
    public var table: String {
        func number(_ value: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", value) }
        func mark(_ ok: Bool) -> String { ok ? "ok" : "MISSED" }
        let rows: [(String, String, String)] = [
            ("first sync: complaints on the peer", "\(complaints)", ""),
            ("  personal data sealed (field-level encryption)", personalDataSealed ? "yes" : "NO", ""),
            ("  change messages / field changes received", "\(firstSyncChangeMessages) / \(firstSyncFieldChanges)", ""),
            ("  batches", "\(firstSyncBatches)", ""),
            ("  time", number(firstSyncSeconds, 2) + " s", ""),
            ("  field changes per second", number(firstSyncChangesPerSecond),
             "≥ \(Int(Target.changesPerSecond)) " + mark(firstSyncChangesPerSecond >= Target.changesPerSecond)),
            ("  bytes: wire / frames / change payload", "\(firstSyncWireBytes) / \(firstSyncFrameBytes) / \(firstSyncPayloadBytes)", ""),
            ("  wire bytes per field change", number(wireBytesPerChange, 1), ""),
            ("  wire / payload", number(wireOverPayload, 3) + "×",
             "≤ \(Target.wireOverPayload)× " + mark(wireOverPayload <= Target.wireOverPayload)),
            ("  frames / payload", number(frameOverPayload, 3) + "×", ""),
            ("  frames deflated / before (DEFLATE)", number(frameCompressionRatio, 3) + "×", ""),
            ("  peak RSS (whole process, both nodes)", number(peakRSSMB, 1) + " MB",
             "< \(Int(Target.peakRSSMB)) MB " + mark(peakRSSMB < Target.peakRSSMB)),
            ("  RSS before the sync", number(rssBeforeSyncMB, 1) + " MB", ""),
            ("  local writes during the sync (failed)", "\(localWritesDuringSync) (\(localWriteFailures))",
             mark(localWritesDuringSync > 0 && localWriteFailures == 0)),
            ("  local write latency max / mean", number(localWriteMaxMs, 1) + " / " + number(localWriteMeanMs, 1) + " ms", ""),
            ("equal nodes of a \(clusterNodes)-node cluster: wire bytes (\(equalSyncKeyExchange))", "\(equalSyncBytes)",
             "< \(Target.equalSyncBytes) " + mark(equalSyncBytes < Target.equalSyncBytes)),
            ("  of which protocol frames", "\(equalSyncFrameBytes)", ""),
            ("  wire bytes, both x25519", "\(equalSyncBytesX25519)", ""),
            ("  wire bytes, both x25519-mlkem768", "\(equalSyncBytesX25519MLKEM768)", ""),
            ("  wire bytes, x25519-mlkem768 client, x25519 server", "\(equalSyncBytesMixed)", ""),
        ]
        let lines = Self.tableLines(rows) + [
            "peak RSS method: \(peakRSSMethod); equal-sync figures: median of \(equalSyncRuns) syncs",
            meetsTargets ? "All targets met." : "Some targets missed (marked MISSED).",
        ]
        return lines.joined(separator: "\n")
    }
}
