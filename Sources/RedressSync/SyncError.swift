public import RedressWire

/// Why `SyncClient.syncOnce(with:)` did not complete a sync.
///
/// A struct over codes rather than an enum so that codes can be added
/// without breaking callers. Descriptions name addresses, node ids and
/// reasons, never complaint data.
public struct SyncError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: Hashable { case connect, tlsHandshake, peerIdentity, session, store }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No TCP connection (refused, unreachable, timed out).
        public static let connect = Code(.connect)
        /// The TLS handshake failed: a certificate not from the cluster CA,
        /// expired, or the peer refused ours.
        public static let tlsHandshake = Code(.tlsHandshake)
        /// The peer's certificate carries no valid node id.
        public static let peerIdentity = Code(.peerIdentity)
        /// The session started and ended early; see `report`.
        public static let session = Code(.session)
        /// This node's store failed.
        public static let store = Code(.store)

        public var description: String {
            switch base {
            case .connect: "connect"
            case .tlsHandshake: "tls-handshake"
            case .peerIdentity: "peer-identity"
            case .session: "session"
            case .store: "store"
            }
        }
    }

    public let code: Code
    /// `host:port` of the peer.
    public let peerAddress: String
    public let detail: String
    /// What the session did before it ended (for `.session`).
    public let report: SyncReport?

    public init(_ code: Code, peerAddress: String, _ detail: String, report: SyncReport? = nil) {
        self.code = code
        self.peerAddress = peerAddress
        self.detail = detail
        self.report = report
    }

    /// The reason code the peer sent or this node sent, if the session ended with one.
    public var failure: SyncFailure? {
        switch report?.outcome {
        case .ended(.refused(let failure))?, .ended(.refusedByPeer(let failure))?: failure
        default: nil
        }
    }

    public var description: String { "sync with \(peerAddress) failed: \(detail)" }
}
