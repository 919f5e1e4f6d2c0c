public import Hummingbird
public import NIOCore
public import RedressModel
public import RedressStore

/// The request context of the node's HTTP server: who is asking (set by
/// `AuthenticationMiddleware`) and from where.
public struct NodeRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The signed-in account, if any, and how it signed in.
    public var identity: Identity?

    public enum Identity: Sendable {
        /// A browser session: state-changing requests must carry its CSRF token.
        case session(Account, WebSession)
        /// `Authorization: Bearer TOKEN`: not a browser, so no CSRF token.
        case token(Account)

        public var account: Account {
            switch self {
            case .session(let account, _), .token(let account): account
            }
        }
    }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies the API reads: a complaint with a long description fits many times over.
    public var maxUploadSize: Int { 256 * 1024 }

    /// The source address as sign-in throttling counts it.
    public var sourceAddress: String { remoteAddress?.ipAddress ?? "unknown" }

    /// The signed-in account, or a 401.
    public func requireAccount() throws -> Account {
        guard let identity else { throw APIError(.unauthenticated, "not signed in: sign in with POST /api/v1/session or send Authorization: Bearer TOKEN") }
        return identity.account
    }
}
