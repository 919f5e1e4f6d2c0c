import Foundation
import Synchronization

/// The process's resident memory, for the sync benchmark's peak-memory figure.
///
/// On Linux the peak comes from the kernel: `start()` resets the high-water
/// mark (writing 5 to `/proc/self/clear_refs`) and `stop()` reads `VmHWM`
/// from `/proc/self/status`, so the figure covers exactly the measured phase
/// and no short spike between two samples is missed. `VmRSS` is also sampled
/// every 10 ms as a cross-check, and as the figure where the reset is not
/// allowed. Elsewhere only the sampled figure exists.
final class ResidentMemory: Sendable {
    /// How the peak was obtained, for the report.
    enum Method: String, Codable, Sendable {
        case highWaterMark = "VmHWM after a reset of /proc/self/clear_refs"
        case sampled = "largest VmRSS sampled every 10 ms"
    }

    struct Figures: Sendable {
        var before: Int
        var peak: Int
        var method: Method
    }

    private struct State {
        var peakSample = 0
        var stopped = false
        var done: CheckedContinuation<Void, Never>?
        var finished = false
    }

    private let state = Mutex(State())
    private let before: Int
    private let highWaterMarkReset: Bool

    /// Starts measuring now.
    init() {
        before = Self.read("VmRSS") ?? 0
        highWaterMarkReset = Self.resetHighWaterMark()
        Thread.detachNewThread { [self] in
            while true {
                let sample = Self.read("VmRSS") ?? 0
                let done = self.state.withLock { state -> Bool in
                    state.peakSample = max(state.peakSample, sample)
                    return state.stopped
                }
                if done { break }
                Thread.sleep(forTimeInterval: 0.01)
            }
            let continuation = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.finished = true
                defer { state.done = nil }
                return state.done
            }
            continuation?.resume()
        }
    }

    /// Stops sampling and returns the figures in bytes.
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
        let sampled = self.state.withLock { $0.peakSample }
        if highWaterMarkReset, let highWaterMark = Self.read("VmHWM") {
            return Figures(before: before, peak: max(highWaterMark, sampled), method: .highWaterMark)
        }
        return Figures(before: before, peak: sampled, method: .sampled)
    }

    /// A `/proc/self/status` line's value in bytes (the file gives kB).
    static func read(_ key: String) -> Int? {
        #if os(Linux)
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let number = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first
            return number.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
        #else
        return nil
        #endif
    }

    private static func resetHighWaterMark() -> Bool {
        #if os(Linux)
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
        #else
        return false
        #endif
    }
}
