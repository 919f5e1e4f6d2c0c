import ArgumentParser
import Foundation
import RedressModel
import RedressNode
import RedressStore

extension Redress {
    struct ComplaintCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "complaint",
            abstract: "Record complaints.",
            subcommands: [Add.self])
    }
}

extension Redress.ComplaintCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a new complaint, from flags or from one JSON object on standard input.",
            discussion: """
                Example: echo '{"channel":"email","complainant":{"name":"Ada Moss","contact":"ada@example.org"},\
                "product":"Current account","category":"fees","description":"Charged twice","requested_remedy":"refund"}' \
                | redress complaint add
                The new complaint's id is the last line of the output.
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: "How it reached us (phone, email, web-form, letter, in-person, social-media, other).")
        var channel: String?
        @Option(help: ArgumentHelp("The complainant's name (personal data).", valueName: "name"))
        var name: String?
        @Option(help: ArgumentHelp("The complainant's contact (personal data).", valueName: "contact"))
        var contact: String?
        @Option(help: "The product or service complained about.")
        var product: String?
        @Option(help: "The category, from the shared taxonomy (see `redress divisions --taxonomy`).")
        var category: String?
        @Option(help: "What the complainant says went wrong.")
        var description: String?
        @Option(help: "The remedy the complainant asks for (apology, explanation, refund, …).")
        var requestedRemedy: String?
        @Option(help: "low, medium (default), high or critical.")
        var severity: String?
        @Option(help: ArgumentHelp("The division that received it (default: this node's).", valueName: "code"))
        var division: String?
        @Option(help: ArgumentHelp("When it was received, ISO 8601 (default: now).", valueName: "time"))
        var receivedAt: String?

        private var usesFlags: Bool {
            [channel, name, contact, product, category, description, requestedRemedy, severity, division, receivedAt]
                .contains { $0 != nil }
        }

        func run() throws {
            let input: NewComplaint
            if usesFlags {
                var receivedMillis: Int64?
                if let receivedAt {
                    guard let parsed = TimeFormat.parse(receivedAt) else {
                        throw ValidationError("--received-at must be an ISO 8601 time such as 2026-11-24T09:30:00Z")
                    }
                    receivedMillis = parsed
                }
                guard let channel else { throw ValidationError("missing --channel") }
                guard let name else { throw ValidationError("missing --name (the complainant's name)") }
                guard let category else { throw ValidationError("missing --category") }
                guard let description else { throw ValidationError("missing --description") }
                input = NewComplaint(channel: channel, complainant: .init(name: name, contact: contact), product: product,
                                     category: category, description: description, requestedRemedy: requestedRemedy,
                                     severity: severity, division: division, receivedAt: receivedMillis)
            } else {
                if isatty(STDIN_FILENO) != 0 {
                    throw ValidationError("give the complaint as flags (--channel, --name, --category, --description …) or pipe one JSON object to standard input")
                }
                input = try ComplaintInput.parse(FileHandle.standardInput.readDataToEndOfFile())
            }
            let (node, actor) = try options.openNode()
            let complaint = try node.record(input, by: actor)
            print("Recorded complaint for division \(complaint.division); acknowledgement due \(TimeFormat.short(complaint.ackDueAt)), response due \(TimeFormat.short(complaint.respondDueAt))")
            print(complaint.id)
        }
    }
}
