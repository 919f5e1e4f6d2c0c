import Foundation

/// What every `redress bench …` result prints: one JSON line (`--json`), or
/// an aligned table for people.
public protocol BenchmarkReport: Encodable {}

extension BenchmarkReport {
    /// One line of JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Rows of (figure, value, note) as lines with the first two columns
    /// aligned; trailing spaces dropped (names may be indented).
    static func tableLines(_ rows: [(String, String, String)]) -> [String] {
        let width = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.map(\.1.count).max() ?? 0
        return rows.map { name, value, note in
            let line = name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  " + note
            return String(line.reversed().drop(while: \.isWhitespace).reversed())
        }
    }
}
