import Foundation
import HTTPTypes
#if canImport(Glibc)
import Glibc
#endif
public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
import NIOCore
import NIOSSL
public import RedressDashboard
public import RedressNode
import RedressStore
public import ServiceLifecycle

/// The node's one HTTP listener: the API (`/api/v1`), the sign-in pages, the
/// staff workspace (`/`) and the head-office dashboard (`/dashboard`), over
/// HTTPS when given a certificate.
public struct NodeHTTPServer: Sendable {
    public struct TLSFiles: Sendable {
        public var certificatePath: String
        public var keyPath: String

        public init(certificatePath: String, keyPath: String) {
            self.certificatePath = certificatePath
            self.keyPath = keyPath
        }
    }

    public let node: NodeService
    public let host: String
    public let port: Int
    public let tls: TLSFiles?
    public var logger: Logger

    /// - Throws: `HTTPServerError.plaintextOffLoopback` for plain HTTP off loopback.
    public init(node: NodeService, host: String, port: Int, tls: TLSFiles?, logger: Logger = Logger(label: "redress.http")) throws(HTTPServerError) {
        try HTTPSPolicy.check(host: host, port: port, hasCertificate: tls != nil)
        self.node = node
        self.host = host
        self.port = port
        self.tls = tls
        self.logger = logger
    }

    /// Where the head-office dashboard is mounted.
    public static let dashboardPath = "/dashboard"

    /// Every route of the server, for `run` and for tests.
    public static func router(node: NodeService, dashboard: DashboardRouter, secure: Bool) -> Router<NodeRequestContext> {
        let router = Router(context: NodeRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.get("/healthz") { _, _ in Response.text(.ok, "ok\n") }
        let signedIn = router.group().add(middleware: AuthenticationMiddleware(node: node))
        signedIn.addRoutes(APIController(node: node, secure: secure).routes(), atPath: "/api/v1")
        signedIn.addRoutes(SignInPage(node: node, secure: secure).routes())
        signedIn.group().add(middleware: ReportsGate(node: node))
            .addRoutes(dashboard.mounted(at: dashboardPath).routes(), atPath: RouterPath(dashboardPath))
        signedIn.addRoutes(WorkspaceController(node: node).routes())
        signedIn.addRoutes(AccountsPage(node: node).routes(), atPath: "/admin")
        signedIn.addRoutes(ReplyTemplatesPage(node: node).routes(), atPath: "/admin")
        signedIn.addRoutes(ReferencePage(node: node).routes(), atPath: "/admin")
        WorkspaceAssets.routes(router)
        return router
    }

    /// The server as a swift-service-lifecycle service, for `redress serve`'s
    /// service group: it stops at the group's graceful shutdown (open requests
    /// finish); `onListening` gets the bound port (useful with port 0), and
    /// `onDashboardReady` is called once the dashboard's default page, which
    /// the server computes as it starts, is ready (benchmarks measure pages
    /// after that start-up work).
    public func service(onListening: @escaping @Sendable (Int) async -> Void = { _ in },
                        onDashboardReady: @escaping @Sendable () async -> Void = {}) throws -> some Service {
        let dashboard = DashboardRouter(store: node.store, logger: logger)
        let router = Self.router(node: node, dashboard: dashboard, secure: tls != nil)
        let server: HTTPServerBuilder = if let tls { try .tls(.http1(), tlsConfiguration: try Self.tlsConfiguration(tls)) } else { .http1() }
        let started = StartFlag()
        let application = Application(
            router: router, server: server,
            configuration: .init(address: .hostname(host, port: port), serverName: "redress"),
            onServerRunning: { channel in
                started.set()
                await onListening(channel.localAddress?.port ?? port)
                // The first visitor should not wait for the first report of a large store.
                Task(priority: .background) {
                    await dashboard.warmUp()
                    await onDashboardReady()
                }
            },
            logger: logger)
        return Listener(application: application, started: started, address: "\(host):\(port)")
    }

    /// Runs the server until the task is cancelled (tests, benchmarks).
    /// Cancelling is a graceful shutdown, not a cancellation of the server's
    /// tasks: the group runs in a task of its own, which the caller's
    /// cancellation does not reach, and a cancellation asks it to shut down.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in },
                    onDashboardReady: @escaping @Sendable () async -> Void = {}) async throws {
        let group = ServiceGroup(configuration: .init(services: [try service(onListening: onListening, onDashboardReady: onDashboardReady)],
                                                      logger: logger))
        let serving = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    /// Runs the application; a failure before it listens is a bind failure, said in the system's words.
    private struct Listener<Inner: Service>: Service {
        let application: Inner
        let started: StartFlag
        let address: String

        func run() async throws {
            do {
                try await application.run()
            } catch {
                if started.isSet { throw error }
                throw HTTPServerError.cannotListen(address: address, reason: NodeHTTPServer.reason(error))
            }
        }
    }

    /// The system's words for a bind failure ("Address already in use"), without NIO's wrapping.
    static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        return "\(error)"
    }

    static func tlsConfiguration(_ files: TLSFiles) throws -> TLSConfiguration {
        let certificates: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(files.certificatePath)
        } catch {
            throw HTTPServerError.badCertificate(path: files.certificatePath, reason: "\(error)")
        }
        do {
            key = try NIOSSLPrivateKey(file: files.keyPath, format: .pem)
        } catch {
            throw HTTPServerError.badCertificate(path: files.keyPath, reason: "\(error)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}

/// Adds the headers every answer carries to those made without them (redirects, 204s, errors).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = NodeRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            if let detail = error.detail {
                context.logger.error("request failed", metadata: ["redress.reason": "\(detail)", "redress.path": "\(request.uri.path)"])
            }
            response = try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let code: APIError.Code = switch error.status {
            case .notFound: .notFound
            case .contentTooLarge: .tooLarge
            default: .invalidInput
            }
            response = try APIError(code, error.body ?? "\(error.status.reasonPhrase)").response(from: request, context: context)
            response.status = error.status
        } catch {
            context.logger.error("request failed", metadata: ["redress.reason": "\(error)"])
            response = try APIError(.internalError, "the node could not do this; its log has the reason").response(from: request, context: context)
        }
        let defaults: [(HTTPField.Name, String)] = [
            (.cacheControl, "no-store"), (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
            (HTTPField.Name("Content-Security-Policy")!, Response.contentSecurityPolicy),
            (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        ]
        for (name, value) in defaults where response.headers[name] == nil { response.headers[name] = value }
        return response
    }
}
