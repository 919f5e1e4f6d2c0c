import ArgumentParser
import Foundation
import RedressKeys
import RedressNode
import RedressStore

extension Redress {
    /// `redress keys …`: the keys that make personal data readable only in its division.
    struct KeysCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keys",
            abstract: "The keys of personal data: what this node reads, the cluster's recovery key, recovery.",
            discussion: """
                Personal data (complainants' names, contacts, descriptions, decisions, notes and \
                communications) is stored and synced sealed with keys of its division; only that \
                division's nodes read it. See docs/ARCHITECTURE.md, "Confidentiality".
                """,
            subcommands: [Status.self, RecoveryKeyCommand.self, Recover.self])
    }
}

extension Redress.KeysCommand {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Which divisions' personal data this node reads, which it holds as custodian, and whether the cluster has a recovery key.")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let (node, actor) = try options.openNode()
            let custody = try node.keyCustody(by: actor)
            if json {
                let object: [String: Any] = ["readable": custody.readable, "custodian_of": custody.custodianOf,
                                             "sealed_for_others": custody.sealedForOthers, "recovery_key": custody.hasRecoveryKey]
                print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
                return
            }
            print("Reads the personal data of: \(custody.readable.isEmpty ? "no division yet" : custody.readable.joined(separator: ", "))")
            if !custody.custodianOf.isEmpty {
                print("Holds as custodian, until a node of theirs joins: \(custody.custodianOf.joined(separator: ", "))")
            }
            print("Division keys it cannot open (other divisions'): \(custody.sealedForOthers)")
            print(custody.hasRecoveryKey ? "The cluster has a recovery key." : "The cluster has no recovery key: make one with `redress keys recovery-key --out FILE`.")
        }
    }

    struct RecoveryKeyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recovery-key",
            abstract: "Make the cluster's recovery key (for a cluster made before Redress had one) and write it to FILE.",
            discussion: """
                `redress cluster init` makes it; this is for clusters made by earlier versions. Every division \
                key is wrapped for it as nodes learn of it. Keep FILE offline, not on any node.
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("Where to write the recovery key (a new file, owner-only).", valueName: "file"))
        var out: String

        func run() throws {
            let (node, actor) = try options.openNode()
            let file = URL(fileURLWithPath: out)
            guard !FileManager.default.fileExists(atPath: file.path) else {
                throw CLIError("\(file.path) exists already; choose a new file")
            }
            let key = try node.createRecoveryKey(by: actor)
            try key.write(to: file)
            print(RecoveryKeyNotice.text(file))
        }
    }

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Regain this node's division's history with the cluster's recovery key (a replacement for lost nodes).",
            discussion: """
                Run it on a node that has joined the division and synced. The key is read from FILE, used in \
                memory and not kept: take FILE away again afterwards.
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("The recovery key file `redress cluster init` wrote.", valueName: "file"))
        var recoveryKey: String

        func run() throws {
            let (node, actor) = try options.openNode()
            let key = try RecoveryKey.read(from: URL(fileURLWithPath: recoveryKey))
            let count = try node.recoverKeys(with: key, by: actor)
            print("Recovered \(count) key\(count == 1 ? "" : "s") of division \(node.store.division): this node reads its history again.")
        }
    }
}

/// What to do with a freshly written recovery key.
enum RecoveryKeyNotice {
    static func text(_ file: URL) -> String {
        """
        The cluster's recovery key is in \(file.path).
        Move it offline now (a safe, an offline USB key, a password manager) and delete it from this machine:
        with it, any node of a division regains that division's personal data (`redress keys recover`);
        without it, losing all nodes of a division loses its personal data.
        """
    }
}
