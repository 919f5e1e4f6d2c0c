import ArgumentParser
import Foundation
import RedressModel
import RedressStore

/// Options every command takes, so that scripts and tests can run several nodes side by side.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("The node's data folder.", valueName: "path"))
    var dataDir: String?

    @Option(help: ArgumentHelp("Who is acting, for the record (default: the login name).", valueName: "name"))
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

    var userName: String {
        if let user, !user.isEmpty { return user }
        let environment = ProcessInfo.processInfo.environment
        return environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
    }

    func openStore() throws -> RedressStore {
        try RedressStore.open(at: dataDirectory)
    }
}
