import Foundation
import RedressNode
import Testing

@Suite struct TimeFormatTests {
    /// The direct computation writes exactly what Foundation's formatter writes, for random times from 1900 to 2400.
    @Test func itWritesWhatISO8601DateFormatterWrites() {
        // A fixed seed (REDRESS_TEST_SEED replays another), printed so a failure can be replayed.
        let seed = ProcessInfo.processInfo.environment["REDRESS_TEST_SEED"].flatMap(UInt64.init) ?? 10002
        print("TimeFormatTests seed \(seed)")
        var random = SeededRandom(seed: seed)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let edges: [Int64] = [0, -1, 999, 1000, -1000, -86_400_000, 951_782_400_000, 4_107_542_400_000, -2_208_988_800_000]
        for millis in edges + (0..<2_000).map({ _ in Int64.random(in: -2_208_988_800_000...13_569_465_600_000, using: &random) }) {
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
            #expect(TimeFormat.string(millis) == expected, "\(millis)")
            #expect(TimeFormat.parse(expected).map { $0 / 1000 } == (millis >= 0 ? millis / 1000 : (millis - 999) / 1000), "\(millis)")
        }
    }
}

@Suite struct TimeFormatParseTests {
    @Test(arguments: [
        ("2026-11-24", 1_795_478_400_000), ("2026-11-24T09:30:00Z", 1_795_512_600_000),
        ("2026-11-24T09:30:00.5Z", 1_795_512_600_500), ("2026-11-24T10:30:00+01:00", 1_795_512_600_000),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
    ] as [(String, Int64)])
    func itReadsExactlyTheseForms(text: String, millis: Int64) {
        #expect(TimeFormat.parse(text) == millis)
    }

    @Test(arguments: ["2026-11-24garbage", "2026-11-24<script>", "2026-11-24T09:30:00", "2026-11-24 09:30:00Z", "2026-11-24t09:30:00z",
                      "2026-11-24T99:99:99Z", "2026-02-30T00:00:00Z", "2025-02-29", "2026-13-01", "26-11-24", "", "2026-11-24T09:30:00.Z"])
    func itRefusesEverythingElse(text: String) {
        #expect(TimeFormat.parse(text) == nil, "\(text)")
    }
}

/// SplitMix64: a small seeded generator, so a failing run can be replayed from its printed seed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
