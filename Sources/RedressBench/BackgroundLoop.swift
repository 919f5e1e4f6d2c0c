import Foundation
import Synchronization

/// Runs `body` on a thread of its own every `interval` until `stop()`.
///
/// A thread rather than a task: what the loop does (a blocking write, a read
/// of /proc) must not take a thread of the concurrency pool from the sync the
/// benchmark is measuring.
final class BackgroundLoop: Sendable {
    private struct State {
        var stopped = false
        var finished = false
        var done: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    init(every interval: TimeInterval, _ body: @escaping @Sendable () -> Void) {
        Thread.detachNewThread { [self] in
            while !self.state.withLock({ $0.stopped }) {
                body()
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

    /// Returns once the run of `body` in progress, if any, has ended; no other starts.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = self.state.withLock { state -> Bool in
                state.stopped = true
                if state.finished { return true }
                state.done = continuation
                return false
            }
            if finished { continuation.resume() }
        }
    }
}
