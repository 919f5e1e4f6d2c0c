import Foundation
import RedressBench
import RedressTestSupport
import Testing

/// `redress bench sync` on a small data set: the figures exist, are
/// consistent with each other, and carry the keys the issue names. (Speed is
/// measured on release builds, never asserted here.)
@Suite(.ownThreads) struct SyncBenchmarkSmokeTests {
    @Test func smallRunProducesConsistentFigures() async throws {
        var benchmark = SyncBenchmark(complaints: 300, clusterNodes: 3, localWriteInterval: 0.005, equalSyncRuns: 1)
        let result = try await benchmark.run()

        #expect(result.complaints == 300)
        #expect(result.firstSyncChangeMessages >= 300)
        #expect(result.firstSyncFieldChanges >= 300 * 18)
        #expect(result.firstSyncPayloadBytes > 300 * 200)  // each complaint carries a ~200-byte description
        // Frames are deflated: smaller than before compression, and than the payload they carry.
        #expect(result.firstSyncUncompressedFrameBytes > result.firstSyncPayloadBytes)
        #expect(result.firstSyncFrameBytes < result.firstSyncUncompressedFrameBytes)
        #expect(result.frameCompressionRatio > 0 && result.frameCompressionRatio < 0.8)
        #expect(result.firstSyncWireBytes > result.firstSyncFrameBytes)
        #expect(result.wireOverPayload > 0.3 && result.wireOverPayload < 1)
        #expect(result.peakRSSMB > 0)
        #expect(result.localWriteFailures == 0)
        #expect(result.equalSyncFrameBytes > 0)
        #expect(result.equalSyncBytes > result.equalSyncFrameBytes)
        // The default key exchange is X25519; the post-quantum hybrid adds its two key shares
        // (about 2.3 KB), and a hybrid client with an X25519 server only its own (about 1.2 KB)
        #expect(result.equalSyncKeyExchange == "x25519")
        #expect(abs(result.equalSyncBytesX25519 - result.equalSyncBytes) < 50)
        #expect(result.equalSyncBytesX25519MLKEM768 > result.equalSyncBytesX25519 + 2_000)
        #expect(result.equalSyncBytesMixed > result.equalSyncBytesX25519 + 1_000)
        #expect(result.equalSyncBytesMixed < result.equalSyncBytesX25519MLKEM768 - 900)
        #expect(result.digest.count == 64)
        #expect(result.personalDataSealed, "the peer holds the personal fields sealed")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.json().utf8)) as? [String: Any])
        for key in ["first_sync_changes_per_second", "wire_over_payload", "frame_compression_ratio", "peak_rss_mb", "equal_sync_bytes",
                    "equal_sync_bytes_x25519", "equal_sync_bytes_x25519_mlkem768", "equal_sync_bytes_mixed"] {
            #expect(json[key] is NSNumber, "missing \(key)")
        }
        #expect(result.table.contains("wire / payload"))
    }
}
