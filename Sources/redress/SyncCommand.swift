import ArgumentParser
import Foundation
import RedressNode
import Logging
import RedressModel
import RedressStore
import RedressSync

extension Redress {
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sync once with a peer, in both directions, and report what moved.")

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("The peer to sync with.", valueName: "host:port"))
        var peer: String

        @Option(help: ArgumentHelp("The TLS key exchange to offer: x25519 (smallest; the default) or x25519-mlkem768 (post-quantum hybrid, about 2.3 KB more per sync). Either talks to a peer with the other.",
                                   valueName: "group"))
        var tlsKeyExchange: TLSKeyExchange = .default

        @Flag(help: "Print the report as JSON.")
        var json = false

        func run() async throws {
            guard let address = SyncPeerAddress(peer) else { throw ValidationError("--peer must be HOST:PORT, got \(peer.debugDescription)") }
            let store = try options.openStore()
            var configuration = NodeIdentityLoader.configuration(for: store, keyExchange: tlsKeyExchange)
            let progress = ProgressPrinter(enabled: !json)
            configuration.progress = { progress.update($0) }
            let client = try SyncClient(store: store, identity: NodeIdentityLoader.identity(for: store), configuration: configuration)
            let result: Result<SyncReport, SyncError>
            do throws(SyncError) {
                result = .success(try await client.syncOnce(with: address))
            } catch {
                result = .failure(error)
            }
            progress.finish()
            logSync(result, logger: .init(label: "redress.sync"))
            switch result {
            case .success(let report):
                if json {
                    print(try JSONOutput.render(SyncReportJSON(report)))
                } else {
                    print("Synced with \(report.peerAddress) (node \(report.peer)) in \(report.duration.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)))")
                    print("Sent \(report.changesSent) changes (\(report.fieldsSent) fields), of which the peer applied \(report.changesAppliedByPeer)")
                    print("Received \(report.changesReceived) changes (\(report.fieldsReceived) fields), applied \(report.changesApplied), \(report.duplicatesReceived) already here")
                    print("Digest: \(try store.digest())")
                }
            case .failure(let error):
                throw CLIError(error.description)
            }
        }
    }
}

/// `redress sync --json`: what moved, for scripts.
struct SyncReportJSON: Encodable {
    var peer: String
    var address: String
    var completed: Bool
    var changes_sent: Int
    var fields_sent: Int
    var changes_received: Int
    var fields_received: Int
    var changes_applied: Int
    var duplicates_received: Int
    var wire_bytes_sent: Int
    var wire_bytes_received: Int
    var seconds: Double

    init(_ report: SyncReport) {
        peer = report.peer.description
        address = report.peerAddress
        completed = report.isComplete
        changes_sent = report.changesSent
        fields_sent = report.fieldsSent
        changes_received = report.changesReceived
        fields_received = report.fieldsReceived
        changes_applied = report.changesApplied
        duplicates_received = report.duplicatesReceived
        wire_bytes_sent = report.wireBytesSent
        wire_bytes_received = report.wireBytesReceived
        let parts = report.duration.components
        seconds = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// Shows a long first sync's progress on standard error, at most a few times a second.
final class ProgressPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private var lastPrint = ContinuousClock.now
    private var printed = false
    private let start = ContinuousClock.now

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ progress: SyncProgress) {
        guard enabled else { return }
        lock.withLock {
            let now = ContinuousClock.now
            guard now - lastPrint > .milliseconds(250) else { return }
            lastPrint = now
            printed = true
            let seconds = max(0.001, Double((now - start).components.seconds) + Double((now - start).components.attoseconds) / 1e18)
            let rate = Int(Double(progress.changesReceived) / seconds)
            FileHandle.standardError.write(Data("\rreceived \(progress.changesReceived) of at most \(progress.changesExpected) changes (\(progress.fieldsReceived) fields), \(rate) changes/s   ".utf8))
        }
    }

    func finish() {
        lock.withLock { if printed { FileHandle.standardError.write(Data("\n".utf8)) } }
    }
}
