/// How long an organisation promises to take, as it states the promise:
/// "48 hours", "15 days", "8 weeks", "10 working hours", "2 working days".
///
/// Calendar units (hours, days, weeks) run round the clock; working units
/// count only a division's working time (`WorkingCalendar`), because that is
/// how service-level promises and regulators' deadlines are written.
public struct PromiseDuration: Hashable, Sendable, CustomStringConvertible {
    public enum Unit: String, CaseIterable, Sendable, Hashable {
        case hours, days, weeks
        case workingHours = "working hours"
        case workingDays = "working days"

        /// The name for an amount of one ("1 working day").
        public var singular: String {
            switch self {
            case .hours: "hour"
            case .days: "day"
            case .weeks: "week"
            case .workingHours: "working hour"
            case .workingDays: "working day"
            }
        }
    }

    /// The accepted amounts: a promise of nothing is no promise, and 100 000
    /// of any unit is already centuries of working days.
    public static let amounts: ClosedRange<Int> = 1...100_000

    public let amount: Int
    public let unit: Unit

    /// A promise; `amount` must be in `amounts` (a programming error otherwise;
    /// text from people goes through `init(parsing:)`).
    public init(amount: Int, unit: Unit) {
        precondition(Self.amounts.contains(amount), "a promise is 1 to 100000 units, not \(amount)")
        self.amount = amount
        self.unit = unit
    }

    /// Whether the promise counts only working time.
    public var isWorkingTime: Bool { unit == .workingHours || unit == .workingDays }

    /// Parses "2 working days", "1 hour", "15 business days" ("business" is a
    /// synonym of "working"); case, singular or plural and extra spaces do not
    /// matter. The amount is ASCII digits only ("two days", "-1 days", "1e3
    /// days" are refused).
    public init(parsing text: String) throws(CalendarError) {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        let accepted = "expected a whole number from 1 to 100000 and a unit: hours, days, weeks, working hours or working days (\"business\" may stand for \"working\"), e.g. \"2 working days\""
        guard let first = words.first, first.isASCIIDigits else {
            throw CalendarError(field: "promise", value: text, reason: accepted)
        }
        guard let amount = Int(first), Self.amounts.contains(amount) else {
            throw CalendarError(field: "promise", value: text, reason: "the amount must be from 1 to 100000; \(accepted)")
        }
        var unitWords = Array(words.dropFirst())
        if unitWords.first == "business" { unitWords[0] = "working" }
        let name = unitWords.joined(separator: " ")
        guard let unit = Unit.allCases.first(where: { $0.rawValue == name || $0.singular == name }) else {
            let typed = name.isEmpty ? "no unit" : "unknown unit \"\(name)\""
            throw CalendarError(field: "promise", value: text, reason: "\(typed); \(accepted)")
        }
        self.init(amount: amount, unit: unit)
    }

    /// The canonical text ("2 working days", "1 working day", "48 hours",
    /// "1 hour"), which `init(parsing:)` reads back to the same value.
    public var description: String { "\(amount) \(amount == 1 ? unit.singular : unit.rawValue)" }
}
