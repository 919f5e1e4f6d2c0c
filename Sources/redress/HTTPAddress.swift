import ArgumentParser
import RedressSync

/// Where `redress serve` serves HTTP (the API, the web pages, the dashboard),
/// from the flags and the configuration file.
enum HTTPAddress {
    /// Loopback by default: anywhere else needs HTTPS (`HTTPSPolicy`).
    static let defaultText = "127.0.0.1:7480"

    /// `--no-http` (or its alias `--no-dashboard`) wins, then `--http` (or
    /// `--dashboard`), then the file's `http` (or `dashboard`; `"off"` turns
    /// it off), then the default.
    static func resolve(flag: String?, off: Bool, file: String?) throws -> SyncPeerAddress? {
        if off { return nil }
        let text = flag ?? file ?? defaultText
        if flag == nil, text.lowercased() == "off" { return nil }
        guard let address = SyncPeerAddress(text) else {
            let source = flag != nil ? "--http" : "the configuration's \"http\""
            throw ValidationError("\(source) must be HOST:PORT (or \"off\" in the file), got \(text.debugDescription)")
        }
        return address
    }
}

extension SyncPeerAddress {
    /// The host as a URL writes it: IPv6 literals in brackets, and a wildcard shown as loopback so the printed link works.
    var urlHost: String {
        switch host {
        case "0.0.0.0": "127.0.0.1"
        case "::": "[::1]"
        default: host.contains(":") ? "[\(host)]" : host
        }
    }
}
