public import NIOSSL

/// The TLS 1.3 key exchange a node offers: a node setting (`tls_key_exchange`
/// in the configuration file, `--tls-key-exchange` on `serve` and `sync`).
///
/// The choice is between bytes and long-term secrecy. The post-quantum hybrid
/// X25519MLKEM768 protects recorded traffic against a future quantum
/// computer (complaints are personal data kept for years), but its key shares
/// cost about 2.3 KB per connection, more than everything else an equal-node
/// sync sends (issue 4 asks for under 4 KB; measured figures for both are in
/// docs/BENCHMARKS.md). Both settings authenticate the same way (the
/// certificates and their ECDSA P-256 signatures do not change).
///
/// Any two settings interoperate, with each other and with nodes of earlier
/// versions (which offer NIOSSL's default, X25519MLKEM768 then X25519): every
/// setting offers X25519, and the hybrid setting sends an X25519 key share
/// next to the hybrid one, so a peer that only takes X25519 answers at once
/// (no HelloRetryRequest). Two hybrid nodes always agree on the hybrid.
public enum TLSKeyExchange: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Classical X25519 ECDHE only: the smallest handshake.
    case x25519 = "x25519"
    /// X25519MLKEM768 (post-quantum hybrid) first, X25519 as the fallback.
    case x25519MLKEM768 = "x25519-mlkem768"

    /// What a node offers unless configured otherwise: X25519, so that a sync
    /// between equal nodes meets issue 4's 4 KB target. Set `x25519-mlkem768`
    /// where recorded traffic must stay secret for many years.
    public static let `default`: TLSKeyExchange = .x25519

    /// The groups offered, most preferred first (`TLSConfiguration.curves`).
    public var groups: [NIOTLSCurve] {
        switch self {
        case .x25519: [.x25519]
        case .x25519MLKEM768: [.x25519_MLKEM768, .x25519]
        }
    }

    /// The setting's name in the configuration file and on the command line.
    public var description: String { rawValue }

    /// The accepted names, for help texts and error messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
