import Foundation
import RedressModel
import RedressStore
import Synchronization

/// Records complaints on a node at a steady pace while something else runs
/// (the benchmark's first sync), and times each write: the proof that local
/// writes never wait for the network, only for at most one batch being
/// applied (SQLite has one writer).
///
/// Runs on its own thread, not the concurrency pool, so that its blocking
/// writes do not take a thread from the sync it is measuring.
final class LocalWriteProbe: Sendable {
    struct Figures: Sendable {
        var writes = 0
        var failures = 0
        var maxSeconds = 0.0
        var totalSeconds = 0.0
    }

    private struct State {
        var figures = Figures()
        var stopped = false
        var finished = false
        var done: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Starts writing to `store` every `interval` seconds.
    init(store: RedressStore, division: String, interval: TimeInterval) {
        Thread.detachNewThread { [self] in
            var index = 0
            while !self.state.withLock({ $0.stopped }) {
                let complaint = NewComplaint(
                    channel: "phone", complainant: .init(name: "Walk-in \(index)", contact: nil), product: "Debit card",
                    category: "service", description: "Recorded while the first sync runs", division: division)
                let start = ContinuousClock.now
                let succeeded = (try? store.write(user: "bench-writer") { tx in _ = try tx.createComplaint(complaint) }) != nil
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                self.state.withLock { state in
                    if succeeded {
                        state.figures.writes += 1
                        state.figures.maxSeconds = max(state.figures.maxSeconds, seconds)
                        state.figures.totalSeconds += seconds
                    } else {
                        state.figures.failures += 1
                    }
                }
                index += 1
                Thread.sleep(forTimeInterval: interval)
            }
            let continuation = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.finished = true
                defer { state.done = nil }
                return state.done
            }
            continuation?.resume()
        }
    }

    /// Stops after the write in progress and returns the figures.
    func stop() async -> Figures {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = self.state.withLock { state -> Bool in
                state.stopped = true
                if state.finished { return true }
                state.done = continuation
                return false
            }
            if finished { continuation.resume() }
        }
        return self.state.withLock { $0.figures }
    }
}
