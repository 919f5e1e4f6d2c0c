import ArgumentParser
import Foundation
import RedressModel
import RedressNode
import RedressStore

extension Redress {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one complaint with its whole history.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The complaint's id (or a unique prefix of it).")
        var id: String
        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let (node, actor) = try options.openNode()
            let complaint = try node.complaint(id, by: actor)
            let now = TimeFormat.nowMillis
            let record = ComplaintJSON(complaint, now: now, withHistory: true, names: try node.accountNames(for: complaint))
            if json {
                print(try JSONOutput.render(record))
                return
            }
            let rows: [(String, String?)] = [
                ("Complaint", record.id), ("Division", record.division), ("Received", record.received_at.map { "\($0) by \(record.created_by ?? "?")" }),
                ("Channel", record.channel),
                ("Complainant", record.personal_data_erased ? "(personal data erased)" : record.complainant.name),
                ("Contact", record.personal_data_erased ? nil : record.complainant.contact),
                ("Product", record.product), ("Category", record.category), ("Severity", record.severity),
                ("Description", record.description), ("Requested remedy", record.requested_remedy),
                ("Stage", complaint.stage.description),
                ("Level", "\(record.level) (\(EscalationLevel(rawValue: record.level)?.description ?? "?"))"),
                ("Assignee", record.assignee), ("Acknowledge by", record.ack_due_at), ("Acknowledged", record.acknowledged_at),
                ("Respond by", record.respond_due_at.map { due in record.respond_promise.map { "\(due) (\($0))" } ?? due }),
                ("On hold", record.on_hold ? "since \(record.held_since ?? "?")" : nil),
                ("Escalated, by", record.escalation_due_at), ("Responded", record.responded_at),
                ("Decision", record.decision), ("Remedy", record.remedy), ("Outcome", record.outcome),
                ("Redress paid", record.redress_paid.map { "\($0.amount) \($0.currency)" }), ("Root cause", record.root_cause),
                ("Closed", record.closed_at), ("First contact", record.first_contact ? "yes" : nil),
                ("CSAT", record.csat.map(String.init)), ("NPS", record.nps.map(String.init)),
                ("Referred to", record.scheme), ("Tags", complaint.tags.isEmpty ? nil : complaint.tags.joined(separator: ", ")),
                ("Overdue", record.overdue.isEmpty ? nil : record.overdue.joined(separator: ", ")),
            ]
            for (label, value) in rows {
                guard let value else { continue }
                print("\(label.padding(toLength: 17, withPad: " ", startingAt: 0)) \(value)")
            }
            print("\nHistory")
            for entry in record.history ?? [] {
                var line = "  \(entry.time ?? "?")  \(entry.user_name.map { "\($0) (\(entry.user))" } ?? entry.user)  \(entry.kind)"
                if let from = entry.from, let to = entry.to { line += ": \(from) → \(to)" }
                if let text = entry.text { line += ": \(text)" }
                print(line)
            }
        }
    }
}
