import NIOCore
import NIOSSL
import RedressWire

/// A configured connection as a bootstrap's initializer hands it over.
struct SyncConnectionChannel: Sendable {
    let channel: NIOAsyncChannel<Redress_Sync_V1_Envelope, Redress_Sync_V1_Envelope>
    /// Succeeds once TLS has verified the peer, with its certificate.
    let handshake: EventLoopFuture<NIOSSLCertificate?>
    let traffic: SyncTraffic
    /// The peer's address as `host:port`, read while the channel is still open.
    let peerAddress: String

    /// - Parameter peerAddress: the address dialled; `nil` for an accepted
    ///   connection, whose remote address is known already.
    init(channel: NIOAsyncChannel<Redress_Sync_V1_Envelope, Redress_Sync_V1_Envelope>, handshake: EventLoopFuture<NIOSSLCertificate?>,
         traffic: SyncTraffic, peerAddress: String?) {
        self.channel = channel
        self.handshake = handshake
        self.traffic = traffic
        self.peerAddress = peerAddress ?? Self.describe(channel.channel.remoteAddress)
    }

    static func describe(_ address: SocketAddress?) -> String {
        guard let address else { return "unknown" }
        if let ip = address.ipAddress, let port = address.port {
            return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
        }
        return "\(address)"
    }
}
