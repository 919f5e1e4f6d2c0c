import ArgumentParser
import Foundation
import RedressModel
import RedressStore

extension Redress {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run this node. On first start with no store it creates one, with sample data.")

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("Division of a store created on first start.", valueName: "code"))
        var division = "demo"

        @Flag(help: "Create no sample complaints on first start.")
        var noSampleData = false

        @Flag(help: "Start, report and exit instead of running until stopped.")
        var once = false

        func run() async throws {
            let directory = options.dataDirectory
            let store: RedressStore
            if RedressStore.exists(at: directory) {
                store = try RedressStore.open(at: directory)
                print("Opened the Redress store in \(store.databasePath)")
            } else {
                store = try RedressStore.create(at: directory, division: division, divisionName: "Demo division",
                                                nodeName: ProcessInfo.processInfo.hostName, user: options.userName)
                print("Created a new Redress store for division \(division) in \(store.databasePath)")
                if !noSampleData {
                    let count = try SampleData.load(into: store, user: options.userName)
                    print("Loaded \(count) sample complaints (invented people; see `redress list`)")
                }
            }
            try printSummary(store)
            if once { return }
            print("Node \(store.nodeName) (\(store.node)) is running; stop it with Ctrl-C or SIGTERM.")
            await SignalWaiter.waitForTermination()
            print("Stopped.")
        }

        private func printSummary(_ store: RedressStore) throws {
            let now = TimeFormat.nowMillis
            let all = try store.complaints()
            let open = all.filter { $0.stage.stage.isOpen }
            let overdue = open.filter { !$0.brokenPromises(now: now).isEmpty }
            print("Node \(store.nodeName), id \(store.node), division \(store.division)")
            print("Complaints: \(all.count) in all, \(open.count) open, \(overdue.count) overdue")
            print("Digest: \(try store.digest())")
            print("Try: redress list --overdue --data-dir \(store.directory.path)")
        }
    }
}

/// Waits for SIGINT or SIGTERM without blocking a thread.
enum SignalWaiter {
    static func waitForTermination() async {
        let box = ContinuationBox()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            box.install(continuation)
            for sig in [SIGINT, SIGTERM] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                source.setEventHandler { box.resume() }
                source.resume()
                box.keep(source)
            }
        }
    }

    /// Resumes the continuation once, whichever signal comes first, and keeps
    /// the signal sources alive until then.
    private final class ContinuationBox: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Void, Never>?
        private var sources: [any DispatchSourceSignal] = []

        func install(_ continuation: CheckedContinuation<Void, Never>) {
            lock.withLock { self.continuation = continuation }
        }

        func keep(_ source: any DispatchSourceSignal) {
            lock.withLock { sources.append(source) }
        }

        func resume() {
            let pending = lock.withLock { () -> CheckedContinuation<Void, Never>? in
                defer { continuation = nil; sources.forEach { $0.cancel() }; sources = [] }
                return continuation
            }
            pending?.resume()
        }
    }
}
