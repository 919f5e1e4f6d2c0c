import RedressKeys
import RedressModel
public import RedressStore

/// Everything a node operation refuses, sorted by what the caller should do
/// about it; the HTTP API maps each kind to its status, the command line
/// prints the message and exits non-zero.
///
/// Messages name ids, fields and logins, never a complainant's personal data
/// and never a password or token.
public struct NodeError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// Bad input: a field is missing, malformed or not in the taxonomy (400).
        case invalid
        /// Not signed in, or the credentials are wrong (401).
        case unauthenticated
        /// Signed in, but the access policy says no (403).
        case forbidden
        /// No such thing, or one the caller may not see (404).
        case notFound
        /// The complaint's stage does not allow the step (409).
        case conflict
        /// Too many failed sign-ins: locked for a while (429).
        case rateLimited
        /// The store is busy (another process holds the write lock) (503).
        case unavailable
        /// Anything else: the node's log has the detail (500).
        case failed
    }

    public let kind: Kind
    public let message: String
    /// The input field at fault, for `.invalid`.
    public let field: String?

    public init(_ kind: Kind, _ message: String, field: String? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
    }

    public var description: String { message }

    /// A store refusal in the node's terms.
    public init(_ error: StoreError) {
        switch error {
        case .invalidValue(let field, _, _): self.init(.invalid, error.description, field: field)
        case .duplicateExternalRef: self.init(.invalid, error.description, field: "external_ref")
        case .missingField(let field): self.init(.invalid, error.description, field: field)
        case .unknownDivision: self.init(.invalid, error.description, field: "division")
        case .unknownAccount: self.init(.notFound, error.description)
        case .unknownComplaint: self.init(.notFound, error.description)
        case .lifecycle, .stageConflict: self.init(.conflict, error.description)
        case .locked: self.init(.unavailable, error.description)
        case .keys(.wrongRecoveryKey), .keys(.invalidRecoveryKey(_, _)), .keys(.noRecoveryKey): self.init(.invalid, error.description)
        default: self.init(.failed, error.description)
        }
    }

    /// Any error as a node error: node and store errors keep their meaning.
    static func wrapping(_ error: any Error) -> NodeError {
        switch error {
        case let error as NodeError: error
        case let error as StoreError: NodeError(error)
        case let error as LifecycleError: NodeError(.conflict, error.description)
        default: NodeError(.failed, "\(error)")
        }
    }

    static func forbidden(_ decision: AccessDecision) -> NodeError? {
        guard case .denied(let reason) = decision else { return nil }
        return NodeError(.forbidden, "not allowed: \(reason)")
    }
}
