import Logging
import Synchronization

/// Lets at most `limit` lines of one kind through per `window`, and then says
/// how many it held back: a flood of bad connections must not flood the log
/// (or the disk under it) too.
final class LogThrottle: Sendable {
    private struct State {
        var windowStart: ContinuousClock.Instant
        var passed = 0
        var suppressed = 0
    }

    let limit: Int
    let window: Duration
    private let state: Mutex<State>

    init(limit: Int = 20, window: Duration = .seconds(10)) {
        self.limit = limit
        self.window = window
        self.state = Mutex(State(windowStart: .now))
    }

    /// Logs through `emit` unless this window's lines are used up; the first
    /// line of a later window first reports how many were held back.
    func log(_ logger: Logger, _ emit: (Logger) -> Void) {
        let (pass, heldBack): (Bool, Int) = state.withLock { state in
            let now = ContinuousClock.now
            var heldBack = 0
            if now - state.windowStart >= window {
                heldBack = state.suppressed
                state = State(windowStart: now)
            }
            guard state.passed < limit else {
                state.suppressed += 1
                return (false, heldBack)
            }
            state.passed += 1
            return (true, heldBack)
        }
        if heldBack > 0 {
            logger.warning("held back similar log lines", metadata: ["redress.suppressed": "\(heldBack)", "redress.window": "\(window)"])
        }
        if pass { emit(logger) }
    }
}
