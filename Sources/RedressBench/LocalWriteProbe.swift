import Foundation
import RedressModel
import RedressStore
import Synchronization

/// Records complaints on a node at a steady pace while something else runs
/// (the benchmark's first sync), and times each write: the proof that local
/// writes never wait for the network, only for at most one batch being
/// applied (SQLite has one writer).
///
/// Runs on its own thread (`BackgroundLoop`), so that its blocking writes do
/// not take a thread from the sync it is measuring.
final class LocalWriteProbe: Sendable {
    struct Figures: Sendable {
        var writes = 0
        var failures = 0
        var maxSeconds = 0.0
        var totalSeconds = 0.0
    }

    /// What the loop counts, shared with it.
    private final class Tally: Sendable {
        let figures = Mutex(Figures())
        let writesStarted = Mutex(0)
    }

    private let tally = Tally()
    private let loop: BackgroundLoop

    /// Starts writing to `store` every `interval` seconds.
    init(store: RedressStore, division: String, interval: TimeInterval) {
        let tally = self.tally
        loop = BackgroundLoop(every: interval) {
            let number = tally.writesStarted.withLock { value -> Int in defer { value += 1 }; return value }
            let complaint = NewComplaint(
                channel: "phone", complainant: .init(name: "Walk-in \(number)", contact: nil), product: "Debit card",
                category: "service", description: "Recorded while the first sync runs", division: division)
            let start = ContinuousClock.now
            let succeeded = (try? store.write(user: "bench-writer") { tx in _ = try tx.createComplaint(complaint) }) != nil
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            tally.figures.withLock { figures in
                if succeeded {
                    figures.writes += 1
                    figures.maxSeconds = max(figures.maxSeconds, seconds)
                    figures.totalSeconds += seconds
                } else {
                    figures.failures += 1
                }
            }
        }
    }

    /// Stops after the write in progress and returns the figures.
    func stop() async -> Figures {
        await loop.stop()
        return tally.figures.withLock { $0 }
    }
}
