import ArgumentParser
import Foundation
import RedressModel
import RedressNode
import RedressReports
import RedressStore

extension Redress {
    /// Customer (or transaction) counts per division and month: the denominator
    /// of "complaints per 1,000 customers", replicated like everything else.
    struct Customers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record or list how many customers each division served per month.",
            subcommands: [SetCount.self, ListCounts.self])

        struct SetCount: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set", abstract: "Record a division's customers in one month.")
            @OptionGroup var options: GlobalOptions
            @Option(help: ArgumentHelp("The division.", valueName: "code"))
            var division: String
            @Option(help: ArgumentHelp("The calendar month.", valueName: "YYYY-MM"))
            var period: String
            @Option(help: ArgumentHelp("Customers (or transactions) served in that month.", valueName: "n"))
            var count: Int

            func run() throws {
                let (node, actor) = try options.openNode()
                try node.authorize(actor, .manageCustomerCounts, in: division)
                try node.store.write(user: actor.login) { tx in
                    try tx.setCustomerCount(division: division, period: period, customers: count)
                }
                print("\(division) served \(count) customers in \(period)")
            }
        }

        struct ListCounts: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the recorded customer counts.")
            @OptionGroup var options: GlobalOptions
            @Option(help: ArgumentHelp("Only this division.", valueName: "code"))
            var division: String?
            @Flag(help: "Print a JSON array for scripts.")
            var json = false

            func run() throws {
                let counts = try options.openStore().customerCounts(division: division)
                if json {
                    print(try JSONOutput.render(counts))
                    return
                }
                var table = TextTable(["DIVISION", "PERIOD", "CUSTOMERS"])
                for count in counts { table.append([count.division, count.period, String(count.customers)]) }
                print(table.render())
            }
        }
    }
}
