import Foundation

/// An amount of money, such as the redress paid on a complaint: whole minor
/// units of an ISO 4217 currency (pence, cents; yen have none, dinars
/// three), so that it is exact. Parsed from and printed as decimal text;
/// no floating-point number is ever involved.
public struct MoneyAmount: Hashable, Sendable, CustomStringConvertible {
    /// Never negative.
    public let minorUnits: Int64
    /// An ISO 4217 alphabetic code, upper case.
    public let currency: String

    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// "50.00 GBP", "50 GBP", "1000 JPY".
    public init(parsing text: String) throws(CalendarError) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 2 else {
            throw CalendarError(field: "amount", value: text, reason: "expected an amount and its currency, e.g. \"50.00 GBP\"")
        }
        try self.init(amountText: words[0], currency: words[1])
    }

    /// An amount and a currency given apart (two form fields).
    public init(amountText: String, currency: String) throws(CalendarError) {
        let code = currency.trimmingCharacters(in: .whitespaces).uppercased()
        guard let exponent = Self.exponent(of: code) else {
            throw CalendarError(field: "currency", value: currency, reason: "not an ISO 4217 currency code (such as GBP, EUR, USD, JPY)")
        }
        let amount = amountText.trimmingCharacters(in: .whitespaces)
        let parts = amount.split(separator: ".", omittingEmptySubsequences: false)
        let digits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (1...2).contains(parts.count), digits(parts[0]), parts.count == 1 || digits(parts[1]) else {
            throw CalendarError(field: "amount", value: amountText,
                                reason: amount.hasPrefix("-") ? "a redress paid cannot be negative" : "expected a decimal amount such as 50.00 (digits, one optional decimal point)")
        }
        guard parts[0].count <= 15 else { throw CalendarError(field: "amount", value: amountText, reason: "too large (at most 15 digits before the decimal point)") }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= exponent else {
            throw CalendarError(field: "amount", value: amountText,
                                reason: "\(code) has \(exponent == 0 ? "no" : String(exponent)) decimal place\(exponent == 1 ? "" : "s")")
        }
        var minor = Int64(parts[0])!
        for _ in 0..<exponent { minor *= 10 }
        if !fraction.isEmpty {
            var scaled = Int64(fraction)!
            for _ in fraction.count..<exponent { scaled *= 10 }
            minor += scaled
        }
        self.init(minorUnits: minor, currency: code)
    }

    /// The amount as decimal text with the currency's decimals: "50.00", "1000", "0.500".
    public var amountText: String {
        let exponent = Self.exponent(of: currency) ?? 2
        guard exponent > 0 else { return String(minorUnits) }
        var divisor: Int64 = 1
        for _ in 0..<exponent { divisor *= 10 }
        let fraction = String(minorUnits % divisor)
        return "\(minorUnits / divisor)." + String(repeating: "0", count: exponent - fraction.count) + fraction
    }

    public var description: String { "\(amountText) \(currency)" }

    /// The number of decimals (minor-unit exponent) of an ISO 4217 code, or nil if unknown.
    public static func exponent(of currency: String) -> Int? {
        if let exponent = exceptions[currency] { return exponent }
        return twoDecimalCurrencies.contains(currency) ? 2 : nil
    }

    /// Active ISO 4217 currencies whose minor unit is not a hundredth.
    static let exceptions: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0,
        "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        "CLF": 4, "UYW": 4,
    ]

    /// Active ISO 4217 currencies with two decimals.
    static let twoDecimalCurrencies: Set<String> = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD", "BND", "BOB",
        "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CNY", "COP", "COU", "CRC", "CUP",
        "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ",
        "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK",
        "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV",
        "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD",
        "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
        "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "USN", "UYU", "UZS", "VED", "VES", "WST", "XCD", "XCG",
        "YER", "ZAR", "ZMW", "ZWG",
    ]
}
