/// A day of the week, numbered as ISO 8601 does (Monday 1 … Sunday 7), so
/// that "mon-fri" is an ascending range and the order is the same in every
/// locale.
public enum Weekday: Int, CaseIterable, Sendable, Comparable, Hashable {
    case mon = 1, tue, wed, thu, fri, sat, sun

    /// The three-letter lower-case code used in settings and on the command
    /// line ("mon" … "sun"); locale-independent, unlike day names.
    public var code: String {
        switch self {
        case .mon: "mon"
        case .tue: "tue"
        case .wed: "wed"
        case .thu: "thu"
        case .fri: "fri"
        case .sat: "sat"
        case .sun: "sun"
        }
    }

    /// The day with this code, ignoring case and surrounding spaces.
    public init?(code: String) {
        let wanted = code.trimmingSpaces().lowercased()
        guard let day = Weekday.allCases.first(where: { $0.code == wanted }) else { return nil }
        self = day
    }

    /// The next day, Sunday wrapping round to Monday (for ranges like "sun-thu").
    public var next: Weekday { Weekday(rawValue: rawValue % 7 + 1)! }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
