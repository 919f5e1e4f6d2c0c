import Foundation
import RedressModel

/// Input checks shared by every write, so that bad input is refused before
/// anything is stamped.
enum Validation {
    /// Codes (divisions, taxonomy entries): short, lowercase-friendly, no spaces.
    static func code(_ value: String, field: String) throws(StoreError) {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard !value.isEmpty, value.count <= 64, value.unicodeScalars.allSatisfy(allowed.contains) else {
            throw .invalidValue(field: field, value: value, reason: "use 1–64 letters, digits, '-', '_' or '.'")
        }
    }

    static func text(_ value: String?, field: String, required: Bool, maxLength: Int = 20_000, personal: Bool = false) throws(StoreError) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let trimmed, !trimmed.isEmpty else {
            if required { throw .missingField(field) }
            return nil
        }
        guard trimmed.count <= maxLength else {
            // Never echo personal text back, even in an error.
            throw .invalidValue(field: field, value: personal ? "…" : String(trimmed.prefix(40)) + "…",
                                reason: "longer than \(maxLength) characters")
        }
        return trimmed
    }

    static func range(_ value: Int?, field: String, _ range: ClosedRange<Int>) throws(StoreError) {
        guard let value else { return }
        guard range.contains(value) else {
            throw .invalidValue(field: field, value: String(value), reason: "must be between \(range.lowerBound) and \(range.upperBound)")
        }
    }
}
