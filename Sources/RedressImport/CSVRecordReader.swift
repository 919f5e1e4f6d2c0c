import CSV
import Foundation

/// Streams the records of a CSV file with the line each starts on, flagging
/// records that `QuoteScanner` found damaged.
///
/// Parsing is yaslab/CSV.swift's streaming reader (quoted fields, escaped
/// quotes, newlines inside quotes, a UTF-8 byte-order mark); this type adds
/// line numbers, which that reader does not give: a record ends one line
/// after the newlines inside its fields.
final class CSVRecordReader {
    let header: [String]
    let columns: [String: Int]
    private let reader: CSVReader
    private var nextLine: Int
    private var damage: [QuoteScanner.Damage]
    private var damageIndex = 0
    /// The last line of the file with content: an unclosed quote's field runs to it.
    private let lastLine: Int

    init(url: URL) throws(ImportError) {
        // Checked first: on Linux a failing InputStream prints CoreFoundation noise when asked why.
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .unreadableFile(path: url.path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadableFile(path: url.path, reason: "it is a folder, not a CSV file") }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw .unreadableFile(path: url.path, reason: "permission denied")
        }
        do {
            (damage, lastLine) = try QuoteScanner.scan(url)
        } catch {
            throw .unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        guard let stream = InputStream(url: url) else {
            throw .unreadableFile(path: url.path, reason: "no such file")
        }
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch CSVError.cannotReadHeaderRow {
            throw .missingHeader(path: url.path)
        } catch {
            throw .unreadableFile(path: url.path, reason: "\(error)")
        }
        guard let header = reader.headerRow, header.contains(where: { !$0.isEmpty }) else { throw .missingHeader(path: url.path) }
        // A byte-order mark is consumed by the reader; stray spaces around names are not meaningful.
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        var columns: [String: Int] = [:]
        for (index, name) in self.header.enumerated() where columns[name] == nil { columns[name] = index }
        self.columns = columns
        nextLine = 1 + Self.lineCount(header)
    }

    /// A record and, when its quoting is broken or its field count is wrong, why it cannot be trusted.
    struct Record {
        let row: CSVRow
        let problem: String?
    }

    /// The next non-blank record, or nil at the end of the file.
    func next() -> Record? {
        while let fields = reader.next() {
            let start = nextLine
            let end = min(start + Self.lineCount(fields) - 1, max(lastLine, start))
            nextLine = end + 1
            if fields.count == 1 && fields[0].isEmpty { continue }
            var problem: String?
            if let stop = stopMessage {
                // The reader stopped inside this record: what it returned is cut short.
                stopReported = true
                return Record(row: CSVRow(line: start, fields: fields, columns: columns), problem: stop)
            }
            while damageIndex < damage.count, damage[damageIndex].line < start { damageIndex += 1 }
            if damageIndex < damage.count, damage[damageIndex].line <= end {
                problem = damage[damageIndex].reason
                if end > start { problem! += "; lines \(start)–\(end) could not be split into rows and were not imported" }
            } else if fields.count != header.count {
                problem = "expected \(header.count) fields, found \(fields.count)"
            }
            return Record(row: CSVRow(line: start, fields: fields, columns: columns), problem: problem)
        }
        return nil
    }

    /// Set when the reader stopped early (e.g. invalid UTF-8) after the last
    /// record, with the line where it did; a stop inside a record is that record's problem.
    var stopReason: (line: Int, reason: String)? {
        guard !stopReported, let message = stopMessage else { return nil }
        return (nextLine, message)
    }

    private var stopReported = false

    /// Why the reader stopped before the end of the file, if it did.
    private var stopMessage: String? {
        switch reader.error {
        case nil, CSVError.cannotReadFile?:
            // `cannotReadFile` is how the reader meets the end of the file.
            nil
        case CSVError.unicodeDecoding?:
            "invalid UTF-8 on this line; this row and the rest of the file were not read"
        case let error?:
            "the file could not be read from this line on (\(error)); this row and the rest were not read"
        }
    }

    /// Physical lines a record spans: one, plus the newlines inside its fields.
    private static func lineCount(_ fields: [String]) -> Int {
        var lines = 1
        for field in fields { for byte in field.utf8 where byte == UInt8(ascii: "\n") { lines += 1 } }
        return lines
    }
}
