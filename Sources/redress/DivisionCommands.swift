import ArgumentParser
import Foundation
import RedressModel
import RedressNode

extension Redress {
    /// `redress division …`: a division's promises, calendar and holidays (admins).
    struct DivisionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "division",
            abstract: "Set a division's promises, working calendar and public holidays.",
            subcommands: [Set.self, Holidays.self, History.self])

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create a division or change its name, promises or calendar; a promise change applies to complaints received from then on.",
                discussion: """
                    Promises take a number and a unit: hours, days, weeks, working hours or working days \
                    ("2 working days", "8 weeks"). Working time counts in the division's working days and hours, \
                    in its time zone, without its public holidays.
                    """)
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The division's code.")
            var code: String
            @Option(help: "Its display name.")
            var name: String?
            @Option(help: ArgumentHelp("The acknowledgement promise, e.g. \"2 working days\".", valueName: "promise"))
            var acknowledge: String?
            @Option(help: ArgumentHelp("The response promise, e.g. \"8 weeks\".", valueName: "promise"))
            var respond: String?
            @Option(help: ArgumentHelp("The response promise once escalated to supervisor level (\"none\" removes it).", valueName: "promise"))
            var supervisorRespond: String?
            @Option(help: ArgumentHelp("The response promise once escalated to management level (\"none\" removes it).", valueName: "promise"))
            var managementRespond: String?
            @Option(help: ArgumentHelp("Its time zone, e.g. Europe/London.", valueName: "zone"))
            var timeZone: String?
            @Option(help: ArgumentHelp("Its working days, e.g. mon-fri or sun-thu.", valueName: "days"))
            var workingDays: String?
            @Option(help: ArgumentHelp("Its working hours, e.g. 09:00-17:00.", valueName: "hours"))
            var workingHours: String?

            func run() throws {
                let (node, actor) = try options.openNode()
                let changes = DivisionChanges(name: name, acknowledge: acknowledge, respond: respond,
                                              supervisorRespond: supervisorRespond, managementRespond: managementRespond,
                                              timeZone: timeZone, workingDays: workingDays, workingHours: workingHours)
                let conduct = try node.updateDivision(code: code, changes, by: actor).conduct
                print("Division \(code): \(DivisionText.promises(conduct)); \(DivisionText.calendar(conduct.calendar))")
            }
        }

        struct Holidays: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add, remove, import or list a division's public holidays (dates as YYYY-MM-DD).")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The division's code.")
            var code: String
            @Option(name: .customLong("add"), parsing: .upToNextOption, help: "Dates to add.")
            var adds: [String] = []
            @Option(name: .customLong("remove"), parsing: .upToNextOption, help: "Dates to remove.")
            var removes: [String] = []
            @Option(name: .customLong("import"), help: ArgumentHelp("A file of dates to add: a CSV whose first column is the date, or a JSON array of dates.", valueName: "file"))
            var importFile: String?

            func run() throws {
                var adds = self.adds
                if let importFile { adds += try HolidayFile.dates(atPath: importFile) }
                let (node, actor) = try options.openNode()
                if !adds.isEmpty || !removes.isEmpty {
                    try node.updateDivision(code: code, DivisionChanges(addHolidays: adds, removeHolidays: removes), by: actor)
                }
                guard let division = try node.division(code) else {
                    throw CLIError("no division \(code)")
                }
                let dates = division.conduct.calendar.holidays.sorted()
                if !adds.isEmpty || !removes.isEmpty {
                    print("Division \(code): added \(adds.count), removed \(removes.count) holiday(s); \(dates.count) in all")
                } else {
                    print(dates.isEmpty ? "Division \(code) has no public holidays" : dates.map(\.description).joined(separator: "\n"))
                }
            }
        }

        struct History: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Who changed a division's name, promises, calendar or holidays, when and how; newest first.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The division's code (every division if left out).")
            var code: String?
            @OptionGroup var output: ReferenceHistoryOutput
            func run() throws {
                let (node, actor) = try options.openNode()
                try output.print(try node.referenceHistory(under: code.map { "division/\($0)" } ?? "division", limit: output.limit, by: actor))
            }
        }
    }

    /// `redress taxonomy …`: the shared taxonomy (admins).
    struct TaxonomyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "taxonomy",
            abstract: "List, add, relabel or retire entries of the shared taxonomy, and see who changed them.",
            subcommands: [List.self, Add.self, Retire.self, History.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the live entries, of every kind or of one.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The kind: \(Taxonomy.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
            var kind: String?
            func run() throws {
                let kinds = try kind.map { [try TaxonomyKindArgument.parse($0)] } ?? Taxonomy.Kind.allCases
                let (node, _) = try options.openNode()
                var table = TextTable(["KIND", "CODE", "LABEL"])
                for kind in kinds {
                    for entry in try node.taxonomy(kind) { table.append([kind.rawValue, entry.code, entry.label]) }
                }
                print(table.render())
            }
        }

        struct History: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Who added, relabelled or retired taxonomy entries, and when; newest first.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "Only this kind's entries.")
            var kind: String?
            @Argument(help: "Only this entry.")
            var code: String?
            @OptionGroup var output: ReferenceHistoryOutput
            func run() throws {
                var subject = "taxonomy"
                if let kind { subject += "/" + (try TaxonomyKindArgument.parse(kind)).rawValue }
                if let code { subject += "/" + code }
                let (node, actor) = try options.openNode()
                try output.print(try node.referenceHistory(under: subject, limit: output.limit, by: actor))
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add an entry (or relabel an existing one).")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The kind: \(Taxonomy.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
            var kind: String
            @Argument(help: "The entry's code.")
            var code: String
            @Option(help: "The label staff see.")
            var label: String
            func run() throws {
                let kind = try TaxonomyKindArgument.parse(kind)
                let (node, actor) = try options.openNode()
                let stored = try node.saveTaxon(kind, code: code, label: label, by: actor)
                print("Taxonomy \(kind.rawValue) \(code): \(stored)")
            }
        }

        struct Retire: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Retire an entry: no new complaint may use it; existing ones keep it.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The kind: \(Taxonomy.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
            var kind: String
            @Argument(help: "The entry's code.")
            var code: String
            func run() throws {
                let kind = try TaxonomyKindArgument.parse(kind)
                let (node, actor) = try options.openNode()
                try node.retireTaxon(kind, code: code, by: actor)
                print("Retired taxonomy \(kind.rawValue) \(code)")
            }
        }
    }
}

