/// Where the node may serve plain HTTP: loopback only. Anywhere else,
/// passwords and session cookies would cross the network in clear text, so
/// the server serves HTTPS or does not start.
public enum HTTPSPolicy {
    /// Whether `host` is a loopback address (or `localhost`).
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Refuses plain HTTP on a non-loopback `host`, saying how to fix it.
    public static func check(host: String, port: Int, hasCertificate: Bool) throws(HTTPServerError) {
        guard hasCertificate || isLoopback(host) else { throw .plaintextOffLoopback(address: "\(host):\(port)") }
    }
}

/// Why the node's HTTP server cannot start.
public enum HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    case plaintextOffLoopback(address: String)
    case cannotListen(address: String, reason: String)
    case badCertificate(path: String, reason: String)

    public var description: String {
        switch self {
        case .plaintextOffLoopback(let address):
            "refusing to serve plain HTTP on \(address), which is not a loopback address: passwords and sessions would cross the network unencrypted. "
                + "Give --http-cert PEM --http-key PEM (or \"http_cert\"/\"http_key\" in the configuration file) to serve HTTPS, or listen on 127.0.0.1 behind a TLS proxy"
        case .cannotListen(let address, let reason):
            "cannot serve HTTP on \(address): \(reason); choose another address with --http HOST:PORT, or --no-http"
        case .badCertificate(let path, let reason):
            "cannot use the HTTPS certificate or key \(path): \(reason)"
        }
    }
}
