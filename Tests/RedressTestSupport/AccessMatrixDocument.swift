public import Foundation
public import RedressModel

/// The tables of docs/ACCESS.md, read as data, so that tests check the code
/// against the page people read.
public struct AccessMatrixDocument {
    public enum Cell: String, Sendable {
        case yes, no, level
    }

    public struct Key: Hashable, Sendable {
        public var action: AccessAction
        public var role: Role
        public var scope: AccessPolicy.Scope

        public init(action: AccessAction, role: Role, scope: AccessPolicy.Scope) {
            self.action = action
            self.role = role
            self.scope = scope
        }
    }

    public var cells: [Key: Cell] = [:]
    public var authority: [Role: Int?] = [:]

    public static func load() throws -> AccessMatrixDocument {
        let root = Self.repositoryRoot
        let text = try String(contentsOf: root.appendingPathComponent("docs/ACCESS.md"), encoding: .utf8)
        var document = AccessMatrixDocument()
        var header: [String] = []
        for line in text.split(separator: "\n").map(String.init) where line.hasPrefix("|") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.first == "action" { header = cells; continue }
            if cells.first == "role", cells.count == 2 { header = []; continue }
            if header.first == "action", let action = AccessAction(rawValue: cells[0]) {
                for (column, value) in zip(header.dropFirst(), cells.dropFirst()) {
                    let parts = column.split(separator: " ")
                    guard parts.count == 2, let role = Role(rawValue: String(parts[0])),
                          let scope = AccessPolicy.Scope(rawValue: String(parts[1])), let cell = Cell(rawValue: value) else {
                        throw DocumentError("docs/ACCESS.md: cannot read \(column) = \(value) of \(cells[0])")
                    }
                    document.cells[Key(action: action, role: role, scope: scope)] = cell
                }
            } else if header.isEmpty, cells.count == 2, let role = Role(rawValue: cells[0]) {
                document.authority[role] = cells[1] == "none" ? .some(nil) : Int(cells[1].prefix { $0.isNumber })
            }
        }
        return document
    }

    /// The repository's root folder (this file is in Tests/RedressTestSupport).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public struct DocumentError: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Whether the page allows the cell at `level`.
    public func allows(_ key: Key, level: Int) -> Bool? {
        guard let cell = cells[key] else { return nil }
        switch cell {
        case .yes: return true
        case .no: return false
        case .level:
            guard let authority = authority[key.role], let authority else { return false }
            return level <= authority
        }
    }
}
