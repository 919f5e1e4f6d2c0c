/// A day of the week, Monday first (ISO 8601).
public enum Weekday: Int, CaseIterable, Sendable, Comparable, Hashable {
    case mon = 1, tue, wed, thu, fri, sat, sun

    /// The three-letter code used in `--working-days` ("mon" … "sun").
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

    public init?(code: String) {
        guard let day = Weekday.allCases.first(where: { $0.code == code.lowercased() }) else { return nil }
        self = day
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
