import Crypto
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random 96-bit AES-GCM nonces, drawn from the system's random source a
/// few hundred at a time.
///
/// Every sealed personal value needs a fresh nonce. `AES.GCM.Nonce()` fills
/// its 12 bytes from Swift's `SystemRandomNumberGenerator`, one system call
/// per 8 bytes, which was about a tenth of sealing a value (`perf`,
/// `bench store`). Drawing 3 KiB with one `arc4random_buf` gives the same
/// uniformly random nonces for one system call per 256 values. (A writer key
/// is reused across processes and restarts, so a counter would not be safe.)
/// Nonces are not secret; the buffer only saves calls.
final class NonceSource: Sendable {
    static let shared = NonceSource()

    private static let noncesPerRefill = 256
    private static let nonceByteCount = 12

    private struct State {
        var bytes: [UInt8] = []
        var next = 0
    }

    private let state = Mutex(State())

    func next() -> AES.GCM.Nonce {
        state.withLock { state in
            if state.next == state.bytes.count {
                state.bytes = Self.randomBytes(Self.noncesPerRefill * Self.nonceByteCount)
                state.next = 0
            }
            defer { state.next += Self.nonceByteCount }
            return try! AES.GCM.Nonce(data: state.bytes[state.next..<(state.next + Self.nonceByteCount)])
        }
    }

    /// `count` bytes from the kernel's random source in one call
    /// (`arc4random_buf`: glibc 2.36 and later fill it with `getrandom`).
    private static func randomBytes(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            arc4random_buf(buffer.baseAddress!, count)
            initialized = count
        }
    }
}