/// A taxonomy kind as typed on the command line.
enum TaxonomyKindArgument {
    static func parse(_ text: String) throws -> Taxonomy.Kind {
        guard let kind = Taxonomy.Kind(rawValue: text) else {
            throw ValidationError("unknown taxonomy kind \"\(text)\"; kinds: \(Taxonomy.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }
}

/// A division's promises and calendar as one line of text.
enum DivisionText {
    static func promises(_ conduct: CodeOfConduct) -> String {
        var text = "acknowledge within \(conduct.acknowledge), respond within \(conduct.respond)"
        if let promise = conduct.supervisorRespond { text += ", at supervisor level within \(promise)" }
        if let promise = conduct.managementRespond { text += ", at management level within \(promise)" }
        return text
    }

    static func calendar(_ calendar: WorkingCalendar) -> String {
        "working \(WorkingCalendar.formatWorkingDays(calendar.workingDays)) "
            + "\(WorkingCalendar.formatWorkingHours(opensAt: calendar.opensAt, closesAt: calendar.closesAt)) \(calendar.timeZone.identifier)"
            + (calendar.holidays.isEmpty ? "" : ", \(calendar.holidays.count) holiday(s)")
    }
}

/// A holiday file: a CSV whose first column holds the dates (a header row
/// and blank lines are skipped), or a JSON array of date strings.
enum HolidayFile {
    static func dates(atPath path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CLIError("cannot read the holiday file \(path)")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("[") {
            guard let dates = try? JSONDecoder().decode([String].self, from: Data(trimmed.utf8)) else {
                throw CLIError("\(path): a JSON holiday file must be an array of dates such as [\"2026-12-25\"]")
            }
            return dates
        }
        var dates: [String] = []
        for (number, line) in trimmed.split(whereSeparator: \.isNewline).enumerated() {
            let first = line.split(separator: ",", maxSplits: 1).first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" \t")) } ?? ""
            if first.isEmpty { continue }
            if number == 0, LocalDate(first) == nil { continue }  // a header
            dates.append(first)
        }
        return dates
    }
}

/// How `division history` and `taxonomy history` print: a table, or JSON for scripts.
struct ReferenceHistoryOutput: ParsableArguments {
    @Flag(help: "Print a JSON array for scripts.")
    var json = false
    @Option(help: "At most this many changes (1-1000).")
    var limit = 200

    func print(_ changes: [ReferenceChange]) throws {
        if json {
            Swift.print(try JSONOutput.render(changes.map(ReferenceChangeJSON.init)))
            return
        }
        var table = TextTable(["WHEN", "WHO", "WHAT", "CHANGE"])
        for change in changes {
            table.append([TimeFormat.string(change.at) ?? "", change.user, change.subject.key, change.summary])
        }
        Swift.print(changes.isEmpty ? "No changes recorded" : table.render())
    }
}
