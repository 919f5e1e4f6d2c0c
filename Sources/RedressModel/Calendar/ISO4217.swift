/// The active currencies of ISO 4217 List One with their minor-unit
/// exponents (decimal places), as data: Foundation's `Locale` knows
/// currencies but not reliably their exponents on every platform, and an
/// amount of redress must be stored in exact minor units.
///
/// Codes whose minor unit ISO gives as "N.A." (gold, SDR, test and "no
/// currency" codes such as XAU, XDR, XTS, XXX) are left out: redress is not
/// paid in them. ANG (replaced by XCG in 2025) is kept for older records.
enum ISO4217 {
    static let exponents: [String: Int] = {
        var table: [String: Int] = [:]
        for code in twoDecimals { table[code] = 2 }
        for code in noDecimals { table[code] = 0 }
        for code in threeDecimals { table[code] = 3 }
        for code in fourDecimals { table[code] = 4 }
        return table
    }()

    private static let noDecimals = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
        "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
    ]

    private static let threeDecimals = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]

    private static let fourDecimals = ["CLF", "UYW"]

    private static let twoDecimals = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN",
        "BAM", "BBD", "BDT", "BGN", "BMD", "BND", "BOB", "BOV", "BRL", "BSD",
        "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CNY",
        "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP",
        "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD",
        "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR",
        "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR",
        "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU",
        "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO",
        "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR",
        "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP",
        "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS",
        "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "USN", "UYU",
        "UZS", "VED", "VES", "WST", "XCD", "XCG", "YER", "ZAR", "ZMW", "ZWG",
    ]
}
