public import Foundation

/// Finds the CFPB sample `bench report` imports when no `--csv` is given.
///
/// The full sample lives beside the repository (`../shared/data/`, in CI as on
/// the team's machine); a bare clone has only the small slice the tests use.
/// Both are looked for relative to the current folder and to the package the
/// executable was built in (found by walking up from the executable to a
/// `Package.swift`), so the benchmark works from any folder.
public enum ReportBenchmarkSample {
    /// The full sample: 6,623 complaints.
    static let shared = "../shared/data/complaints_sample.csv"
    /// The slice committed for the tests: 300 complaints.
    static let committed = "Tests/RedressReportsTests/Fixtures/cfpb_first_300.csv"

    /// Paths to try, best first: the full sample, then the committed slice.
    public static func candidates(currentDirectory: URL, executable: URL?) -> [URL] {
        var roots = [currentDirectory.standardizedFileURL]
        if let packageRoot = executable.flatMap(packageRoot(of:)), !roots.contains(packageRoot) { roots.append(packageRoot) }
        return [shared, committed].flatMap { relative in
            roots.map { $0.appendingPathComponent(relative).standardizedFileURL }
        }
    }

    /// The first candidate that exists, or `noSampleFile` naming them all.
    public static func locate(currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                              executable: URL? = Bundle.main.executableURL) throws(ReportBenchmarkError) -> URL {
        let paths = candidates(currentDirectory: currentDirectory, executable: executable)
        guard let found = paths.first(where: { FileManager.default.isReadableFile(atPath: $0.path) }) else {
            throw .noSampleFile(searched: paths.map(\.path))
        }
        return found
    }

    /// The nearest folder above `executable` that holds a `Package.swift`.
    static func packageRoot(of executable: URL) -> URL? {
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent().standardizedFileURL
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder = folder.deletingLastPathComponent().standardizedFileURL
        }
        return nil
    }
}
