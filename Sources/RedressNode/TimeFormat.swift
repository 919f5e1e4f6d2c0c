import Foundation
import RedressModel

/// Times as users read and type them: ISO 8601 in UTC.
public enum TimeFormat {
    /// `2026-11-24T18:30:00Z`: what `ISO8601DateFormatter` with `.withInternetDateTime` writes,
    /// computed directly (a list of complaints writes several times per complaint, and
    /// making a formatter each time cost more than the query).
    public static func string(_ millis: Int64?) -> String? {
        guard let millis else { return nil }
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let date = LocalDate(dayNumber: Int(days))
        let (year, month, day) = (Int64(date.year), Int64(date.month), Int64(date.day))
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = year >= 0 && year < 10_000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }

    /// A short form for tables: `2026-11-24 18:30`.
    public static func short(_ millis: Int64?) -> String {
        guard let full = string(millis) else { return "-" }
        return String(full.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// Parses exactly `2026-11-24T18:30:00Z` (optionally with fractions of a
    /// second, and `+01:00`-style offsets instead of `Z`) or a day `2026-11-24`;
    /// `nil` for anything else, including impossible dates and times
    /// (2026-02-30, 25:00) and trailing text.
    public static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ bytes[$0] >= 48 && bytes[$0] <= 57 }) else { return nil }
            return range.reduce(0) { $0 * 10 + Int64(bytes[$1] - 48) }
        }
        func byte(_ index: Int, _ character: Character) -> Bool { index < bytes.count && bytes[index] == character.asciiValue }
        guard let year = number(0..<4), byte(4, "-"), let month = number(5..<7), byte(7, "-"), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        if bytes.count == 10 { return days * 86_400_000 }
        guard byte(10, "T"), let hour = number(11..<13), byte(13, ":"), let minute = number(14..<16), byte(16, ":"),
              let second = number(17..<19), hour < 24, minute < 60, second < 60 else { return nil }
        var index = 19, millis: Int64 = 0
        if byte(index, ".") {
            var digits = 0
            index += 1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 3 { millis = millis * 10 + Int64(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if digits < 3 { for _ in digits..<3 { millis *= 10 } }
        }
        var offset: Int64 = 0
        if byte(index, "Z") {
            index += 1
        } else if byte(index, "+") || byte(index, "-") {
            let sign: Int64 = bytes[index] == Character("-").asciiValue ? -1 : 1
            guard let hours = number(index + 1..<index + 3), byte(index + 3, ":"), let minutes = number(index + 4..<index + 6),
                  hours < 24, minutes < 60 else { return nil }
            offset = sign * (hours * 60 + minutes) * 60_000
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        return days * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static var nowMillis: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
