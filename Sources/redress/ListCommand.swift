import ArgumentParser
import Foundation
import RedressModel
import RedressNode
import RedressStore

extension Redress {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List complaints, oldest first.")

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("Only this stage (\(ComplaintQuery.stageNames.joined(separator: ", "))).", valueName: "stage"))
        var stage: String?
        @Flag(help: "Only complaints that break a promise now (acknowledgement or response overdue).")
        var overdue = false
        @Option(help: "Only this category.")
        var category: String?
        @Option(help: "Only complaints assigned to this user.")
        var assignee: String?
        @Option(help: ArgumentHelp("Only this division.", valueName: "code"))
        var division: String?
        @Option(help: ArgumentHelp("Only complaints whose complainant's name or contact, description, decision or notes hold every word of this text (whole words; a name also by its first three letters or more). Finds only what this node can read.", valueName: "words"))
        var search: String?
        @Option(help: "At most this many complaints.")
        var limit: Int?
        @Flag(help: "Print a JSON array for scripts.")
        var json = false

        func run() throws {
            let (node, actor) = try options.openNode()
            let now = TimeFormat.nowMillis
            let complaints = try node.complaints(ComplaintQuery(
                stage: stage, overdueAt: overdue ? now : nil, category: category, assignee: assignee, division: division,
                text: search, limit: limit), by: actor)
            if json {
                print(try JSONOutput.render(complaints.map { ComplaintJSON($0, now: now, withHistory: false) }))
                return
            }
            var table = TextTable(["ID", "RECEIVED", "DIVISION", "STAGE", "LVL", "CATEGORY", "ASSIGNEE", "NEXT DUE", "OVERDUE"])
            for complaint in complaints {
                let nextDue = complaint.stage.stage == .received && complaint.acknowledgedAt == nil ? complaint.ackDueAt
                    : complaint.stage.stage < .responded ? complaint.respondDueAt : nil
                table.append([
                    complaint.id.description, TimeFormat.short(complaint.receivedAt), complaint.division, complaint.stage.name,
                    String(complaint.level), complaint[.category].text ?? "-", complaint[.assignee].text ?? "-",
                    TimeFormat.short(nextDue), complaint.brokenPromises(now: now).joined(separator: ","),
                ])
            }
            print(table.render())
            print("\(complaints.count) complaint\(complaints.count == 1 ? "" : "s")")
        }
    }
}
