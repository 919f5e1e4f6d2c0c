import ArgumentParser
import Foundation
import RedressBench

extension Redress {
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure speed and size on this machine (build with -c release first).",
            discussion: "Every benchmark works in a temporary folder that it removes; docs/BENCHMARKS.md has the method and recorded figures.",
            subcommands: [StoreBench.self, SyncBench.self])
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
    var progress: @Sendable (String) -> Void {
        { line in FileHandle.standardError.write(Data("… \(line)\n".utf8)) }
    }

    func warnIfDebug() {
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
}
