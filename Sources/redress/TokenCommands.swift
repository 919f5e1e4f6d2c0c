import ArgumentParser
import Foundation
import RedressModel
import RedressNode

extension Redress {
    /// `redress token …`: API tokens for integrations.
    struct TokenCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Create, list and revoke API tokens (admins). A token acts with its account's role.",
            subcommands: [Create.self, List.self, Revoke.self])
    }
}

/// Options of the token commands: here `--user` names the token's account,
/// so the acting admin is `--as` (default: the login name).
struct TokenOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("The node's data folder.", valueName: "path"))
    var dataDir: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("The admin acting (default: the login name).", valueName: "login"))
    var actingUser: String?

    var global: GlobalOptions {
        var options = GlobalOptions()
        options.dataDir = dataDir
        options.user = actingUser
        return options
    }
}

extension Redress.TokenCommand {
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token for an account; the token is printed once, alone on the last line, and never stored.",
            discussion: "Example: redress token create --user webform --name website")
        @OptionGroup var options: TokenOptions
        @Option(help: ArgumentHelp("The account the token acts as.", valueName: "login"))
        var user: String
        @Option(help: ArgumentHelp("A name for the token, to revoke it by.", valueName: "name"))
        var name: String

        func run() throws {
            let (node, actor) = try options.global.openNode()
            let (token, text) = try node.createToken(for: user, name: name, by: actor)
            print("Created token \(token.name) for \(token.login); keep it secret: it is shown only now.")
            print(text)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var options: TokenOptions
        @Flag(help: "Print a JSON array for scripts.")
        var json = false

        struct Entry: Encodable {
            var name: String
            var user: String
            var created_at: String?
            var revoked: Bool
        }

        func run() throws {
            let (node, actor) = try options.global.openNode()
            let entries = try node.tokens(by: actor).map {
                Entry(name: $0.name, user: $0.login, created_at: TimeFormat.string($0.createdAt), revoked: $0.isRevoked)
            }
            if json {
                print(try JSONOutput.render(entries))
                return
            }
            var table = TextTable(["NAME", "USER", "CREATED", "STATUS"])
            for entry in entries {
                table.append([entry.name, entry.user, entry.created_at ?? "-", entry.revoked ? "revoked" : "live"])
            }
            print(table.render())
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token on every node, for ever.")
        @OptionGroup var options: TokenOptions
        @Argument(help: "The token's name.")
        var name: String

        func run() throws {
            let (node, actor) = try options.global.openNode()
            try node.revokeToken(named: name, by: actor)
            print("Revoked token \(name); peers learn it when they next sync")
        }
    }
}
