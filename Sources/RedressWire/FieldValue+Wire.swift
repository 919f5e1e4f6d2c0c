import RedressModel

extension FieldValue {
    /// The value as a field write's oneof; `nil` is null (nothing on the wire).
    var wireValue: Redress_Sync_V1_FieldWrite.OneOf_Value? {
        switch self {
        case .null: nil
        case .integer(let value): .integer(value)
        case .real(let value): .real(value)
        case .text(let value): .text(value)
        }
    }

    init(wireValue: Redress_Sync_V1_FieldWrite.OneOf_Value?) {
        switch wireValue {
        case nil: self = .null
        case .integer(let value): self = .integer(value)
        case .real(let value): self = .real(value)
        case .text(let value): self = .text(value)
        }
    }
}
