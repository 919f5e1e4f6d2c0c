/// An amount of money, such as the redress paid on a complaint: a whole
/// number of minor units (pence, cents; yen have none, dinars thousandths)
/// of an ISO 4217 currency, so that sums and reports are exact.
///
/// It is read from and written as decimal text with integer arithmetic only;
/// no floating-point number is ever involved, so "0.10" is exactly 10 pence.
public struct MoneyAmount: Hashable, Sendable, CustomStringConvertible {
    /// Never negative: redress is paid to the customer, not taken.
    public let minorUnits: Int64
    /// An ISO 4217 alphabetic code, upper case ("GBP").
    public let currency: String

    /// The most digits accepted before the decimal point (a quadrillion less
    /// one, far above any redress, and safe from Int64 overflow).
    public static let maxIntegerDigits = 15

    /// An amount already in minor units, trusted: stored and replicated
    /// values are read back with it, and a node must not trap on a record
    /// another node wrote. The code is upper-cased; amounts from people go
    /// through `init(parsing:)`, `init(amountText:currency:)` or
    /// `init(validatingMinorUnits:currency:)`.
    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency.trimmingSpaces().uppercased()
    }

    /// An amount in minor units, checked: refuses negative amounts and
    /// currencies that `exponent(of:)` does not know.
    public init(validatingMinorUnits minorUnits: Int64, currency: String) throws(CalendarError) {
        let code = currency.trimmingSpaces().uppercased()
        guard Self.exponent(of: code) != nil else { throw Self.unknownCurrency(currency) }
        guard minorUnits >= 0 else {
            throw CalendarError(field: "amount", value: String(minorUnits), reason: "an amount of redress cannot be negative")
        }
        self.init(minorUnits: minorUnits, currency: code)
    }

    /// Parses an amount and its currency separated by spaces: "50.00 GBP",
    /// "50 GBP", "1234.5 USD", "1000 JPY", "50 gbp". Errors quote the whole text.
    public init(parsing text: String) throws(CalendarError) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 2 else {
            throw CalendarError(field: "amount", value: text,
                                reason: "expected an amount and an ISO 4217 currency code separated by a space, e.g. \"50.00 GBP\"")
        }
        do {
            try self.init(amountText: words[0], currency: words[1])
        } catch {
            throw CalendarError(field: error.field, value: text, reason: error.reason)
        }
    }

    /// The same from two form fields: the amount ("50.00") and the currency
    /// ("GBP", any case). At most as many decimals as the currency has.
    public init(amountText: String, currency: String) throws(CalendarError) {
        let code = currency.trimmingSpaces().uppercased()
        guard let exponent = Self.exponent(of: code) else { throw Self.unknownCurrency(currency) }
        let text = amountText.trimmingSpaces()
        func fail(_ reason: String) -> CalendarError { CalendarError(field: "amount", value: amountText, reason: reason) }
        if text.hasPrefix("-") { throw fail("an amount of redress cannot be negative") }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy(\.isASCIIDigits) else {
            throw fail("expected digits with an optional decimal point, such as 50.00 or 50 (no signs, exponents or thousands separators)")
        }
        let whole = parts[0].drop { $0 == "0" }
        guard whole.count <= Self.maxIntegerDigits else {
            throw fail("too large: at most \(Self.maxIntegerDigits) digits before the decimal point")
        }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= exponent else {
            let places = exponent == 0 ? "no decimal places" : exponent == 1 ? "1 decimal place" : "\(exponent) decimal places"
            throw fail("\(code) has \(places)")
        }
        var minor = Int64(whole.isEmpty ? "0" : String(whole))!
        for _ in 0..<exponent {
            let (scaled, overflow) = minor.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw fail("too large for \(code)") }
            minor = scaled
        }
        if !fraction.isEmpty {
            var cents = Int64(fraction)!
            for _ in fraction.count..<exponent { cents *= 10 }
            let (sum, overflow) = minor.addingReportingOverflow(cents)
            guard !overflow else { throw fail("too large for \(code)") }
            minor = sum
        }
        self.init(minorUnits: minor, currency: code)
    }

    /// The amount with exactly the currency's decimals: "50.00", "1000" for
    /// JPY, "0.500" for BHD. `init(amountText:currency:)` reads it back. (An
    /// unknown stored code is shown with two decimals, a negative stored
    /// amount with a minus sign.)
    public var amountText: String {
        let exponent = Self.exponent(of: currency) ?? 2
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        guard exponent > 0 else { return sign + String(magnitude) }
        var divisor: UInt64 = 1
        for _ in 0..<exponent { divisor *= 10 }
        let fraction = String(magnitude % divisor)
        return sign + "\(magnitude / divisor)." + String(repeating: "0", count: exponent - fraction.count) + fraction
    }

    /// "50.00 GBP", which `init(parsing:)` reads back.
    public var description: String { "\(amountText) \(currency)" }

    /// The number of decimal places (minor-unit exponent) of an active ISO
    /// 4217 currency code, upper case; nil for an unknown code.
    public static func exponent(of currency: String) -> Int? { ISO4217.exponents[currency] }

    private static func unknownCurrency(_ currency: String) -> CalendarError {
        CalendarError(field: "currency", value: currency,
                      reason: "not an active ISO 4217 currency code; expected three letters such as GBP, EUR, USD or JPY")
    }
}
