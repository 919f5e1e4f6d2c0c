import ArgumentParser

/// The `redress` command line: thin commands over the Redress libraries.
@main
struct Redress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redress",
        abstract: "A replicated ISO 10002 complaint store: record, handle and analyse complaints on every node, online or not.",
        discussion: """
            Every command works on the node's local store, in --data-dir (default: \
            $REDRESS_DATA_DIR, else ~/.local/share/redress). Start with `redress init --division CODE`, \
            or `redress serve` to start a node with sample data.
            """,
        version: RedressVersion.current,
        subcommands: [
            Serve.self, Init.self, ComplaintCommand.self, List.self, Show.self,
            Acknowledge.self, Assign.self, Assess.self, Investigate.self, Note.self, Escalate.self, Deescalate.self,
            Hold.self, Resume.self, Respond.self, Close.self, Reopen.self, Withdraw.self, Refer.self, ErasePersonalData.self, Tag.self,
            Divisions.self, DivisionCommand.self, TaxonomyCommand.self, Digest.self, Check.self, ClusterCommand.self, NodeCommand.self, KeysCommand.self, Sync.self, Status.self,
            Report.self, Import.self, Customers.self, UserCommand.self, TokenCommand.self, Bench.self,
        ])
}

enum RedressVersion {
    static let current = "0.1.0"
}
