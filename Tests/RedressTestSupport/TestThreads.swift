import Foundation
import Synchronization

/// A task executor with threads of its own, for tests whose async code must
/// not wait behind other tests.
///
/// Swift Testing runs every test of the process at once, and synchronous
/// tests (property tests, store tests) run on Swift's cooperative pool, which
/// has one thread per core: two in CI. While they hold both, an async sync
/// session's next step waits for one of them, and a session between two
/// in-process nodes can wait for longer than the peer's idle timeout (a CI run
/// cut a first sync after "nothing moved for 60 s" although the client's own
/// session lasted 114 ms). `serve` never meets this: its blocking work runs on
/// NIO's pools and its own store threads, never on the cooperative pool.
///
/// Tasks that prefer this executor (`withTaskExecutorPreference`, or the
/// `.ownThreads` trait) run their nonisolated async code, their child tasks
/// and the default actors they call on these threads instead.
public final class TestThreads: TaskExecutor, Sendable {
    /// The one shared instance: four threads, enough for the few sessions a
    /// test runs at once, started on first use and never stopped.
    public static let shared = TestThreads(threads: 4)

    private let queue = Mutex<[UnownedJob]>([])
    private let waiting = DispatchSemaphore(value: 0)

    private init(threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [self] in self.serve() }
            thread.name = "test-threads-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.append(job) }
        waiting.signal()
    }

    private func serve() {
        while true {
            waiting.wait()
            let job = queue.withLock { $0.removeFirst() }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
