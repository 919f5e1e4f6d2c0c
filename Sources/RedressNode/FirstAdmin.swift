import Foundation
public import RedressModel
public import RedressStore

/// The node's first account: an admin, so that a fresh node works at once
/// from the command line and existing scripts that pass no `--user` keep
/// working. `init`, `init --join` and `cluster init` make it in the store's
/// first transaction; a store made before accounts existed gets it the first
/// time a command opens it.
public enum FirstAdmin {
    /// The login given (`--admin` or `--user`), else `$REDRESS_USER`, else
    /// the login name of whoever runs the command, lowercased.
    public static func login(explicit: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["REDRESS_USER"], !configured.isEmpty { return configured }
        return (environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()).lowercased()
    }

    /// Writes the admin account `login` of `division` in `tx` (no password:
    /// `redress user password LOGIN` sets one for signing in on the web).
    public static func create(in tx: LocalTransaction, login: String, division: String) throws {
        try tx.upsertAccount(login: login, name: nil, division: division, role: .admin)
    }
}

extension NodeService {
    /// Gives a store that has no account yet its first admin, `login`;
    /// returns it if it was made. Stores made before accounts existed get it on upgrade.
    public func ensureFirstAdmin(login: String) throws(NodeError) -> Account? {
        guard try run({ try store.accountCount() }) == 0 else { return nil }
        try run {
            try store.write(user: login) { tx in
                guard try tx.account(login) == nil else { return }
                try FirstAdmin.create(in: tx, login: login, division: store.division)
            }
        }
        return try account(login)
    }
}
