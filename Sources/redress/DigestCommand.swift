import ArgumentParser
import RedressModel
import RedressStore

extension Redress {
    struct Digest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the digest of the replicated state: equal on two nodes exactly when their data is equal.")
        @OptionGroup var options: GlobalOptions
        func run() throws { print(try options.openStore().digest()) }
    }

    struct Divisions: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List divisions with their promises, and the shared taxonomy.")
        @OptionGroup var options: GlobalOptions
        @Flag(help: "Also print the taxonomy (channels, categories, remedies, root causes, severities).")
        var taxonomy = false
        func run() throws {
            let store = try options.openStore()
            var table = TextTable(["DIVISION", "NAME", "ACKNOWLEDGE WITHIN", "RESPOND WITHIN", "CALENDAR"])
            for division in try store.divisions() {
                table.append([division.code, division.name, division.conduct.acknowledge.description, division.conduct.respond.description,
                              DivisionText.calendar(division.conduct.calendar)])
            }
            print(table.render())
            if taxonomy {
                for kind in Taxonomy.Kind.allCases {
                    let codes = try store.taxonomy(kind)
                    print("\n\(kind.rawValue): \(codes.isEmpty ? "(none)" : codes.joined(separator: ", "))")
                }
            }
        }
    }
}


