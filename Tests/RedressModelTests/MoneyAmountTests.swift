import RedressModel
import Testing

/// Redress paid: decimal text to exact minor units and back.
@Suite struct MoneyAmountTests {
    @Test func amountsParseToMinorUnits() throws {
        let cases: [(String, Int64, String)] = [
            ("50.00 GBP", 5_000, "GBP"), ("50 GBP", 5_000, "GBP"), ("0 EUR", 0, "EUR"), ("1234.5 USD", 123_450, "USD"),
            ("1000 JPY", 1_000, "JPY"), ("50 gbp", 5_000, "GBP"), ("0.5 BHD", 500, "BHD"), ("  7.25   chf ", 725, "CHF"),
            ("0.10 GBP", 10, "GBP"), ("999999999999999.99 GBP", 99_999_999_999_999_999, "GBP"), ("007.50 EUR", 750, "EUR"),
            ("1.2345 CLF", 12_345, "CLF"),
        ]
        for (text, minor, currency) in cases {
            let amount = try MoneyAmount(parsing: text)
            #expect(amount.minorUnits == minor, "\(text)")
            #expect(amount.currency == currency, "\(text)")
        }
        #expect(try MoneyAmount(amountText: "1234.5", currency: "usd") == MoneyAmount(minorUnits: 123_450, currency: "USD"))
    }

    @Test func amountsPrintWithTheCurrencysDecimals() throws {
        #expect(try MoneyAmount(parsing: "50 GBP").amountText == "50.00")
        #expect(try MoneyAmount(parsing: "50 GBP").description == "50.00 GBP")
        #expect(try MoneyAmount(parsing: "1000 JPY").amountText == "1000")
        #expect(try MoneyAmount(parsing: "0.5 BHD").amountText == "0.500")
        #expect(try MoneyAmount(parsing: "0.05 EUR").amountText == "0.05")
        #expect(MoneyAmount(minorUnits: 0, currency: "KWD").description == "0.000 KWD")
        // Stored values are shown as they are, never trapping.
        #expect(MoneyAmount(minorUnits: -150, currency: "GBP").amountText == "-1.50")
        #expect(MoneyAmount(minorUnits: Int64.min, currency: "JPY").amountText == "-9223372036854775808")
        #expect(MoneyAmount(minorUnits: 1_234, currency: "XYZ").description == "12.34 XYZ")
    }

    @Test func amountsRoundTripThroughTheirText() throws {
        var random = SplitMix64(seed: 4_217)
        print("seed", 4_217)
        let currencies = ["GBP", "EUR", "USD", "JPY", "KRW", "BHD", "KWD", "CLF", "ISK", "TND"]
        for _ in 0..<2_000 {
            let currency = currencies.randomElement(using: &random)!
            let minor = Int64.random(in: 0...999_999_999_999, using: &random) / Int64(1 << Int.random(in: 0...39, using: &random))
            let amount = try MoneyAmount(validatingMinorUnits: minor, currency: currency)
            #expect(try MoneyAmount(parsing: amount.description) == amount)
            #expect(try MoneyAmount(amountText: amount.amountText, currency: amount.currency) == amount)
        }
    }

    @Test func theCurrencyTableHasISOExponents() {
        for code in ["GBP", "EUR", "USD", "CHF", "INR", "CNY", "AUD", "CAD", "ZAR", "XCG", "ZWG", "SLE", "VES"] {
            #expect(MoneyAmount.exponent(of: code) == 2, "\(code)")
        }
        for code in ["JPY", "KRW", "ISK", "CLP", "VND", "UGX", "XAF", "XOF", "XPF", "PYG"] {
            #expect(MoneyAmount.exponent(of: code) == 0, "\(code)")
        }
        for code in ["BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD"] {
            #expect(MoneyAmount.exponent(of: code) == 3, "\(code)")
        }
        #expect(MoneyAmount.exponent(of: "CLF") == 4)
        for code in ["XYZ", "gbp", "XAU", "XXX", "HRK", ""] {
            #expect(MoneyAmount.exponent(of: code) == nil, "\(code)")
        }
    }

    @Test func amountsRefuseWhatIsNotExactRedress() throws {
        let cases: [(String, String, String)] = [
            ("-5.00 GBP", "amount", "cannot be negative"), ("50.00 XYZ", "currency", "not an active ISO 4217 currency code"),
            ("1.234 GBP", "amount", "GBP has 2 decimal places"), ("10.5 JPY", "amount", "JPY has no decimal places"),
            ("ten GBP", "amount", "expected digits"), ("1e3 GBP", "amount", "expected digits"),
            ("1,000.00 GBP", "amount", "expected digits"), ("50.00", "amount", "expected an amount and an ISO 4217 currency code"),
            ("1234567890123456 GBP", "amount", "too large"), ("50. GBP", "amount", "expected digits"), (".5 GBP", "amount", "expected digits"),
            ("+5 GBP", "amount", "expected digits"), ("", "amount", "expected an amount"), ("5 GBP EUR", "amount", "expected an amount"),
            ("1.23456 CLF", "amount", "CLF has 4 decimal places"), ("٥ GBP", "amount", "expected digits"),
        ]
        for (text, field, problem) in cases {
            let error = #expect(throws: CalendarError.self) { try MoneyAmount(parsing: text) }
            #expect(error?.field == field, "\(text)")
            #expect(error?.description.hasPrefix("invalid \(field) \"\(text)\": ") == true, "\(error?.description ?? "")")
            #expect(error?.description.contains(problem) == true, "\(error?.description ?? "")")
        }
        let error = #expect(throws: CalendarError.self) { try MoneyAmount(amountText: "1.234", currency: "GBP") }
        #expect(error?.description == "invalid amount \"1.234\": GBP has 2 decimal places")
        #expect(throws: CalendarError.self) { try MoneyAmount(validatingMinorUnits: -1, currency: "GBP") }
        #expect(throws: CalendarError.self) { try MoneyAmount(validatingMinorUnits: 1, currency: "XYZ") }
        #expect(try MoneyAmount(validatingMinorUnits: 5_000, currency: "gbp") == MoneyAmount(minorUnits: 5_000, currency: "GBP"))
    }
}
