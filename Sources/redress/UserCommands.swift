public import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import RedressModel
import RedressNode

extension Role: ExpressibleByArgument {}

extension Redress {
    /// `redress user …`: the node's accounts (replicated to every node).
    struct UserCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "user",
            abstract: "Add, list and deactivate accounts, and set their passwords (admins).",
            discussion: "Passwords are read from standard input (one line), never from a flag.",
            subcommands: [Add.self, List.self, Deactivate.self, Password.self])
    }
}

extension Redress.UserCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; its password is the first line of standard input.",
            discussion: """
                Example: echo 'a long passphrase' | redress user add sam --division retail --role agent --name "Sam Lee"
                With --no-password the account signs in only through API tokens (integrations) or the command line.
                """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The login: lowercase letters, digits, '.', '_' or '-'.")
        var login: String
        @Option(help: ArgumentHelp("The account's division.", valueName: "code"))
        var division: String
        @Option(help: ArgumentHelp("One of \(Role.allCases.map(\.rawValue).joined(separator: ", ")) (docs/ACCESS.md).", valueName: "role"))
        var role: Role
        @Option(help: ArgumentHelp("The display name (default: the login).", valueName: "name"))
        var name: String?
        @Flag(help: "Read no password: the account cannot sign in on the web.")
        var noPassword = false

        func run() throws {
            let (node, actor) = try options.openNode()
            let password = noPassword ? nil : try PasswordInput.read(prompt: "Password for \(login): ")
            let account = try node.addAccount(login: login, name: name, division: division, role: role, password: password, by: actor)
            print("Added account \(account.login) (\(account.name)), \(account.role) in division \(account.division)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts this node knows, deactivated ones included.")
        @OptionGroup var options: GlobalOptions
        @Flag(help: "Print a JSON array for scripts.")
        var json = false

        struct Entry: Encodable {
            var login: String
            var name: String
            var division: String
            var role: String
            var active: Bool
            var can_sign_in: Bool
        }

        func run() throws {
            let (node, actor) = try options.openNode()
            let entries = try node.accounts(by: actor).map {
                Entry(login: $0.login, name: $0.name, division: $0.division, role: $0.role.rawValue, active: $0.isActive,
                      can_sign_in: $0.isActive && $0.passwordHash != nil)
            }
            if json {
                print(try JSONOutput.render(entries))
                return
            }
            var table = TextTable(["LOGIN", "NAME", "DIVISION", "ROLE", "STATUS"])
            for entry in entries {
                table.append([entry.login, entry.name, entry.division, entry.role,
                              entry.active ? (entry.can_sign_in ? "active" : "active, no password") : "deactivated"])
            }
            print(table.render())
        }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deactivate an account on every node, for ever; its sessions end and its history stays.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The login.")
        var login: String

        func run() throws {
            let (node, actor) = try options.openNode()
            try node.deactivate(login, by: actor)
            print("Deactivated account \(login); peers learn it when they next sync")
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an account's password from the first line of standard input; its sessions end.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The login.")
        var login: String

        func run() throws {
            let (node, actor) = try options.openNode()
            try node.setPassword(login, to: try PasswordInput.read(prompt: "New password for \(login): "), by: actor)
            print("Set the password of \(login)")
        }
    }
}

/// Reads a password: without echo from a terminal, else the first line of standard input.
enum PasswordInput {
    static func read(prompt: String) throws -> String {
        if isatty(STDIN_FILENO) != 0, let typed = getpass(prompt) {
            return String(cString: typed)
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CLIError("expected the password on the first line of standard input")
        }
        return line
    }
}
