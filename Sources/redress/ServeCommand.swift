import ArgumentParser
#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import RedressAPI
import RedressModel
import RedressNode
import RedressStore
import RedressSync
import Logging
import ServiceLifecycle
import UnixSignals

extension Redress {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run this node: listen for peers, sync with them, and serve the API and dashboard. --demo makes a store with sample data first.",
            discussion: """
                Settings come from --config FILE (JSON; see deploy/redress.example.json) and flags; a flag wins over the file. \
                Listening and syncing need the node's cluster identity (`redress cluster init` or `redress init --join`).
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("The node configuration file (JSON).", valueName: "file"))
        var config: String?

        @Option(help: ArgumentHelp("Listen for peers on this address, e.g. 0.0.0.0:7420.", valueName: "host:port"))
        var listen: String?

        @Option(name: .customLong("peer"), help: ArgumentHelp("A peer to sync with (repeatable).", valueName: "host:port"))
        var peers: [String] = []

        @Option(help: ArgumentHelp("Seconds between syncs with each peer (default 30).", valueName: "seconds"))
        var syncInterval: Double?

        @Option(help: ArgumentHelp("Refuse peers' changes stamped more than this many seconds ahead of our clock (default 60).", valueName: "seconds"))
        var maxClockDrift: Double?

        @Option(help: ArgumentHelp("Report a peer whose clock differs from ours by more than this many seconds (default 10).", valueName: "seconds"))
        var clockWarning: Double?

        @Option(help: ArgumentHelp("Seconds between background checks of the store for damage (default 3600; 0: never).", valueName: "seconds"))
        var scrubInterval: Double?

        @Option(help: ArgumentHelp("Serve the API, the sign-in page and the dashboard on this address (default \(HTTPAddress.defaultText)); anywhere but loopback only over HTTPS.",
                                   valueName: "host:port"))
        var http: String?

        @Flag(help: "Serve no HTTP at all.")
        var noHttp = false

        @Option(help: ArgumentHelp("The earlier name of --http.", valueName: "host:port"))
        var dashboard: String?

        @Flag(help: "The earlier name of --no-http.")
        var noDashboard = false

        @Option(help: ArgumentHelp("Serve HTTPS with this certificate (PEM, the chain from the server's own certificate up).", valueName: "pem"))
        var httpCert: String?

        @Option(help: ArgumentHelp("The private key (PEM) of --http-cert.", valueName: "pem"))
        var httpKey: String?

        @Option(help: ArgumentHelp("The TLS key exchange to offer peers: x25519 (smallest; the default) or x25519-mlkem768 (post-quantum hybrid, about 2.3 KB more per sync). Either talks to a peer with the other.",
                                   valueName: "group"))
        var tlsKeyExchange: TLSKeyExchange?

        @Flag(help: "If the data folder has no store, create a demo store: sample complaints in three divisions and one sample account per role, whose passwords are printed.")
        var demo = false

        @Option(help: ArgumentHelp("Division of the demo store.", valueName: "code"))
        var division = "demo"

        @Flag(help: "With --demo, create no sample complaints.")
        var noSampleData = false

        @Flag(help: "Start, report and exit instead of running until stopped.")
        var once = false

        func validate() throws {
            if let syncInterval, !(syncInterval > 0) { throw ValidationError("--sync-interval must be a positive number of seconds") }
            if let maxClockDrift, !(maxClockDrift > 0) { throw ValidationError("--max-clock-drift must be a positive number of seconds") }
            if let clockWarning, !(clockWarning > 0) { throw ValidationError("--clock-warning must be a positive number of seconds") }
            if let scrubInterval, !(scrubInterval >= 0) { throw ValidationError("--scrub-interval must be 0 or a positive number of seconds") }
            if (httpCert == nil) != (httpKey == nil) { throw ValidationError("--http-cert and --http-key go together") }
        }

        func run() async throws {
            // A long-running node's output often goes to a file or a journal: line by line, not at exit.
            LineBufferedOutput.enable()
            let file = try config.map(NodeConfiguration.load) ?? NodeConfiguration()
            let directory = options.dataDir.map { URL(fileURLWithPath: $0) } ?? file.dataDir.map { URL(fileURLWithPath: $0) } ?? options.dataDirectory
            let user = options.user ?? file.user ?? options.userName
            var storeConfiguration = StoreConfiguration()
            if let drift = maxClockDrift ?? file.maxClockDriftSeconds { storeConfiguration.maxClockDriftMillis = UInt64(drift * 1000) }
            let listenText = listen ?? file.listen
            let peerTexts = peers.isEmpty ? (file.peers ?? []) : peers
            let listenAddress = try listenText.map { text in
                guard let address = SyncPeerAddress(text) else { throw ValidationError("--listen must be HOST:PORT, got \(text.debugDescription)") }
                return address
            }
            let httpAddress = try HTTPAddress.resolve(flag: http ?? dashboard, off: noHttp || noDashboard, file: file.http ?? file.dashboard)
            let certificate = httpCert ?? file.httpCert, key = httpKey ?? file.httpKey
            if (certificate == nil) != (key == nil) { throw ValidationError("\"http_cert\" and \"http_key\" go together") }
            let httpTLS = certificate.flatMap { certificate in key.map { NodeHTTPServer.TLSFiles(certificatePath: certificate, keyPath: $0) } }
            // Refused before anything is opened or created: no plain HTTP off loopback.
            if let httpAddress { try HTTPSPolicy.check(host: httpAddress.host, port: httpAddress.port, hasCertificate: httpTLS != nil) }
            let peerAddresses = try peerTexts.map { text in
                guard let address = SyncPeerAddress(text) else { throw ValidationError("--peer must be HOST:PORT, got \(text.debugDescription)") }
                return address
            }
            let keyExchange = try TLSKeyExchange.resolve(flag: tlsKeyExchange, file: file.tlsKeyExchange)

            let store: RedressStore
            if RedressStore.exists(at: directory) {
                store = try RedressStore.open(at: directory, configuration: storeConfiguration)
                print("Opened the Redress store in \(store.databasePath)")
            } else if demo {
                // Only on request: a production node must never start on invented data.
                let admin = FirstAdmin.login(explicit: user)
                store = try RedressStore.create(at: directory, division: division, divisionName: "Demo division",
                                                nodeName: ProcessInfo.processInfo.hostName, user: admin, configuration: storeConfiguration) { tx in
                    try FirstAdmin.create(in: tx, login: admin, division: division)
                }
                print("Created a demo Redress store for division \(division) in \(store.databasePath) (--demo)")
                if !noSampleData {
                    let count = try SampleData.load(into: store, user: admin)
                    print("Loaded \(count) sample complaints in \(SampleData.sisterDivisions.count + 1) divisions (invented people; see `redress list`)")
                }
                let accounts = try SampleData.createAccounts(in: NodeService(store: store), admin: admin)
                print("Sample accounts, one per role (passwords shown only now):")
                for account in accounts {
                    print("  \(account.login.padding(toLength: 12, withPad: " ", startingAt: 0)) \(account.role.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) password \(account.password)")
                }
            } else {
                throw StoreError.notInitialized(path: directory.path + " (run `redress serve --demo` for a demo store with sample data)")
            }
            try printSummary(store)
            if once { return }

            let runtime: NodeRuntime?
            if listenAddress != nil || !peerAddresses.isEmpty {
                var syncConfiguration = NodeIdentityLoader.configuration(for: store, keyExchange: keyExchange)
                if let warning = clockWarning ?? file.clockWarningSeconds { syncConfiguration.clockWarningMillis = UInt64(warning * 1000) }
                runtime = NodeRuntime(store: store, identity: try NodeIdentityLoader.identity(for: store),
                                      configuration: syncConfiguration,
                                      listen: listenAddress, peers: peerAddresses,
                                      interval: .milliseconds(Int64((syncInterval ?? file.syncIntervalSeconds ?? 30) * 1000)))
            } else {
                runtime = nil
                print("Not listening for peers (give --listen HOST:PORT and --peer HOST:PORT to replicate).")
            }
            print("Node \(store.nodeName) (\(store.node)) is running; stop it with Ctrl-C or SIGTERM.")
            // One service group: SIGTERM or Ctrl-C shuts every service down
            // gracefully; a service that fails (a port taken) stops the others.
            let scrubSeconds = scrubInterval ?? file.scrubIntervalSeconds ?? 3600
            var services: [any Service] = [
                SearchIndexService(store: store),
                ReportCellService(store: store),
                StoreMaintenanceService(store: store, scrubInterval: scrubSeconds > 0 ? .milliseconds(Int64(scrubSeconds * 1000)) : nil),
            ]
            if let runtime { services.append(runtime) }
            if let httpAddress {
                let server = try NodeHTTPServer(node: NodeService(store: store), host: httpAddress.host, port: httpAddress.port, tls: httpTLS)
                let scheme = httpTLS == nil ? "http" : "https"
                services.append(try server.service { port in
                    let base = "\(scheme)://\(httpAddress.urlHost):\(port)"
                    print("Web: \(base)/ (the staff workspace; sign in at \(base)/signin), the dashboard at \(base)/dashboard/, the API at \(base)/api/v1 (\(base)/api/v1/openapi.json)")
                })
            }
            let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                          logger: Logger(label: "redress.serve")))
            try await group.run()
            print("Stopped.")
        }

        private func printSummary(_ store: RedressStore) throws {
            // Counted by SQLite: a head-office store may hold millions of complaints.
            let all = try store.complaintCount()
            let open = try store.complaintCount(ComplaintQuery(stage: "open"))
            let overdue = try store.complaintCount(ComplaintQuery(overdueAt: TimeFormat.nowMillis))
            print("Node \(store.nodeName), id \(store.node), division \(store.division)")
            print("Complaints: \(all) in all, \(open) open, \(overdue) overdue")
            print("Digest: \(try store.digest())")
            print("Try: redress list --overdue --data-dir \(store.directory.path)")
        }
    }
}

/// Makes standard output line-buffered. C's `stdout` is a mutable global that
/// Swift 6 will not read from concurrent code, hence the one unsafe access here.
enum LineBufferedOutput {
    static func enable() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }
}
