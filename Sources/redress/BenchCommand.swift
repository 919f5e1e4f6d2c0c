import ArgumentParser
import Foundation
import RedressBench

extension Redress {
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure speed and size on this machine (build with -c release first).",
            discussion: "Every benchmark works in a temporary folder that it removes; docs/BENCHMARKS.md has the method and recorded figures.",
            subcommands: [StoreBench.self, SyncBench.self, ReportBench.self, APIBench.self, WebBench.self])
    }
}

/// Where benchmarks put their temporary files, and how they show progress.
struct BenchOptions: ParsableArguments {
    @Option(help: "How many complaints (smaller for a quick run).")
    var complaints = 100_000

    @Option(help: ArgumentHelp("Folder for the temporary stores (default: the system's temporary folder).", valueName: "path"))
    var workDir: String?

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func validate() throws {
        guard complaints > 0 else { throw ValidationError("--complaints must be at least 1") }
    }

    var directory: URL { workDir.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory }

    /// Progress goes to standard error, so `--json` output stays one clean object.
    var progress: @Sendable (String) -> Void { Self.progress }

    static let progress: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data("… \(line)\n".utf8)) }

    func warnIfDebug() { Self.warnIfDebug() }

    static func warnIfDebug() {
        #if DEBUG
        FileHandle.standardError.write(Data("warning: this is a debug build; figures mean little (swift build -c release)\n".utf8))
        #endif
    }
}

