import ArgumentParser
import Foundation
import RedressModel
import RedressStore

extension Redress {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an empty store for this node: the default taxonomy, its division and promises, no complaints.")

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("This node's division (subsidiary) code.", valueName: "code"))
        var division: String

        @Option(help: ArgumentHelp("The division's display name (default: the code).", valueName: "name"))
        var divisionName: String?

        @Option(help: ArgumentHelp("This node's name (default: the host name).", valueName: "name"))
        var nodeName: String?

        func run() throws {
            let store = try RedressStore.create(
                at: options.dataDirectory, division: division, divisionName: divisionName,
                nodeName: nodeName ?? ProcessInfo.processInfo.hostName, user: options.userName)
            print("Created a Redress store for division \(store.division) in \(store.directory.path)")
            print("Node \(store.nodeName) has id \(store.node)")
        }
    }
}
