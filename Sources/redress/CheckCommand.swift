import ArgumentParser
import Foundation
import RedressStore

extension Redress {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the store for damage: SQLite's integrity check plus every record's checksum.",
            discussion: """
                A record whose checksum fails is set aside and fetched again from a peer at the next sync; \
                a file SQLite reports damaged is marked, and every command refuses it until a check finds it sound. \
                Exits 0 when nothing is wrong, 1 when something is (the output says what to do).
                """)
        @OptionGroup var options: GlobalOptions
        @Flag(help: "Print the findings as JSON.")
        var json = false
        @Flag(help: "SQLite's quick_check instead of the full integrity_check (skips comparing indexes with their tables).")
        var quick = false

        func run() throws {
            var configuration = StoreConfiguration()
            configuration.opensDamagedStore = true
            let store = try RedressStore.open(at: options.dataDirectory, configuration: configuration)
            let report = try store.check(thorough: !quick)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(Self.text(report, path: store.databasePath))
            }
            if !report.isHealthy { throw ExitCode.failure }
        }

        static func text(_ report: StoreCheckReport, path: String) -> String {
            var lines = ["\(path): \(report.recordsChecked) records checked"]
            lines.append(report.sqliteProblems.isEmpty ? "SQLite: ok" : "SQLite reports the file damaged:")
            lines += report.sqliteProblems.prefix(20).map { "  \($0)" }
            if report.damagedRecords.isEmpty {
                lines.append("checksums: ok")
            } else {
                lines.append("checksums: \(report.damagedRecords.count) damaged record(s), set aside:")
                lines += report.damagedRecords.prefix(50).map { "  \($0.table) \($0.label)" }
            }
            lines.append("what to do: \(report.advice)")
            return lines.joined(separator: "\n")
        }
    }
}
