import ArgumentParser
import Foundation
import RedressModel
import RedressNode
import RedressStore

/// The id argument every step command takes, and the one way they run: the
/// node's `perform` (which authorises, validates and writes in one
/// transaction), then the new state.
struct ComplaintTarget: ParsableArguments {
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The complaint's id (or a unique prefix of it).")
    var id: String

    func perform(_ step: ComplaintStep, verb: String) throws {
        let (node, actor) = try options.openNode()
        let complaint = try node.perform(step, on: id, by: actor)
        print("\(verb) complaint \(complaint.id): it is \(complaint.stage.name), level \(complaint.level)")
    }

    func take(_ step: LifecycleStep, _ details: LocalTransaction.StepDetails = .init(), verb: String) throws {
        try perform(.lifecycle(step, details), verb: verb)
    }
}

extension Redress {
    struct Acknowledge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge receipt of a complaint to the complainant.")
        @OptionGroup var target: ComplaintTarget
        func run() throws { try target.take(.acknowledge, verb: "Acknowledged") }
    }

    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the initial assessment of an acknowledged complaint.")
        @OptionGroup var target: ComplaintTarget
        func run() throws { try target.take(.assess, verb: "Assessed") }
    }

    struct Investigate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start investigating a complaint.")
        @OptionGroup var target: ComplaintTarget
        func run() throws { try target.take(.investigate, verb: "Investigating") }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a complaint to someone.")
        @OptionGroup var target: ComplaintTarget
        @Option(help: ArgumentHelp("Who handles it now.", valueName: "user"))
        var to: String
        func run() throws { try target.perform(.assign(to: to), verb: "Assigned") }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a note (or a record of a communication with the complainant) to the history.")
        @OptionGroup var target: ComplaintTarget
        @Argument(help: "The note's text.")
        var text: String
        @Flag(help: "It records a communication with the complainant.")
        var communication = false
        func run() throws { try target.perform(.note(text: text, communication: communication), verb: "Noted on") }
    }

    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Escalate a complaint one level (agent → supervisor → management).")
        @OptionGroup var target: ComplaintTarget
        func run() throws { try target.perform(.escalate, verb: "Escalated") }
    }

    struct Deescalate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lower a complaint's escalation level by one (management → supervisor → agent); only that level's role or above may.")
        @OptionGroup var target: ComplaintTarget
        func run() throws { try target.perform(.deescalate, verb: "De-escalated") }
    }

    struct Respond: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the decision communicated to the complainant.")
        @OptionGroup var target: ComplaintTarget
        @Option(help: "The decision, as told to the complainant.")
        var decision: String
        @Option(help: "The remedy given (apology, explanation, refund, replacement, repair, compensation, none).")
        var remedy: String
        @Option(help: "The root cause, from the taxonomy.")
        var rootCause: String?
        @Option(help: "The outcome: \(Outcome.names).")
        var outcome: String
        @Option(help: ArgumentHelp("The redress paid, as an amount and its currency, e.g. \"50.00 GBP\" (zero is an amount).", valueName: "amount"))
        var redress: String?

        func run() throws {
            guard let outcome = Outcome(rawValue: outcome) else {
                throw ValidationError("--outcome must be one of \(Outcome.names), got \"\(outcome)\"")
            }
            var amount: MoneyAmount?
            if let redress {
                do throws(CalendarError) { amount = try MoneyAmount(parsing: redress) } catch { throw ValidationError("--redress: \(error.description)") }
            }
            try target.take(.respond, .init(decision: decision, remedy: remedy, rootCause: rootCause, outcome: outcome, redress: amount),
                            verb: "Responded to")
        }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a complaint on hold while waiting for the complainant: the response clocks stop until `resume`.")
        @OptionGroup var target: ComplaintTarget
        @Option(help: "What the organisation is waiting for, e.g. \"awaiting bank statement\".")
        var reason: String
        func run() throws { try target.perform(.hold(reason: reason), verb: "Put on hold") }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resume a complaint on hold: its response due time moves by the time it was on hold.")
        @OptionGroup var target: ComplaintTarget
        func run() throws { try target.perform(.resume, verb: "Resumed") }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a complaint, with the complainant's satisfaction if known.")
        @OptionGroup var target: ComplaintTarget
        @Option(help: "Customer satisfaction, 1–5 (ISO 10004).")
        var csat: Int?
        @Option(help: "Net promoter answer, 0–10 (ISO 10004).")
        var nps: Int?
        @Flag(help: "It was resolved at the first contact.")
        var firstContact = false
        @Option(help: "The root cause, from the taxonomy.")
        var rootCause: String?

        func validate() throws {
            let (csatScale, npsScale) = (SatisfactionScale.csat, SatisfactionScale.nps)
            if let csat, !csatScale.contains(csat) { throw ValidationError("--csat must be between \(csatScale.lowerBound) and \(csatScale.upperBound), got \(csat)") }
            if let nps, !npsScale.contains(nps) { throw ValidationError("--nps must be between \(npsScale.lowerBound) and \(npsScale.upperBound), got \(nps)") }
        }

        func run() throws {
            try target.take(.close, .init(csat: csat, nps: nps, firstContact: firstContact, rootCause: rootCause), verb: "Closed")
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a closed, withdrawn or referred complaint.")
        @OptionGroup var target: ComplaintTarget
        func run() throws { try target.take(.reopen, verb: "Reopened") }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the complainant withdrew the complaint.")
        @OptionGroup var target: ComplaintTarget
        func run() throws { try target.take(.withdraw, verb: "Withdrew") }
    }

    struct Refer: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refer a complaint to an external dispute resolution scheme (ISO 10003).")
        @OptionGroup var target: ComplaintTarget
        @Option(help: "The scheme, e.g. an ombudsman service.")
        var scheme: String
        func run() throws { try target.take(.refer, .init(scheme: scheme), verb: "Referred") }
    }

    struct ErasePersonalData: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase-personal-data",
            abstract: "Erase the complainant's personal data from this node's files; peers erase it when they sync.")
        @OptionGroup var target: ComplaintTarget
        func run() throws {
            let (node, actor) = try target.options.openNode()
            let complaint = try node.perform(.erasePersonalData, on: target.id, by: actor)
            print("Erased the personal data of complaint \(complaint.id) from \(node.store.directory.path); peers erase it when they next sync")
        }
    }

    struct Tag: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or remove tags of a complaint.")
        @OptionGroup var target: ComplaintTarget
        @Option(name: .customLong("add"), help: "A tag to add (repeatable).")
        var adds: [String] = []
        @Option(name: .customLong("remove"), help: "A tag to remove (repeatable).")
        var removes: [String] = []
        func validate() throws {
            if adds.isEmpty && removes.isEmpty { throw ValidationError("give --add TAG or --remove TAG") }
        }
        func run() throws { try target.perform(.tag(add: adds, remove: removes), verb: "Tagged") }
    }
}
