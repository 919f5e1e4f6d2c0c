import Dispatch
import Synchronization

/// Holds threads of a pool until released: a test fills a pool with
/// `hold()` calls, waits until they all run, and shows that other work does
/// not need that pool (or that it does, and waits).
public final class ThreadHold: Sendable {
    private let held = Mutex(0)
    private let gate = DispatchSemaphore(value: 0)
    private let entered = DispatchSemaphore(value: 0)
    private let heldSignal = AsyncStream.makeStream(of: Int.self)

    public init() {}

    /// Runs on a pool thread: counts itself in, then waits for `release(_:)`.
    public func hold() {
        heldSignal.continuation.yield(held.withLock { $0 += 1; return $0 })
        entered.signal()
        gate.wait()
    }

    /// Returns once `count` threads are inside `hold()`.
    public func waitUntilHeld(_ count: Int) async {
        for await held in heldSignal.stream where held >= count { return }
    }

    /// Blocks the calling thread until `count` threads are inside `hold()`:
    /// for a guard that must run while no async code can. One such waiter at a time.
    public func blockUntilHeld(_ count: Int) {
        for _ in 0..<count { entered.wait() }
    }

    /// Lets `count` held threads go.
    public func release(_ count: Int) {
        for _ in 0..<count { gate.signal() }
    }
}
