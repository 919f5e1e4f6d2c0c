/// A command that cannot go on, with the message that says why and what to
/// do: input that makes no sense, or a file or store in the way. The store's
/// and the node's own refusals are their own error types.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) { description = message }
}
