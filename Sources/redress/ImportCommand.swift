import ArgumentParser
import Foundation
import RedressImport
import RedressModel
import RedressNode
import RedressStore

extension Redress {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import complaints from a CSV file: the CFPB export, or another layout described by a JSON mapping.",
            discussion: """
                Rows are written in transactions of 1,000. A bad row (unparseable date, missing required field, \
                broken quoting, a value outside the taxonomy) is reported with its line and reason, and the good \
                rows are imported. A row whose source id is already in the store is a duplicate and adds nothing, \
                so importing a file twice is harmless. Progress goes to standard error. See docs/IMPORT.md.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: ArgumentHelp("The CSV file, with a header row.", valueName: "file"))
        var file: String
        @Option(help: ArgumentHelp("`cfpb` (the CFPB Consumer Complaint Database export), or a JSON mapping file.", valueName: "cfpb|file"))
        var mapping = "cfpb"
        @Flag(help: "Print the summary as JSON: imported, duplicates, rejected and each rejected row's line and reason.")
        var json = false

        /// Rejected rows printed in the human summary; `--json` gives them all.
        static let rejectedShown = 50

        func run() throws {
            let (node, actor) = try options.openNode()
            // An import may create divisions: only a role allowed in every division may run one.
            try node.authorizeEverywhere(actor, .importComplaints)
            let store = node.store
            let importer = CSVImporter(store: store, user: actor.login) { progress in
                let line = "… \(progress.rowsDone) rows read, \(Int(progress.rowsPerSecond.rounded())) rows/s\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
            let source: CSVImporter.Mapping = mapping == "cfpb" ? .cfpb : .file(URL(fileURLWithPath: mapping))
            let summary = try importer.run(file: URL(fileURLWithPath: file), mapping: source)
            if json {
                print(try JSONOutput.render(summary))
                return
            }
            print("imported \(summary.imported), duplicates \(summary.duplicates), rejected \(summary.rejected)"
                  + " (\(Int(summary.rowsPerSecond.rounded())) rows/s); \(summary.divisionsCreated) division\(summary.divisionsCreated == 1 ? "" : "s") created")
            for row in summary.rejectedRows.prefix(Self.rejectedShown) { print("line \(row.line): \(row.reason)") }
            if summary.rejected > Self.rejectedShown {
                print("… and \(summary.rejected - Self.rejectedShown) more rejected rows (--json lists them all)")
            }
        }
    }
}
