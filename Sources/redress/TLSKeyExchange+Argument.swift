public import ArgumentParser
import RedressSync

/// `--tls-key-exchange x25519|x25519-mlkem768` on `serve` and `sync`, and
/// the configuration file's `tls_key_exchange`.
extension TLSKeyExchange: ExpressibleByArgument {
    /// The flag wins, then the file's `tls_key_exchange`, then `TLSKeyExchange.default`.
    /// A misspelt file value is refused rather than silently replaced by the default.
    static func resolve(flag: TLSKeyExchange?, file: String?) throws -> TLSKeyExchange {
        if let flag { return flag }
        guard let file else { return .default }
        guard let setting = TLSKeyExchange(rawValue: file) else {
            throw ValidationError("the configuration's \"tls_key_exchange\" must be one of \(TLSKeyExchange.names), got \(file.debugDescription)")
        }
        return setting
    }
}
