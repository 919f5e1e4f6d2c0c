import Foundation

/// The node configuration file (`redress serve --config FILE`): JSON, every
/// key optional, every key also a flag (a flag wins over the file).
///
/// JSON rather than TOML or YAML so that reading it needs no extra package;
/// `deploy/redress.example.json` documents every key.
struct NodeConfiguration: Decodable, Equatable {
    var dataDir: String?
    var listen: String?
    var peers: [String]?
    var syncIntervalSeconds: Double?
    var maxClockDriftSeconds: Double?
    var clockWarningSeconds: Double?
    var scrubIntervalSeconds: Double?
    var user: String?
    /// `x25519` or `x25519-mlkem768` (`TLSKeyExchange`); checked when `serve` starts.
    var tlsKeyExchange: String?
    /// `HOST:PORT` of the HTTP listener (API, web pages, dashboard), or `"off"`.
    var http: String?
    /// The earlier name of `http`, still read.
    var dashboard: String?
    /// PEM files of the HTTPS certificate (chain) and its key.
    var httpCert: String?
    var httpKey: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case dataDir = "data_dir"
        case listen, peers, user, dashboard, http
        case httpCert = "http_cert"
        case httpKey = "http_key"
        case syncIntervalSeconds = "sync_interval_seconds"
        case maxClockDriftSeconds = "max_clock_drift_seconds"
        case clockWarningSeconds = "clock_warning_seconds"
        case scrubIntervalSeconds = "scrub_interval_seconds"
        case tlsKeyExchange = "tls_key_exchange"
    }

    init() {}

    /// Reads `path`, refusing unknown keys (a typo must not be ignored) with the file and the key named.
    static func load(_ path: String) throws -> NodeConfiguration {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CLIError("cannot read the configuration file \(path): \(error.localizedDescription)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CLIError("the configuration file \(path) is not a JSON object")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) && !$0.hasPrefix("_") }) {
            throw CLIError("the configuration file \(path) has an unknown key \"\(unknown)\"; known keys: \(known.sorted().joined(separator: ", "))")
        }
        do {
            return try JSONDecoder().decode(NodeConfiguration.self, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw CLIError("the configuration file \(path) has a wrong type for \"\(key)\"")
        } catch {
            throw CLIError("the configuration file \(path) cannot be read: \(error)")
        }
    }
}
