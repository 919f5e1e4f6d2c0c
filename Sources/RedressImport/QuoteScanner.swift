import Foundation

/// Finds broken quoting in a CSV file, line by line, in one fast byte pass.
///
/// The CSV parser (yaslab/CSV.swift) is lenient: text after a closing quote
/// (`"abc"def`) silently loses a character, and an unclosed quote swallows
/// the rows after it. Neither may pass unnoticed in an import that promises
/// to lose nothing, so this pass tokenizes quotes exactly as that parser does
/// (RFC 4180: a field is quoted when it starts with `"`; `""` is an escaped
/// quote) and records the lines where the two kinds of damage occur. The
/// importer then rejects every row that spans such a line.
///
/// ```
///   state         byte      next state     note
///   fieldStart    "         quoted
///   fieldStart    , LF CR   fieldStart
///   fieldStart    other     unquoted
///   unquoted      , LF CR   fieldStart
///   quoted        "         closing
///   closing       "         quoted         escaped quote
///   closing       , LF CR   fieldStart     field closed properly
///   closing       other     quoted         text after a closing quote: damage
///   quoted at end of file                  unclosed quote: damage
/// ```
struct QuoteScanner {
    struct Damage: Sendable, Hashable {
        let line: Int
        let reason: String
    }

    /// At most this many damaged lines are remembered: a file that broken is not worth more detail.
    static let limit = 10_000

    private enum State { case fieldStart, unquoted, quoted, closing }

    /// Lines with damage, ascending, and the last line of the file that has content.
    static func scan(_ url: URL) throws -> (damage: [Damage], lastLine: Int) {
        guard let stream = InputStream(url: url) else { throw CocoaError(.fileReadNoSuchFile) }
        stream.open()
        defer { stream.close() }
        let capacity = 1 << 16
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var damage: [Damage] = []
        var state = State.fieldStart
        var line = 1
        var quoteOpenedOn = 1
        var endsWithNewline = false
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        while true {
            let count = stream.read(buffer, maxLength: capacity)
            if count < 0 { throw CocoaError(.fileReadUnknown) }
            if count == 0 { break }
            endsWithNewline = buffer[count - 1] == UInt8(ascii: "\n")
            for i in 0..<count {
                let byte = buffer[i]
                switch state {
                case .fieldStart:
                    if byte == quote { state = .quoted; quoteOpenedOn = line } else if byte != comma && byte != lf && byte != cr { state = .unquoted }
                case .unquoted:
                    if byte == comma || byte == lf || byte == cr { state = .fieldStart }
                case .quoted:
                    if byte == quote { state = .closing }
                case .closing:
                    if byte == quote {
                        state = .quoted
                    } else if byte == comma || byte == lf || byte == cr {
                        state = .fieldStart
                    } else {
                        state = .quoted
                        if damage.count < limit {
                            damage.append(Damage(line: line, reason: "broken quoting: text after a closing quote on line \(line)"))
                        }
                    }
                }
                if byte == lf { line += 1 }
            }
        }
        if state == .quoted, damage.count < limit {
            damage.append(Damage(line: quoteOpenedOn, reason: "broken quoting: the quote opened on line \(quoteOpenedOn) is never closed"))
        }
        return (damage, endsWithNewline ? line - 1 : line)
    }
}
