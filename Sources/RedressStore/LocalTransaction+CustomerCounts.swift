import RedressModel

extension LocalTransaction {
    /// Records how many customers (or transactions) a division served in one
    /// calendar month, the denominator of "complaints per 1,000 customers".
    ///
    /// The record is replicated like every other, keyed `division/period`, so
    /// every node computes the same rates; a later write of the same month wins.
    ///
    /// - Parameters:
    ///   - period: a calendar month, `YYYY-MM`.
    ///   - customers: zero or more.
    public func setCustomerCount(division: String, period: String, customers: Int) throws {
        try Validation.code(division, field: "division")
        guard try record(.division, key: division) != nil else { throw StoreError.unknownDivision(division) }
        guard Self.isMonth(period) else {
            throw StoreError.invalidValue(field: "period", value: period, reason: "use a calendar month, YYYY-MM (e.g. 2026-11)")
        }
        try Validation.range(customers, field: "count", 0...Int(Int32.max))
        try write(key: "\(division)/\(period)", [
            CustomerCountField.division: .text(division),
            .period: .text(period),
            .customers: .integer(Int64(customers)),
        ])
    }

    /// `YYYY-MM` with a month from 01 to 12.
    static func isMonth(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return false }
        let digits = bytes[0..<4] + bytes[5..<7]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
        let month = Int(bytes[5] - UInt8(ascii: "0")) * 10 + Int(bytes[6] - UInt8(ascii: "0"))
        return (1...12).contains(month)
    }
}
