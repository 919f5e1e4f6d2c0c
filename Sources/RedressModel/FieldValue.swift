/// One replicated field's value, in the shapes SQLite stores.
///
/// The order defined here (null < integer < real < text, then by value) is the
/// single place value order is defined; lattice merges use it to break ties.
public enum FieldValue: Hashable, Comparable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
    public var text: String? { if case .text(let value) = self { value } else { nil } }

    private var typeRank: Int {
        switch self {
        case .null: 0
        case .integer: 1
        case .real: 2
        case .text: 3
        }
    }

    public static func < (lhs: FieldValue, rhs: FieldValue) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): a < b
        case (.real(let a), .real(let b)): a < b
        case (.text(let a), .text(let b)): a < b
        default: lhs.typeRank < rhs.typeRank
        }
    }

    public var description: String {
        switch self {
        case .null: "null"
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        }
    }
}

extension FieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
}

extension Optional where Wrapped == String {
    public var fieldValue: FieldValue { map(FieldValue.text) ?? .null }
}

extension Optional where Wrapped == Int64 {
    public var fieldValue: FieldValue { map(FieldValue.integer) ?? .null }
}
