public import RedressStore

/// An import that could not run at all (as opposed to single bad rows, which
/// are reported in the summary while the good rows are imported).
public enum ImportError: Error, Sendable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case missingHeader(path: String)
    case missingColumns(path: String, columns: [String])
    case invalidMapping(path: String, reason: String)
    case store(StoreError)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason)"
        case .missingHeader(let path):
            "\(path) has no header row; the first line must name the columns"
        case .missingColumns(let path, let columns):
            "\(path) lacks the column\(columns.count == 1 ? "" : "s") \(columns.map { "\"\($0)\"" }.joined(separator: ", ")) that the mapping needs"
        case .invalidMapping(let path, let reason):
            "invalid mapping file \(path): \(reason)"
        case .store(let error):
            error.description
        }
    }
}
