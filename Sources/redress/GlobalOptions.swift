import ArgumentParser
import Foundation
import RedressModel
import RedressNode
import RedressStore

/// Options every command but `bench` takes, so that scripts and tests can run several nodes side by side.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "The node's data folder (default: $REDRESS_DATA_DIR, else $XDG_DATA_HOME/redress, else ~/.local/share/redress).", valueName: "path"))
    var dataDir: String?

    @Option(help: ArgumentHelp("The account acting: an active account of this node, held to its role (default: $REDRESS_USER, else the login name).",
                               valueName: "login"))
    var user: String?

    /// --data-dir, else $REDRESS_DATA_DIR, else the per-user data folder.
    var dataDirectory: URL {
        if let dataDir { return URL(fileURLWithPath: dataDir) }
        let environment = ProcessInfo.processInfo.environment
        if let fromEnvironment = environment["REDRESS_DATA_DIR"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment)
        }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("redress")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/redress")
    }

    /// --user, else $REDRESS_USER, else the login name (lowercased, as `FirstAdmin` names the first admin).
    var userName: String { FirstAdmin.login(explicit: user) }

    func openStore() throws -> RedressStore {
        try RedressStore.open(at: dataDirectory)
    }

    /// The node's operations and the account acting, held to the access matrix.
    /// A store from before accounts existed first gets its admin (see `FirstAdmin`).
    func openNode() throws -> (node: NodeService, actor: Account) {
        let node = NodeService(store: try openStore())
        if let admin = try node.ensureFirstAdmin(login: FirstAdmin.login(explicit: nil)) {
            standardError("Created the admin account \(admin.login) for division \(admin.division): this store had no accounts yet")
        }
        return (node, try node.actingAccount(userName))
    }
}

/// Writes one line to standard error (notices that scripts reading standard output should not see).
func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
