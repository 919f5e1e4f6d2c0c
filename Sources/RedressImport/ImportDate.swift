/// Dates as CSV exports write them, parsed without a `DateFormatter` (an
/// import parses one or more per row). All times are UTC.
enum ImportDate {
    /// How a mapping's dates are written.
    enum Format: String, Sendable, CaseIterable {
        /// `2020-03-18`, or ISO 8601 with a time: `2020-03-18T09:30:00Z`, `…+01:00`, `2020-03-18 09:30:00`.
        case iso
        /// `03/18/2020` (month first; the CFPB's older exports).
        case us
        /// `18/03/2020` (day first).
        case eu
    }

    /// Unix ms, or nil when `text` is not a valid date in `format`.
    static func parse(_ text: String, format: Format) -> Int64? {
        let bytes = Array(text.utf8)
        switch format {
        case .iso:
            return parseISO(bytes)
        case .us, .eu:
            let parts = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            guard parts.count == 3, let a = number(parts[0], 1...2), let b = number(parts[1], 1...2),
                  let year = number(parts[2], 4...4) else { return nil }
            let (month, day) = format == .us ? (a, b) : (b, a)
            return millis(year: year, month: month, day: day, seconds: 0)
        }
    }

    private static func parseISO(_ bytes: [UInt8]) -> Int64? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes[0..<4], 4...4), let month = number(bytes[5..<7], 2...2),
              let day = number(bytes[8..<10], 2...2) else { return nil }
        guard bytes.count > 10 else { return millis(year: year, month: month, day: day, seconds: 0) }
        // A time: `T` or a space, `HH:MM[:SS[.fff]]`, then `Z`, `±HH:MM` or nothing (UTC).
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes.count >= 16, bytes[13] == UInt8(ascii: ":"),
              let hour = number(bytes[11..<13], 2...2), let minute = number(bytes[14..<16], 2...2),
              hour < 24, minute < 60 else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard bytes.count >= 19, let s = number(bytes[17..<19], 2...2), s < 61 else { return nil }
            second = s
            index = 19
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            }
        }
        var offset = 0
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "Z") where index == bytes.count - 1:
                break
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard bytes.count == index + 6, bytes[index + 3] == UInt8(ascii: ":"),
                      let h = number(bytes[(index + 1)..<(index + 3)], 2...2), let m = number(bytes[(index + 4)..<(index + 6)], 2...2)
                else { return nil }
                offset = (h * 60 + m) * 60 * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
            default:
                return nil
            }
        }
        guard let base = millis(year: year, month: month, day: day, seconds: hour * 3600 + minute * 60 + second) else { return nil }
        return base - Int64(offset) * 1000
    }

    private static func number(_ digits: ArraySlice<UInt8>, _ length: ClosedRange<Int>) -> Int? {
        guard length.contains(digits.count) else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Days from the civil calendar (Howard Hinnant's algorithm), checked for real days.
    private static func millis(year: Int, month: Int, day: Int, seconds: Int) -> Int64? {
        guard (1...12).contains(month), year >= 1900, year <= 9999 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return (Int64(days) * 86_400 + Int64(seconds)) * 1000
    }
}
