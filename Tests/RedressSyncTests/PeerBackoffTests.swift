import RedressSync
import Testing

@Suite struct PeerBackoffTests {
    @Test func aPeerThatAnswersIsTriedAtTheInterval() {
        var backoff = PeerBackoff(interval: .seconds(30))
        #expect(backoff.nextDelay == .seconds(30))
        backoff.succeeded()
        #expect(backoff.nextDelay == .seconds(30))
    }

    @Test func aPeerThatIsDownIsTriedLessAndLessOftenUpToTheCap() {
        var backoff = PeerBackoff(interval: .seconds(30), maximum: .seconds(300))
        var delays: [Duration] = []
        for _ in 0..<6 {
            backoff.failed()
            delays.append(backoff.nextDelay)
        }
        #expect(delays == [.seconds(60), .seconds(120), .seconds(240), .seconds(300), .seconds(300), .seconds(300)])
        backoff.succeeded()
        #expect(backoff.nextDelay == .seconds(30))
    }

    @Test func theCapIsNeverBelowTheInterval() {
        var backoff = PeerBackoff(interval: .seconds(60), maximum: .seconds(10))
        backoff.failed()
        #expect(backoff.nextDelay == .seconds(60))
    }

    @Test func aPeerHeardFromIsTriedAgainAtTheInterval() {
        var backoff = PeerBackoff(interval: .seconds(1), maximum: .seconds(600))
        for _ in 0..<12 { backoff.failed() }
        #expect(backoff.isBackingOff)
        #expect(backoff.nextDelay == .seconds(600))
        backoff.heardFrom()
        #expect(!backoff.isBackingOff)
        #expect(backoff.nextDelay == .seconds(1))
    }
}
