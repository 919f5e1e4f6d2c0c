import PropertyBased
import RedressModel
import Testing

@Suite struct HybridClockTests {
    let node = NodeID("00000000-0000-4000-8000-0000000000aa")!

    @Test func ticksAreStrictlyIncreasingEvenWhenTheWallClockGoesBack() async {
        await propertyCheck(input: Gen.int(in: 0...1_000).array(of: 1...50)) { walls in
            var clock = HybridClock()
            var previous = HybridTimestamp.zero
            for wall in walls {
                let next = clock.tick(wallMillis: UInt64(wall))
                #expect(next > previous)
                previous = next
            }
        }
    }

    @Test func observingARemoteTimeOrdersLaterLocalWritesAfterIt() throws {
        var clock = HybridClock()
        let remote = HybridTimestamp(millis: 10_000, logical: 7)
        try clock.observe(remote, from: node, wallMillis: 9_000)
        #expect(clock.tick(wallMillis: 9_000) > remote)
    }

    @Test func aRemoteClockTooFarAheadIsRefusedAndNotAdopted() {
        var clock = HybridClock(maxDriftMillis: 300_000)
        let wall: UInt64 = 1_000_000
        let farAhead = HybridTimestamp(millis: wall + 300_001, logical: 0)
        #expect(throws: ClockDriftError.self) { try clock.observe(farAhead, from: node, wallMillis: wall) }
        #expect(clock.last < farAhead)
        // Just inside the bound is fine.
        #expect(throws: Never.self) { try clock.observe(HybridTimestamp(millis: wall + 300_000, logical: 0), from: node, wallMillis: wall) }
    }

    @Test func driftErrorNamesTheNodeAndTheLimit() {
        var clock = HybridClock(maxDriftMillis: 300_000)
        let error = #expect(throws: ClockDriftError.self) {
            try clock.observe(HybridTimestamp(millis: 400_000, logical: 0), from: node, wallMillis: 0)
        }
        #expect(error?.description.contains(node.description) == true)
        #expect(error?.description.contains("300 s") == true)
    }
}
