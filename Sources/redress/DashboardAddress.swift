import ArgumentParser
import RedressSync

/// Where `redress serve` serves its dashboard, from the flags and the configuration file.
enum DashboardAddress {
    /// Loopback only: the dashboard has no sign-in of its own (see DashboardServer).
    static let defaultText = "127.0.0.1:7480"

    /// `--no-dashboard` wins, then `--dashboard`, then the file's `dashboard` (`"off"` turns it off), then the default.
    static func resolve(flag: String?, off: Bool, file: String?) throws -> SyncPeerAddress? {
        if off { return nil }
        let text = flag ?? file ?? defaultText
        if flag == nil, text.lowercased() == "off" { return nil }
        guard let address = SyncPeerAddress(text) else {
            let source = flag != nil ? "--dashboard" : "the configuration's \"dashboard\""
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
