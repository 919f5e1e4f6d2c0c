import Foundation

/// A promise's length as organisations state it: "48 hours", "15 days",
/// "8 weeks", "10 working hours", "2 working days".
///
/// Calendar units count every hour; working units count only the
/// division's working time (`WorkingCalendar`).
public struct PromiseDuration: Hashable, Sendable, CustomStringConvertible {
    public enum Unit: String, CaseIterable, Sendable {
        case hours, days, weeks
        case workingHours = "working hours"
        case workingDays = "working days"

        var singular: String {
            switch self {
            case .hours: "hour"
            case .days: "day"
            case .weeks: "week"
            case .workingHours: "working hour"
            case .workingDays: "working day"
            }
        }
    }

    public let amount: Int
    public let unit: Unit

    public static let amounts = 1...100_000

    public init(amount: Int, unit: Unit) {
        precondition(Self.amounts.contains(amount), "a promise is at least 1 unit long")
        self.amount = amount
        self.unit = unit
    }

    public var isWorkingTime: Bool { unit == .workingHours || unit == .workingDays }

    /// Parses "2 working days", "1 hour", "15 business days" (a synonym of
    /// working days); case and extra spaces do not matter.
    public init(parsing text: String) throws(CalendarError) {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        let accepted = "a whole number from 1 to 100000 and one of: hours, days, weeks, working hours, working days (e.g. \"2 working days\")"
        guard words.count >= 2, let amount = Int(words[0]), words[0].allSatisfy(\.isNumber) else {
            throw CalendarError(field: "promise", value: text, reason: "expected \(accepted)")
        }
        guard Self.amounts.contains(amount) else { throw CalendarError(field: "promise", value: text, reason: "expected \(accepted)") }
        var name = words.dropFirst().joined(separator: " ")
        name = name.replacingOccurrences(of: "business", with: "working")
        guard let unit = Unit.allCases.first(where: { $0.rawValue == name || $0.singular == name }) else {
            throw CalendarError(field: "promise", value: text, reason: "unknown unit \"\(words.dropFirst().joined(separator: " "))\"; expected \(accepted)")
        }
        self.init(amount: amount, unit: unit)
    }

    public var description: String { "\(amount) \(amount == 1 ? unit.singular : unit.rawValue)" }
}