extension Redress.Bench {
    struct StoreBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "store",
            abstract: "Creating and updating complaints through the CRDT store against plain SQLite, and applying a peer's changes.")

        @OptionGroup var options: BenchOptions

        func run() throws {
            options.warnIfDebug()
            let result = try StoreBenchmark(complaints: options.complaints, directory: options.directory, progress: options.progress).run()
            print(options.json ? try result.json() : result.table)
        }
    }

    struct SyncBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "A new node's first sync over loopback TLS, and a sync between equal nodes of a 10-node cluster.")

        @OptionGroup var options: BenchOptions

        func run() async throws {
            options.warnIfDebug()
            let result = try await SyncBenchmark(complaints: options.complaints, directory: options.directory, progress: options.progress).run()
            print(options.json ? try result.json() : result.table)
        }
    }

    struct ReportBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Import rate of the CFPB sample, and `report --by division` over generated complaints (target < 2 s at 1,000,000).",
            discussion: """
                Without --csv, imports ../shared/data/complaints_sample.csv (looked for from the current folder, then \
                from the package the executable was built in), else the 300-row slice under Tests/; the output names \
                the file used. Complaints are generated from a fixed seed, so runs compare.
                """)

        @Option(help: "How many complaints to generate for the report.")
        var complaints = 1_000_000

        @Option(help: "How many divisions they belong to (sizes Zipf-like).")
        var divisions = 50

        @Option(help: ArgumentHelp("The CFPB-format CSV file whose import is timed.", valueName: "file"))
        var csv: String?

        @Option(help: ArgumentHelp("Folder for the temporary stores (default: the system's temporary folder).", valueName: "path"))
        var workDir: String?

        @Option(help: ArgumentHelp("Report on this existing store (a data folder) instead of generating one.", valueName: "path"))
        var store: String?

        @Flag(help: "Keep the generated store and print its folder (to profile the report, or to pass to --store).")
        var keepStore = false

        @Option(help: "How many times to run the report; the median is reported.")
        var runs = 3

        @Flag(inversion: .prefixedNo, help: "Also time every grouping, a filtered view and the dashboard's default page against a plain GROUP BY (issue 14).")
        var views = true

        @Flag(help: "Print one JSON object instead of a table.")
        var json = false

        func validate() throws {
            guard complaints > 0 else { throw ValidationError("--complaints must be at least 1") }
            guard (1...9_999).contains(divisions) else { throw ValidationError("--divisions must be from 1 to 9999") }
            guard runs > 0 else { throw ValidationError("--runs must be at least 1") }
        }

        func run() throws {
            BenchOptions.warnIfDebug()
            let file = try csv.map { URL(fileURLWithPath: $0) } ?? ReportBenchmarkSample.locate()
            let benchmark = ReportBenchmark(
                complaints: complaints, divisions: divisions, importFile: file,
                directory: workDir.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory,
                existingStore: store.map { URL(fileURLWithPath: $0) }, keepStore: keepStore, reportRuns: runs,
                views: views, progress: BenchOptions.progress)
            let result = try benchmark.run()
            print(json ? try result.json() : result.table)
        }
    }

    struct APIBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "api",
            abstract: "The HTTP API under load: list, search, show and record from concurrent clients on loopback (targets: p95 < 50 ms, 1,000 recorded/s).")
        @Option(help: "How many complaints to generate first.")
        var complaints = 1_000_000
        @Option(help: "How many divisions they belong to (sizes Zipf-like).")
        var divisions = 50
        @Option(help: "Concurrent clients (keep-alive connections).")
        var clients = 32
        @Option(help: "Requests in each phase (list, search, show, record).")
        var requests = 5_000
        @Option(help: ArgumentHelp("Folder for the temporary store (default: the system's temporary folder).", valueName: "path"))
        var workDir: String?
        @Option(help: ArgumentHelp("Measure this existing store (a data folder, e.g. from `bench report --keep-store`) instead of generating one; recording adds complaints to it.", valueName: "path"))
        var store: String?
        @Flag(help: "Print one JSON object instead of a table.")
        var json = false

        func validate() throws {
            guard complaints > 0, clients > 0, requests > 0 else { throw ValidationError("--complaints, --clients and --requests must be at least 1") }
            guard (1...9_999).contains(divisions) else { throw ValidationError("--divisions must be from 1 to 9999") }
        }

        func run() async throws {
            BenchOptions.warnIfDebug()
            let result = try await APIBenchmark(
                complaints: complaints, divisions: divisions, clients: clients, requestsPerPhase: requests,
                directory: workDir.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory,
                existingStore: store.map { URL(fileURLWithPath: $0) },
                progress: BenchOptions.progress).run()
            print(json ? try result.json() : result.table)
        }
    }

    struct WebBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "web",
            abstract: "The staff workspace under load: the inbox, a search and a complaint's page from concurrent browser sessions on loopback (target: p95 < 100 ms each).")
        @Option(help: "How many complaints to generate first.")
        var complaints = 1_000_000
        @Option(help: "How many divisions they belong to (sizes Zipf-like).")
        var divisions = 50
        @Option(help: "Concurrent browser sessions (keep-alive connections).")
        var clients = 16
        @Option(help: "Pages in each phase (inbox, search, complaint).")
        var requests = 3_000
        @Option(help: ArgumentHelp("Folder for the temporary store (default: the system's temporary folder).", valueName: "path"))
        var workDir: String?
        @Option(help: ArgumentHelp("Measure this existing store (a data folder, e.g. from `bench report --keep-store`) instead of generating one.", valueName: "path"))
        var store: String?
        @Flag(help: "Print one JSON object instead of a table.")
        var json = false

        func validate() throws {
            guard complaints > 0, clients > 0, requests > 0 else { throw ValidationError("--complaints, --clients and --requests must be at least 1") }
            guard (1...9_999).contains(divisions) else { throw ValidationError("--divisions must be from 1 to 9999") }
        }

        func run() async throws {
            BenchOptions.warnIfDebug()
            let result = try await WebBenchmark(
                complaints: complaints, divisions: divisions, clients: clients, requestsPerPhase: requests,
                directory: workDir.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory,
                existingStore: store.map { URL(fileURLWithPath: $0) },
                progress: BenchOptions.progress).run()
            print(json ? try result.json() : result.table)
        }
    }
}
