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

    /// The largest sample so far, shared with the sampling loop.
    private final class Peak: Sendable {
        let bytes = Mutex(0)
        func record(_ sample: Int) { bytes.withLock { $0 = max($0, sample) } }
    }

    private let peak = Peak()
    private let before: Int
    private let highWaterMarkReset: Bool
    private let loop: BackgroundLoop

    /// Starts measuring now.
    init() {
        before = Self.read("VmRSS") ?? 0
        highWaterMarkReset = Self.resetHighWaterMark()
        let peak = self.peak
        loop = BackgroundLoop(every: 0.01) { peak.record(Self.read("VmRSS") ?? 0) }
    }

    /// Stops sampling and returns the figures in bytes.
    func stop() async -> Figures {
        await loop.stop()
        // One last sample, at the end of the measured phase.
        peak.record(Self.read("VmRSS") ?? 0)
        let sampled = peak.bytes.withLock { $0 }
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

    static func resetHighWaterMark() -> Bool {
        #if os(Linux)
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
        #else
        return false
        #endif
    }
}
